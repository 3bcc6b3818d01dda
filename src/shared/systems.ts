/**
 * Systems the twin models, each as deployed to serve the model (hardware plus the published
 * serving layout). The CLI, the API and scenario files name systems by these ids; the engine
 * catalog holds one deployment for each.
 */
export const SYSTEM_IDS = ['cloudmatrix384', 'h800-deepseek', 'h100-sglang', 'gb200-nvl72'] as const

export type SystemId = (typeof SYSTEM_IDS)[number]

export function isSystemId(value: string): value is SystemId {
  return (SYSTEM_IDS as readonly string[]).includes(value)
}
