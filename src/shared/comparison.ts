import { z } from 'zod'
import { SYSTEM_IDS } from './systems'

/**
 * A comparison: one base scenario run on two or three systems, each with its own published
 * deployment (the base scenario's `deployment` overrides are dropped: they fit one system only).
 * Files in resources/comparisons/*.json; the file name is the id.
 *
 * `load` says how the workload is carried over:
 * - 'per-decode-chip' (default): the arrival rate (or a trace's rate scale) is scaled by the
 *   member's decode chips / the base system's, so every system sees the same requests per
 *   decode chip and per-chip figures compare like with like.
 * - 'same': every system gets the same request stream, as is.
 */
export const comparisonSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1).max(200),
    description: z.string().max(4000).default(''),
    /** a built-in scenario's id (resources/scenarios); its system is the reference */
    scenario: z.string().regex(/^[a-z0-9-]+$/, 'must be a built-in scenario id'),
    /** in order; the first is what deltas are measured against */
    systems: z
      .array(z.enum(SYSTEM_IDS))
      .min(2)
      .max(3)
      .refine((ids) => new Set(ids).size === ids.length, 'must not name a system twice'),
    load: z.enum(['per-decode-chip', 'same']).default('per-decode-chip'),
    /** simulated seconds of each member (default: the base scenario's) */
    durationS: z.number().positive().max(86_400).optional()
  })
  .strict()

export type Comparison = z.output<typeof comparisonSchema>
export type ComparisonLoad = Comparison['load']

/** One member of a comparison as listed: the system and the load it gets. */
export interface ComparisonMemberSummary {
  system: string
  scenarioName: string
  /** requests per second offered (synthetic workload), or null for a trace */
  ratePerS: number | null
  /** the trace's rate scale, or null for a synthetic workload */
  rateScale: number | null
  decodeChips: number
}

/** A built-in comparison, as comparisons.list gives it. */
export interface ComparisonPreset {
  id: string
  name: string
  description: string
  scenario: string
  load: ComparisonLoad
  members: ComparisonMemberSummary[]
}

export type ComparisonState = 'idle' | 'running' | 'finished' | 'cancelled' | 'failed'
export type ComparisonMemberState = 'pending' | 'running' | 'finished' | 'failed' | 'cancelled'

/** Where a comparison run is; sent as a comparison.status event whenever it changes. */
export interface ComparisonStatus {
  state: ComparisonState
  comparisonId: string | null
  name: string | null
  members: (ComparisonMemberSummary & { runId: string | null; state: ComparisonMemberState })[]
  /** index of the member running now, or null */
  current: number | null
  done: number
  total: number
  /** saved run ids of the finished members, in member order (what runs.compare takes) */
  runIds: string[]
  error: string | null
}

export const IDLE_COMPARISON: ComparisonStatus = {
  state: 'idle',
  comparisonId: null,
  name: null,
  members: [],
  current: null,
  done: 0,
  total: 0,
  runIds: [],
  error: null
}
