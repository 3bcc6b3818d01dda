import type { RunSummary } from '../engine/serving/summary'

/** Types of the run library that cross the process boundary (main implements them). */
export type RunStatusName = 'running' | 'complete' | 'stopped' | 'interrupted' | 'failed'

/** A saved run as the library lists it. */
export interface RunRecord {
  id: string
  name: string
  system: string
  scenarioName: string
  status: RunStatusName
  createdAt: string
  finishedAt: string | null
  durationS: number
  sampleIntervalS: number
  seed: number
  /** how far the run got: the time of its last saved frame */
  simulatedS: number
  frameCount: number
  summary: RunSummary | null
  error: string | null
}

/**
 * A whole run at a glance, from the library's coarse level (one point per OVERVIEW_EVERY
 * frames, utilizations averaged over that interval): what a replay timeline draws.
 */
export interface RunOverview {
  /** end of each interval, simulated seconds */
  timesS: number[]
  /** mean compute utilization over all dies */
  dieCompute: number[]
  /** mean utilization over all links */
  linkUtilization: number[]
  /** the run's KPIs at the end of each interval, by name (shared/frame.ts KPI_NAMES) */
  kpis: Record<string, number[]>
}

/** A run's KPIs at every saved frame, as columns: what replayed charts draw. */
export interface RunKpiSeries {
  timesS: number[]
  /** by KPI name (shared/frame.ts KPI_NAMES); NaN where a KPI had no value yet */
  kpis: Record<string, number[]>
}

export type ReplayState = 'closed' | 'paused' | 'playing'

export interface ReplayStatus {
  state: ReplayState
  runId: string | null
  name: string | null
  system: string | null
  /** the replayable range: up to the last saved frame */
  endS: number
  sampleIntervalS: number
  positionS: number
  /** replay speed, simulated seconds per wall second (REPLAY_SPEEDS) */
  speed: number
}

export const REPLAY_SPEEDS = { min: 0.25, max: 64 } as const

/** No replay open (what main reports before the first and after closing one). */
export const CLOSED_REPLAY: ReplayStatus = {
  state: 'closed',
  runId: null,
  name: null,
  system: null,
  endS: 0,
  sampleIntervalS: 1,
  positionS: 0,
  speed: 1
}
