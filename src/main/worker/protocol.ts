import type { RunEvent } from '../../engine/serving/faults'
import type { TraceText } from '../../engine/serving/run'
import type { Scenario } from '../../shared/scenario'

/** A run as the worker receives it: a validated scenario and its trace's text. */
export interface RunRequest {
  runId: string
  scenario: Scenario
  trace: TraceText | null
  /** simulated seconds per wall second; Infinity runs as fast as the CPU allows */
  speed: number
  /** save the run in this library as it goes (null: live only) */
  record: { libraryPath: string; nativeBinding?: string; name: string } | null
}

/** Messages between the run host (main process) and the engine worker. */
export type ToWorker =
  | { type: 'start'; run: RunRequest }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'speed'; speed: number }
  | { type: 'stop' }

export type FromWorker =
  | { type: 'frame'; runId: string; frame: ArrayBuffer; simTimeS: number }
  | { type: 'events'; runId: string; events: RunEvent[] }
  | { type: 'finished'; runId: string; summary: unknown }
  /** a run is set up: its recording, if any, is in the library */
  | { type: 'started'; runId: string }
  /** a run ended early is wound up: its recording, if any, is closed with its final status */
  | { type: 'stopped'; runId: string }
  | { type: 'error'; runId: string | null; message: string }
