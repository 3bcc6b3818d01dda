import { deployments } from '../catalog/deployments'
import {
  DEFAULT_LOAD_FRACTION,
  type Comparison,
  type ComparisonMemberSummary,
  type ComparisonWarmup
} from '../../shared/comparison'
import { parseScenario, ScenarioError, type Scenario } from '../../shared/scenario'
import type { SystemId } from '../../shared/systems'
import { servingCapacity, type ServingCapacity } from './capacity'

export interface ComparisonMember {
  scenario: Scenario
  summary: ComparisonMemberSummary
  /** with load 'capacity': the capacity the member's rate is a fraction of */
  capacity: ServingCapacity | null
}

/**
 * The warm-up a 'capacity' member's summary leaves out, in decode lifetimes: the time one answer
 * spends in the decode batch at capacity, (mean output - 1) x TPOT(b*) from servingCapacity. At
 * loadFraction < 1 the batch settles below b*, where TPOT is shorter, so this lifetime is an
 * upper bound of the run's own (on the built-in comparison 191, 203 and 203 s against about 175,
 * 91 and 142 s measured by Little's law).
 *
 * Why 2: a run starts empty and its decode batch does not fill in one lifetime, because early
 * requests decode in a small batch, at a short TPOT, and leave early; the batch approaches its
 * steady state roughly exponentially, with a time constant near one lifetime. Measured with the
 * twin on the built-in cloudmatrix384-vs-h800-vs-h100 comparison (3,600 s, seeds 1 to 3, steady
 * state the mean over 1,800 to 3,600 s): the decode batch (30 s mean) just before 1, 2 and 3
 * lifetimes was at 75, 95 and 98% of its steady state on CloudMatrix384, 77, 93 and 97% on H800,
 * 71, 88 and 96% on H100. Output tokens/s per decode chip averaged from 2 lifetimes to 3,600 s
 * was within 0.5% of steady state on all three (averaged from 0: 2.5 to 4.9% below), and the H800
 * and H100 deltas against CloudMatrix384 moved by at most 0.1 point between 2 and 4 lifetimes;
 * from 1 lifetime they were still 0.6 point off. So 2 lifetimes, not more: a longer warm-up only
 * shortens the window.
 */
export const WARMUP_DECODE_LIFETIMES = 2

/**
 * Where a 'capacity' member's summary starts measuring: WARMUP_DECODE_LIFETIMES decode lifetimes,
 * rounded up to a whole second, unless the run is too short. Latency is measured on the requests
 * that arrive in the window and finish before the end, so requests arriving in the last lifetime
 * of a run measure none: the window should take in at least as many arrivals as the warm-up, so a
 * run shorter than two warm-ups plus one lifetime is clipped: it measures from
 * (durationS - lifetime) / 2 (not from durationS / 2, which would leave a 300 s run of the
 * built-in comparison no request to measure latency on), and one shorter than a lifetime whole.
 */
export function warmupOf(decodeLifetimeS: number, durationS: number): ComparisonWarmup {
  const warmupS = Math.ceil(WARMUP_DECODE_LIFETIMES * decodeLifetimeS)
  const latest = Math.max(0, Math.floor((durationS - decodeLifetimeS) / 2))
  return {
    decodeLifetimeS,
    warmupS,
    measureFromS: Math.min(warmupS, latest),
    clipped: warmupS > latest
  }
}

/**
 * The scenarios of a comparison: the base scenario on each system with that system's published
 * deployment, the load carried over as the comparison says (shared/comparison.ts). Decode chips
 * are each deployment's published decode instance (catalog/deployments.ts). With load
 * 'capacity' each member's arrival rate is loadFraction times its own servingCapacity
 * (capacity.ts), the arrival kind (Poisson or bursty) kept, and its summary measures from the
 * end of its own warm-up (warmupOf). `durationS` overrides the comparison's and the base
 * scenario's duration (the warm-up is clipped to it).
 */
export function comparisonMembers(
  comparison: Comparison,
  base: Scenario,
  durationS = comparison.durationS ?? base.durationS
): ComparisonMember[] {
  if (base.faults.length > 0) {
    throw new ScenarioError(
      `scenario: '${base.name}' has faults, which name parts of one system; a comparison needs a scenario without faults`,
      'scenario'
    )
  }
  if (comparison.load === 'capacity' && base.workload.kind === 'trace') {
    throw new ScenarioError(
      `load: 'capacity' needs a synthetic workload, but scenario '${base.name}' plays trace '${base.workload.trace}' (whose mean lengths are only known once it is read); use 'per-decode-chip' or 'same'`,
      'load'
    )
  }
  const decodeChips = (system: SystemId): number => deployments[system].decode.chipsPerInstance
  const reference = decodeChips(base.system)
  const fraction = comparison.loadFraction ?? DEFAULT_LOAD_FRACTION
  return comparison.systems.map((system) => {
    const source = `comparison '${comparison.name}', ${system}`
    const memberOf = (
      workload: Scenario['workload'],
      measureFromS: number | undefined
    ): Scenario => {
      const { measureFromS: _baseFrom, ...rest } = base
      return parseScenario(
        {
          ...rest,
          name: `${comparison.name} · ${deployments[system].name}`,
          system,
          deployment: {},
          workload,
          durationS,
          ...(measureFromS !== undefined && { measureFromS })
        },
        source
      )
    }
    const w = base.workload
    let scenario: Scenario
    let capacity: ServingCapacity | null = null
    let warmup: ComparisonWarmup | null = null
    if (comparison.load === 'capacity' && w.kind === 'synthetic') {
      // the capacity does not depend on the rate: size it on the base rate, then set the rate
      capacity = servingCapacity(memberOf(w, undefined))
      const lifetimeS = (capacity.workload.meanOutputTokens - 1) * (capacity.decode.tpotMs / 1000)
      warmup = warmupOf(lifetimeS, durationS)
      scenario = memberOf(
        { ...w, arrival: { ...w.arrival, ratePerS: fraction * capacity.requestsPerS } },
        warmup.measureFromS > 0 ? warmup.measureFromS : undefined
      )
    } else {
      const scale = comparison.load === 'per-decode-chip' ? decodeChips(system) / reference : 1
      scenario = memberOf(
        w.kind === 'trace'
          ? { ...w, rateScale: w.rateScale * scale }
          : { ...w, arrival: { ...w.arrival, ratePerS: w.arrival.ratePerS * scale } },
        base.measureFromS
      )
    }
    const workload = scenario.workload
    return {
      scenario,
      capacity,
      summary: {
        system,
        scenarioName: scenario.name,
        ratePerS: workload.kind === 'synthetic' ? workload.arrival.ratePerS : null,
        rateScale: workload.kind === 'trace' ? workload.rateScale : null,
        decodeChips: decodeChips(system),
        ...(capacity && {
          capacity: {
            loadFraction: fraction,
            requestsPerS: capacity.requestsPerS,
            binding: capacity.binding,
            decodeRequestsPerS: capacity.decode.requestsPerS,
            prefillRequestsPerS: capacity.prefill.requestsPerS,
            decodeBatchPerChip: capacity.decode.batchPerChip,
            tpotMs: capacity.decode.tpotMs,
            decodeLimit: capacity.decode.limit
          }
        }),
        ...(warmup && { warmup })
      }
    }
  })
}
