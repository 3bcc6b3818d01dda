import { percentilesOf, type Percentiles } from './metrics'
import type { RunEvent } from './faults'

export type { RunEvent }
import type { ServingSimulation } from './simulation'

export interface RunSummary {
  system: string
  simulatedS: number
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

const round = (x: number, digits = 3): number =>
  Number.isFinite(x) ? Number(x.toFixed(digits)) : NaN
const roundAll = (p: Percentiles, scale: number): Percentiles => ({
  p50: round(p.p50 * scale),
  p90: round(p.p90 * scale),
  p99: round(p.p99 * scale)
})

/** The run in figures: what stakeholders ask about, from what the simulation recorded. */
export function summarize(sim: ServingSimulation): RunSummary {
  const c = sim.counters
  const m = sim.metrics
  const plan = sim.plan
  const t = Math.max(sim.now, 1e-9)
  const decodeChips = plan.decode.chips.length
  const prefillChips = plan.prefill.instances.length * plan.prefill.chipsPerInstance
  const tflops = plan.chip.peakTflops[plan.chip.normalisation]! * plan.chip.devicesPerChip
  const output = c.outputTokens / t
  return {
    system: plan.system,
    simulatedS: round(sim.now),
    requests: {
      arrived: c.arrived,
      completed: m.completed,
      failed: c.failed,
      inFlight: c.arrived - m.completed - c.failed
    },
    tokens: { input: c.inputTokens, output: c.outputTokens, cachedInput: sim.prefill.cachedTokens },
    throughput: {
      inputTokensPerS: round(c.inputTokens / t),
      outputTokensPerS: round(output),
      outputTokensPerSPerDecodeChip: round(output / decodeChips),
      inputTokensPerSPerPrefillChip: round(
        prefillChips > 0 ? c.inputTokens / t / prefillChips : NaN
      ),
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
      goodputRequestsPerS: round(m.metSlo / t),
      goodputOutputTokensPerS: round(m.metSloOutputTokens / t)
    },
    decode: {
      meanBatchPerChip: round(
        c.decodeSteps > 0 ? c.decodeBatchSum / c.decodeSteps / decodeChips : 0
      ),
      meanKvTokens: round(c.decodeSteps > 0 ? c.decodeKvSum / c.decodeSteps : NaN),
      meanStepMs: round(c.decodeSteps > 0 ? (c.decodeStepSeconds / c.decodeSteps) * 1000 : NaN),
      steps: c.decodeSteps,
      tokensPerSPerChipWhileBusy: round(
        c.decodeStepSeconds > 0 ? c.decodeTokens / c.decodeStepSeconds / decodeChips : NaN
      )
    },
    cache: {
      prefixHitRate: round(
        sim.prefill.promptTokens > 0 ? sim.prefill.cachedTokens / sim.prefill.promptTokens : NaN,
        4
      ),
      capacityTokens: Math.round(plan.cacheCapacityTokens)
    },
    power: {
      meanKW: round(c.energyJ / t / 1000),
      outputTokensPerJoule: round(c.energyJ > 0 ? c.outputTokens / c.energyJ : NaN, 4)
    },
    events: [...sim.events],
    performanceModelEvaluations: sim.times.evaluations
  }
}
