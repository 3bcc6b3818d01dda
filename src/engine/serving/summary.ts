import { percentilesOf, type Percentiles } from './metrics'
import type { RunEvent } from './faults'

export type { RunEvent }
import { WINDOW_FROM_ZERO, type ServingSimulation } from './simulation'

/**
 * The figures of a run. With a measurement window (scenario.measureFromS > 0, recorded in
 * `window`), throughput, latency, SLO attainment and goodput, the decode figures, the prefix-cache
 * hit rate and power cover [window.fromS, window.toS]: rates are what completed (or was spent)
 * in the window over its length; latency percentiles and SLO attainment are those of the
 * requests that arrived at or after window.fromS and completed. `simulatedS`, `requests`,
 * `tokens` and `events` are always the whole run's. Without `window` (older runs, and runs
 * without a measureFromS) everything is the whole run's.
 */
export interface RunSummary {
  system: string
  simulatedS: number
  /** the measurement window, when it is not the whole run (see above) */
  window?: SummaryWindow
  requests: { arrived: number; completed: number; failed: number; inFlight: number }
  tokens: { input: number; output: number; cachedInput: number }
  throughput: {
    inputTokensPerS: number
    outputTokensPerS: number
    outputTokensPerSPerDecodeChip: number
    inputTokensPerSPerPrefillChip: number
    outputTokensPerSPerTflops: number
  }
  latency: { ttftMs: Percentiles; tpotMs: Percentiles; e2eS: Percentiles }
  slo: {
    ttftMs: number
    tpotMs: number
    attainment: number
    goodputRequestsPerS: number
    goodputOutputTokensPerS: number
  }
  decode: {
    meanBatchPerChip: number
    meanKvTokens: number
    meanStepMs: number
    steps: number
    /** tokens generated per second per decode chip while the instance was busy */
    tokensPerSPerChipWhileBusy: number
  }
  cache: { prefixHitRate: number; capacityTokens: number }
  power: { meanKW: number; outputTokensPerJoule: number }
  events: RunEvent[]
  performanceModelEvaluations: number
}

/** Simulated seconds the summary's windowed figures cover. */
export interface SummaryWindow {
  fromS: number
  toS: number
}

const round = (x: number, digits = 3): number =>
  Number.isFinite(x) ? Number(x.toFixed(digits)) : NaN
const roundAll = (p: Percentiles, scale: number): Percentiles => ({
  p50: round(p.p50 * scale),
  p90: round(p.p90 * scale),
  p99: round(p.p99 * scale)
})

/** The run in figures: what stakeholders ask about, from what the simulation recorded. */
export function summarize(sim: ServingSimulation): RunSummary {
  const plan = sim.plan
  // the window's start; a run stopped before measureFromS is summarized whole
  const start = sim.measured && sim.windowStart ? sim.windowStart : null
  const s = start ?? WINDOW_FROM_ZERO
  const fromS = start ? sim.measureFromS : 0
  const c = sim.counters
  const m = start ? sim.measured! : sim.metrics
  const t = Math.max(sim.now - fromS, 1e-9)
  const decodeChips = plan.decode.chips.length
  const prefillChips = plan.prefill.instances.length * plan.prefill.chipsPerInstance
  const tflops = plan.chip.peakTflops[plan.chip.normalisation]! * plan.chip.devicesPerChip
  const inputTokens = c.inputTokens - s.inputTokens
  const outputTokens = c.outputTokens - s.outputTokens
  const output = outputTokens / t
  const steps = c.decodeSteps - s.decodeSteps
  const stepSeconds = c.decodeStepSeconds - s.decodeStepSeconds
  const energyJ = c.energyJ - s.energyJ
  const promptTokens = sim.prefill.promptTokens - s.promptTokens
  const metSlo = sim.metrics.metSlo - s.metSlo
  return {
    system: plan.system,
    simulatedS: round(sim.now),
    ...(sim.measured && { window: { fromS, toS: round(sim.now) } }),
    requests: {
      arrived: c.arrived,
      completed: sim.metrics.completed,
      failed: c.failed,
      inFlight: c.arrived - sim.metrics.completed - c.failed
    },
    tokens: { input: c.inputTokens, output: c.outputTokens, cachedInput: sim.prefill.cachedTokens },
    throughput: {
      inputTokensPerS: round(inputTokens / t),
      outputTokensPerS: round(output),
      outputTokensPerSPerDecodeChip: round(output / decodeChips),
      inputTokensPerSPerPrefillChip: round(prefillChips > 0 ? inputTokens / t / prefillChips : NaN),
      outputTokensPerSPerTflops: round(output / decodeChips / tflops, 4)
    },
    latency: {
      ttftMs: roundAll(percentilesOf(m.ttftS.sorted()), 1000),
      tpotMs: roundAll(percentilesOf(m.tpotS.sorted()), 1000),
      e2eS: roundAll(percentilesOf(m.e2eS.sorted()), 1)
    },
    slo: {
      ttftMs: plan.slo.ttftMs,
      tpotMs: plan.slo.tpotMs,
      attainment: round(m.completed > 0 ? m.metSlo / m.completed : NaN, 4),
      // goodput is a rate like throughput: requests completed within the SLO in the window
      goodputRequestsPerS: round(metSlo / t),
      goodputOutputTokensPerS: round((sim.metrics.metSloOutputTokens - s.metSloOutputTokens) / t)
    },
    decode: {
      meanBatchPerChip: round(
        steps > 0 ? (c.decodeBatchSum - s.decodeBatchSum) / steps / decodeChips : 0
      ),
      meanKvTokens: round(steps > 0 ? (c.decodeKvSum - s.decodeKvSum) / steps : NaN),
      meanStepMs: round(steps > 0 ? (stepSeconds / steps) * 1000 : NaN),
      steps,
      tokensPerSPerChipWhileBusy: round(
        stepSeconds > 0 ? (c.decodeTokens - s.decodeTokens) / stepSeconds / decodeChips : NaN
      )
    },
    cache: {
      prefixHitRate: round(
        promptTokens > 0 ? (sim.prefill.cachedTokens - s.cachedTokens) / promptTokens : NaN,
        4
      ),
      capacityTokens: Math.round(plan.cacheCapacityTokens)
    },
    power: {
      meanKW: round(energyJ / t / 1000),
      outputTokensPerJoule: round(energyJ > 0 ? outputTokens / energyJ : NaN, 4)
    },
    events: [...sim.events],
    performanceModelEvaluations: sim.times.evaluations
  }
}
