/**
 * Systems the twin can model. A system id is part of the process contract: the CLI, the API
 * and scenario files name systems by these ids, and the engine catalog holds one entry for each.
 */
export const SYSTEM_IDS = ['cloudmatrix384'] as const

export type SystemId = (typeof SYSTEM_IDS)[number]

export function isSystemId(value: string): value is SystemId {
  return (SYSTEM_IDS as readonly string[]).includes(value)
}
