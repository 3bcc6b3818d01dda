import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { percentilesOf } from '../../../src/engine/serving/metrics'
import { createSimulation } from '../../../src/engine/serving/run'
import type { ServingSimulation } from '../../../src/engine/serving/simulation'
import { summarize } from '../../../src/engine/serving/summary'
import { decodeFrame, kpi } from '../../../src/shared/frame'
import { parseScenario, type ScenarioInput } from '../../../src/shared/scenario'

/**
 * The paper's request mix with shorter answers (2,048 in, 512 out), so that a decode lifetime
 * (511 tokens at ~30 ms) is some 15 s and a two-minute run has a warm-up and a steady state.
 */
const input: ScenarioInput = {
  name: 'warm-up',
  system: 'cloudmatrix384',
  workload: {
    kind: 'synthetic',
    arrival: { kind: 'poisson', ratePerS: 200 },
    prompt: { kind: 'fixed', tokens: 2048 },
    output: { kind: 'fixed', tokens: 512 }
  },
  durationS: 120
}

interface Finished {
  arrivalS: number
  firstTokenS: number
  atS: number
  outputTokens: number
}

/** runs a scenario to its end, noting every request as it finishes */
function run(extra: Partial<ScenarioInput> = {}): {
  sim: ServingSimulation
  frames: ArrayBuffer[]
  finished: Finished[]
} {
  const sim = createSimulation(parseScenario({ ...input, ...extra }), null)
  const finished: Finished[] = []
  const hooked = sim as unknown as { finish(id: number, at: number): void }
  const finish = hooked.finish.bind(sim)
  hooked.finish = (id, at) => {
    finished.push({
      arrivalS: sim.table.arrivalS[id]!,
      firstTokenS: sim.table.firstTokenS[id]!,
      atS: at,
      outputTokens: sim.table.outputTokens[id]!
    })
    finish(id, at)
  }
  const frames: ArrayBuffer[] = []
  for (let frame = sim.nextFrame(); frame; frame = sim.nextFrame()) frames.push(frame)
  return { sim, frames, finished }
}

const digest = (frames: ArrayBuffer[]): string => {
  const hash = createHash('sha256')
  for (const f of frames) hash.update(new Uint8Array(f))
  return hash.digest('hex')
}

describe('the run summary’s measurement window', () => {
  const whole = run()
  const from0 = run({ measureFromS: 0 })
  const windowed = run({ measureFromS: 60 })

  it('is the whole run by default: measureFromS 0 gives the summary without the field, exactly', () => {
    const golden = summarize(whole.sim)
    expect(JSON.stringify(summarize(from0.sim))).toBe(JSON.stringify(golden))
    expect(golden.window).toBeUndefined()
    expect(whole.sim.measured).toBeNull()
    // and the figures are the whole run's
    expect(golden.throughput.outputTokensPerS).toBeCloseTo(
      whole.sim.counters.outputTokens / input.durationS,
      3
    )
  })

  it('leaves the telemetry frames as they are', () => {
    expect(windowed.frames).toHaveLength(whole.frames.length)
    expect(digest(windowed.frames)).toBe(digest(whole.frames))
  })

  it('measures throughput over [measureFromS, end]: above the whole run’s, which includes the fill', () => {
    const a = summarize(whole.sim)
    const s = summarize(windowed.sim)
    expect(s.window).toEqual({ fromS: 60, toS: 120 })
    // what finished in the window, over its length
    const chips = windowed.sim.plan.decode.chips.length
    const tokens = windowed.finished
      .filter((f) => f.atS >= 60)
      .reduce((sum, f) => sum + f.outputTokens, 0)
    expect(s.throughput.outputTokensPerSPerDecodeChip).toBeCloseTo(tokens / 60 / chips, 2)
    expect(s.throughput.outputTokensPerSPerDecodeChip).toBeGreaterThan(
      a.throughput.outputTokensPerSPerDecodeChip * 1.05
    )
    expect(s.decode.meanBatchPerChip).toBeGreaterThan(a.decode.meanBatchPerChip)
    expect(s.decode.steps).toBeLessThan(a.decode.steps)
    // the whole run's counts stay the whole run's
    expect(s.requests).toEqual(a.requests)
    expect(s.tokens).toEqual(a.tokens)
    expect(s.simulatedS).toBe(120)
  })

  it('takes latency percentiles and SLO attainment only from requests arriving at or after it', () => {
    const s = summarize(windowed.sim)
    const arrived = windowed.finished.filter((f) => f.arrivalS >= 60)
    expect(arrived.length).toBeGreaterThan(1000)
    expect(arrived.length).toBeLessThan(windowed.finished.length)
    const tpot = Float64Array.from(
      arrived,
      (f) => (f.atS - f.firstTokenS) / (f.outputTokens - 1)
    ).sort()
    const ttft = Float64Array.from(arrived, (f) => f.firstTokenS - f.arrivalS).sort()
    const p = percentilesOf(tpot)
    expect(s.latency.tpotMs.p50).toBeCloseTo(p.p50 * 1000, 2)
    expect(s.latency.tpotMs.p99).toBeCloseTo(p.p99 * 1000, 2)
    expect(s.latency.ttftMs.p90).toBeCloseTo(percentilesOf(ttft).p90 * 1000, 2)
    // requests that arrived in the warm-up decoded in a smaller batch, at a shorter TPOT
    expect(s.latency.tpotMs.p50).toBeGreaterThan(summarize(whole.sim).latency.tpotMs.p50)
    const met = arrived.filter(
      (f) =>
        f.firstTokenS - f.arrivalS <= 2 && (f.atS - f.firstTokenS) / (f.outputTokens - 1) <= 0.05
    ).length
    expect(s.slo.attainment).toBeCloseTo(met / arrived.length, 4)
  })

  it('averages power over the window: the frames’ mean power from measureFromS', () => {
    const s = summarize(windowed.sim)
    const powers = windowed.frames.slice(60).map((f) => kpi(decodeFrame(f), 'powerKW'))
    const mean = powers.reduce((a, b) => a + b, 0) / powers.length
    expect(s.power.meanKW).toBeCloseTo(mean, 1)
    // a window opening inside a frame takes the frame's power for the part it covers
    const mid = summarize(run({ measureFromS: 59.5 }).sim)
    const power59 = kpi(decodeFrame(windowed.frames[59]!), 'powerKW')
    expect(mid.power.meanKW).toBeCloseTo((mean * 60 + power59 * 0.5) / 60.5, 1)
  })

  it('summarizes a run stopped before measureFromS whole, and says so', () => {
    const sim = createSimulation(parseScenario({ ...input, measureFromS: 60 }), null)
    for (let i = 0; i < 30; i++) sim.nextFrame()
    const s = summarize(sim)
    expect(s.window).toEqual({ fromS: 0, toS: 30 })
    expect(s.throughput.outputTokensPerS).toBeCloseTo(sim.counters.outputTokens / 30, 3)
  })
})
