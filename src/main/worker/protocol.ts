import type { SystemId } from '../../shared/systems'

/** Messages between the engine host (main process) and the engine worker. */
export type ToWorker =
  { type: 'start'; runId: string; system: SystemId; intervalMs: number } | { type: 'stop' }

export type FromWorker =
  | { type: 'frame'; runId: string; frame: ArrayBuffer }
  | { type: 'stopped'; runId: string }
  | { type: 'error'; runId: string | null; message: string }
