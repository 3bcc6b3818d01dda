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
 * - 'capacity': each system's arrival rate is `loadFraction` of the requests per second its
 *   deployment can serve within the SLO (engine/serving/capacity.ts: the smaller of decode at the
 *   largest batch within the TPOT SLO and prefill at full batches), so per-chip figures compare
 *   what each system can serve rather than the load it was offered. Synthetic workloads only
 *   (a trace's mean lengths are not known before its file is read).
 *
 * `loadFraction` (capacity only, default DEFAULT_LOAD_FRACTION = 0.9): not 1, because at 100%
 * utilization a queue with random arrivals grows without bound (and the capacity is a model
 * estimate, so 1 could as well be just above it); 0.9 keeps queueing short while the decode
 * batch stays near b*.
 *
 * Runs start empty. With load 'capacity' each member's summary therefore measures from the end
 * of a warm-up of two decode lifetimes of its own ((mean output - 1) x TPOT(b*); the scenario's
 * measureFromS, engine/serving/comparison.ts says why two), clipped when the run is too short.
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
    load: z.enum(['per-decode-chip', 'same', 'capacity']).default('per-decode-chip'),
    /** share of each system's SLO-limited capacity offered, with load 'capacity' */
    loadFraction: z
      .number()
      .gt(0, 'must be greater than 0 (a share of the capacity)')
      .max(1, 'must be at most 1 (above the capacity the queue grows without bound)')
      .optional(),
    /** simulated seconds of each member (default: the base scenario's) */
    durationS: z.number().positive().max(86_400).optional()
  })
  .strict()
  .refine((c) => c.loadFraction === undefined || c.load === 'capacity', {
    path: ['loadFraction'],
    message: "applies to load 'capacity' only"
  })

export type Comparison = z.output<typeof comparisonSchema>
export type ComparisonLoad = Comparison['load']

/** The share of capacity offered when a 'capacity' comparison does not say (see above). */
export const DEFAULT_LOAD_FRACTION = 0.9

/** Why a member of a 'capacity' comparison gets its rate (engine/serving/capacity.ts). */
export interface ComparisonCapacity {
  loadFraction: number
  /** requests per second the deployment can serve within the SLO */
  requestsPerS: number
  binding: 'decode' | 'prefill'
  decodeRequestsPerS: number
  prefillRequestsPerS: number
  /** b*: the largest decode batch per chip within the TPOT SLO, cap and KV cache */
  decodeBatchPerChip: number
  /** TPOT at b* */
  tpotMs: number
  /** what stops the batch at b* */
  decodeLimit: 'slo' | 'batch-cap' | 'kv-cache'
}

/**
 * Where a 'capacity' member's summary starts measuring: after WARMUP_DECODE_LIFETIMES decode
 * lifetimes (engine/serving/comparison.ts), unless the run is too short for that.
 */
export interface ComparisonWarmup {
  /** seconds one answer spends in the decode batch at capacity: (mean output - 1) x TPOT(b*) */
  decodeLifetimeS: number
  /** the warm-up the member should have: decode lifetimes x decodeLifetimeS, whole seconds */
  warmupS: number
  /** where the member's summary starts (its scenario's measureFromS) */
  measureFromS: number
  /** the run is too short for the warm-up: measureFromS is earlier than warmupS */
  clipped: boolean
}

/** One member of a comparison as listed: the system and the load it gets. */
export interface ComparisonMemberSummary {
  system: string
  scenarioName: string
  /** requests per second offered (synthetic workload), or null for a trace */
  ratePerS: number | null
  /** the trace's rate scale, or null for a synthetic workload */
  rateScale: number | null
  decodeChips: number
  /** with load 'capacity': the capacity the rate is a fraction of */
  capacity?: ComparisonCapacity
  /** with load 'capacity': the warm-up its summary leaves out */
  warmup?: ComparisonWarmup
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
