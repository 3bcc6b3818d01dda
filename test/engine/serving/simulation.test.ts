import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { estimateDecode } from '../../../src/engine/perf/decode'
import { createSimulation, type TraceText } from '../../../src/engine/serving/run'
import { summarize } from '../../../src/engine/serving/summary'
import type { ServingSimulation } from '../../../src/engine/serving/simulation'
import { decodeFrame, DieRole, kpi } from '../../../src/shared/frame'
import { parseScenario, type ScenarioInput } from '../../../src/shared/scenario'

const trace = (file: string, name = file): TraceText => ({
  name,
  text: readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8')
})
const azureConv = trace('resources/traces/azure-llm-2023-conv.csv', 'azure-llm-2023-conv.csv')
const azureCode = trace('resources/traces/azure-llm-2023-code.csv', 'azure-llm-2023-code.csv')
const mooncake = trace(
  'test/fixtures/traces/mooncake-conversations.jsonl',
  'mooncake-conversations.jsonl'
)

const scenario = (input: Partial<ScenarioInput> & Pick<ScenarioInput, 'workload' | 'durationS'>) =>
  parseScenario({ name: 'test', system: 'cloudmatrix384', ...input })

function runAll(sim: ServingSimulation): ArrayBuffer[] {
  const frames: ArrayBuffer[] = []
  for (let frame = sim.nextFrame(); frame; frame = sim.nextFrame()) frames.push(frame)
  return frames
}

const conv = scenario({
  workload: { kind: 'trace', trace: 'azure-conv', rateScale: 150, repeat: true },
  deployment: { prefillInstances: 14 },
  durationS: 40
})

describe('serving simulation', () => {
  it('is deterministic: the same scenario and seed give byte-identical frames and summaries', () => {
    const digest = (frames: ArrayBuffer[]) => {
      const hash = createHash('sha256')
      for (const f of frames) hash.update(new Uint8Array(f))
      return hash.digest('hex')
    }
    const a = createSimulation(conv, azureConv)
    const b = createSimulation(conv, azureConv)
    const framesA = runAll(a)
    const framesB = runAll(b)
    expect(framesA.length).toBe(40)
    expect(digest(framesA)).toBe(digest(framesB))
    expect(JSON.stringify(summarize(a))).toBe(JSON.stringify(summarize(b)))
    const other = createSimulation({ ...conv, seed: 2 }, azureConv)
    expect(digest(runAll(other))).not.toBe(digest(framesA))
  })

  it('agrees with the performance model at the batch it settles at (fixed 4,096 in / 256 out, saturating)', () => {
    const saturating = scenario({
      workload: {
        kind: 'synthetic',
        arrival: { kind: 'poisson', ratePerS: 260 },
        prompt: { kind: 'fixed', tokens: 4096 },
        output: { kind: 'fixed', tokens: 256 }
      },
      deployment: { decodeChips: 32, prefillInstances: 14, maxBatchPerChip: 32 },
      durationS: 120
    })
    const sim = createSimulation(saturating, null)
    runAll(sim)
    const s = summarize(sim)
    expect(s.decode.meanBatchPerChip).toBeGreaterThan(30) // the batch cap of 32 per chip holds it
    const model = estimateDecode('cloudmatrix384', {
      batchPerChip: Math.round(s.decode.meanBatchPerChip),
      kvTokens: Math.round(s.decode.meanKvTokens),
      mtpAcceptance: 0.7,
      eplb: 'default',
      seed: 1,
      deployment: sim.plan.deployment
    })
    expect(
      Math.abs(s.decode.tokensPerSPerChipWhileBusy / model.tokensPerSecondPerChip - 1)
    ).toBeLessThan(0.05)
  })

  it('replays both Azure traces end to end', () => {
    for (const [text, rateScale] of [
      [azureConv, 150],
      [azureCode, 60]
    ] as const) {
      const sim = createSimulation(
        scenario({
          workload: { kind: 'trace', trace: text.name, rateScale },
          deployment: { prefillInstances: 14 },
          durationS: 20
        }),
        text
      )
      runAll(sim)
      const s = summarize(sim)
      expect(s.requests.completed, text.name).toBeGreaterThan(500)
      expect(s.latency.ttftMs.p50).toBeGreaterThan(0)
      expect(s.latency.tpotMs.p50).toBeGreaterThan(5)
      expect(s.cache.prefixHitRate).toBe(0) // the Azure traces carry no prefix hashes
    }
  })

  it('reuses prefixes of a Mooncake trace, reports the hit rate, and computes fewer prefill tokens', () => {
    const run = (enabled: boolean) => {
      const sim = createSimulation(
        scenario({
          workload: { kind: 'trace', trace: mooncake.name, rateScale: 20 },
          cache: { enabled },
          durationS: 10
        }),
        mooncake
      )
      const frames = runAll(sim)
      return { s: summarize(sim), sim, last: decodeFrame(frames.at(-1)!) }
    }
    const cached = run(true)
    const uncached = run(false)
    expect(cached.s.cache.prefixHitRate).toBeGreaterThan(0.2)
    expect(uncached.s.cache.prefixHitRate).toBe(0)
    expect(kpi(cached.last, 'prefixCacheHitRate')).toBeCloseTo(cached.s.cache.prefixHitRate, 3)
    expect(cached.s.tokens.cachedInput).toBeGreaterThan(0)
    // the same prompts went through prefill, with fewer tokens computed and a shorter wait for the first token
    expect(cached.sim.prefill.promptTokens).toBe(uncached.sim.prefill.promptTokens)
    const computed = (r: { sim: ServingSimulation }) =>
      r.sim.prefill.promptTokens - r.sim.prefill.cachedTokens
    expect(computed(cached)).toBeLessThan(0.8 * computed(uncached))
    expect(cached.s.latency.ttftMs.p50).toBeLessThan(uncached.s.latency.ttftMs.p50)
  })

  it('streams frames under 64 KB whose dies and links follow the load', () => {
    const sim = createSimulation(conv, azureConv)
    const frames = runAll(sim)
    expect(Math.max(...frames.map((f) => f.byteLength))).toBeLessThan(64 * 1024)
    const v = decodeFrame(frames.at(-1)!)
    const decodeDies = [...v.dieRole.keys()].filter((d) => v.dieRole[d] === DieRole.decode)
    const idleDies = [...v.dieRole.keys()].filter((d) => v.dieRole[d] === DieRole.idle)
    expect(decodeDies.length).toBe(320)
    expect(idleDies.length).toBe(768 - 320 - 14 * 32)
    const util = decodeDies.map((d) => v.dieCompute[d]!)
    expect(Math.min(...util)).toBeGreaterThan(0)
    // expert hot spots: dies hosting hotter experts work harder
    expect(Math.max(...util) / Math.min(...util)).toBeGreaterThan(1.05)
    expect(idleDies.every((d) => v.dieCompute[d] === 0 && v.dieHbmUsedGB[d] === 0)).toBe(true)
    expect(Math.max(...decodeDies.map((d) => v.dieHbmUsedGB[d]!))).toBeLessThan(64)
    const l1l2 = Array.from(v.linkUtilization.subarray(5376, 10752))
    expect(Math.max(...l1l2)).toBeGreaterThan(0)
    expect(kpi(v, 'powerKW')).toBeGreaterThan(559 * 0.35 * 0.9)
    expect(kpi(v, 'decodeBatch')).toBeGreaterThan(0)
  })
})
