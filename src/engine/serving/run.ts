import { deepSeekR1 } from '../catalog/model'
import { getTopology, hasTopology } from '../topology'
import { ScenarioError, type Scenario } from '../../shared/scenario'
import { planServing } from './plan'
import { ServingSimulation } from './simulation'
import { workloadOf, type Workload } from './requestTable'
import { parseTrace, shapeWorkload, syntheticWorkload, type ServingRequest } from './workload'

/** A trace's text and the name to report it by; the host reads files, the engine does not. */
export interface TraceText {
  name: string
  text: string
}

/**
 * Builds the workload of a scenario: a trace (parsed, rate-scaled, from `startS`, repeated to
 * fill the run if asked) or a synthetic stream. Rows that cannot fit the model's context are
 * refused by the parser; a workload with no request in the run is an error, never an empty run.
 */
export function buildWorkload(scenario: Scenario, trace: TraceText | null): Workload {
  const w = scenario.workload
  if (w.kind === 'synthetic') {
    return nonEmpty(
      workloadOf(syntheticWorkload(w, { seed: scenario.seed, durationS: scenario.durationS })),
      'workload.arrival'
    )
  }
  if (!trace)
    throw new ScenarioError(`workload.trace: no text for trace '${w.trace}'`, 'workload.trace')
  const parsed = parseTrace(trace.text, {
    file: trace.name,
    onBadRow: w.onBadRow,
    maxContextTokens: deepSeekR1.maxContext
  })
  const base = shapeWorkload(parsed.requests, { rateScale: w.rateScale, startS: w.startS })
  if (base.length === 0) {
    throw new ScenarioError(
      `workload.startS: no request of ${trace.name} arrives after ${w.startS} s`,
      'workload.startS'
    )
  }
  const passes = w.repeat ? repeatPeriods(base, scenario.durationS) : [0]
  const arrivalS = new Float64Array(passes.length * base.length)
  const baseIndex = new Int32Array(passes.length * base.length)
  let count = 0
  for (const offset of passes) {
    for (let i = 0; i < base.length; i++) {
      const at = base[i]!.arrivalS + offset
      if (at >= scenario.durationS) break
      arrivalS[count] = at
      baseIndex[count++] = i
    }
  }
  return nonEmpty(
    { base, arrivalS: arrivalS.slice(0, count), baseIndex: baseIndex.slice(0, count) },
    'durationS'
  )
}

/** Start offsets of the passes of a repeated trace, each one mean inter-arrival gap after the last. */
function repeatPeriods(requests: readonly ServingRequest[], durationS: number): number[] {
  const last = requests[requests.length - 1]!.arrivalS
  const period = last + (requests.length > 1 ? last / (requests.length - 1) : 1)
  const offsets: number[] = []
  for (let pass = 0; pass * period < durationS; pass++) offsets.push(pass * period)
  return offsets
}

function nonEmpty(workload: Workload, field: string): Workload {
  if (workload.arrivalS.length === 0)
    throw new ScenarioError(`${field}: no request arrives within the run`, field)
  return workload
}

/** A scenario ready to run: the plan, the workload and the simulation that plays it. */
export function createSimulation(scenario: Scenario, trace: TraceText | null): ServingSimulation {
  const plan = planServing(scenario)
  const workload = buildWorkload(scenario, trace)
  return new ServingSimulation({
    plan,
    workload,
    durationS: scenario.durationS,
    sampleIntervalS: scenario.sampleIntervalS,
    seed: scenario.seed,
    faults: scenario.faults,
    measureFromS: scenario.measureFromS ?? 0,
    topology: hasTopology(scenario.system) ? getTopology(scenario.system) : null
  })
}
