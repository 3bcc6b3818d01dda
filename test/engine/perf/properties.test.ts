import { describe, expect, it } from 'vitest'
import { SETUP_IDS } from '../../../src/engine/catalog/deployments'
import { estimate, type DecodeEstimate, type PrefillEstimate } from '../../../src/engine/perf'

const decode = (
  setup: string,
  batchPerChip: number,
  kvTokens: number,
  mtpAcceptance = 0,
  eplb = 'default'
) =>
  estimate({
    setup,
    phase: 'decode',
    batchPerChip,
    kvTokens,
    mtpAcceptance,
    eplb
  }) as DecodeEstimate
const prefill = (setup: string, promptTokens: number, tokensPerChip = 16384, eplb = 'default') =>
  estimate({ setup, phase: 'prefill', promptTokens, tokensPerChip, eplb }) as PrefillEstimate

const nonDecreasing = (xs: number[]): boolean =>
  xs.every((x, i) => i === 0 || x >= xs[i - 1]! - 1e-9)
const nonIncreasing = (xs: number[]): boolean =>
  xs.every((x, i) => i === 0 || x <= xs[i - 1]! + 1e-9)

const BATCHES = [1, 2, 4, 8, 16, 32, 64, 96, 128, 192, 256]
const KVS = [512, 1024, 2048, 4096, 8192, 16384, 32768]
const PROMPTS = [256, 512, 1024, 2048, 4096, 8192, 16384]

describe.each(SETUP_IDS)('%s: the same constants across the ranges', (setup) => {
  it('decode: a bigger batch never lowers TPOT and never lowers tokens/s per chip', () => {
    for (const kv of [512, 4096, 32768]) {
      for (const mtp of [0, 0.7]) {
        const runs = BATCHES.map((b) => decode(setup, b, kv, mtp))
        expect(nonDecreasing(runs.map((r) => r.tpotMs)), `tpot kv=${kv} mtp=${mtp}`).toBe(true)
        expect(
          nonDecreasing(runs.map((r) => r.tokensPerSecondPerChip)),
          `tps kv=${kv} mtp=${mtp}`
        ).toBe(true)
      }
    }
  })

  it('decode: a longer KV cache never lowers TPOT or the HBM in use', () => {
    for (const batch of [1, 32, 128]) {
      const runs = KVS.map((kv) => decode(setup, batch, kv))
      expect(nonDecreasing(runs.map((r) => r.tpotMs))).toBe(true)
      expect(nonDecreasing(runs.map((r) => r.hbmUsedGB))).toBe(true)
    }
  })

  it('decode: MTP adds a verified token per step and costs layer time', () => {
    const off = decode(setup, 64, 4096, 0)
    const on = decode(setup, 64, 4096, 0.7)
    expect(on.tokensPerStep).toBeCloseTo(1.7, 12)
    expect(off.tokensPerStep).toBe(1)
    expect(on.layerUs).toBeGreaterThan(off.layerUs)
    expect(decode(setup, 64, 4096, 0.9).tpotMs).toBeLessThan(on.tpotMs)
  })

  it('prefill: longer prompts never raise throughput at a fixed token budget', () => {
    for (const eplb of ['perfect', 'default']) {
      const runs = PROMPTS.map((p) => prefill(setup, p, 16384, eplb))
      expect(nonIncreasing(runs.map((r) => r.tokensPerSecondPerChip)), eplb).toBe(true)
    }
  })

  it('prefill: a bigger token budget never shortens the batch; perfect balance is never slower', () => {
    const runs = [1024, 4096, 16384, 65536].map((t) => prefill(setup, 1024, t))
    expect(nonDecreasing(runs.map((r) => r.batchMs))).toBe(true)
    for (const p of [512, 4096, 16384]) {
      expect(prefill(setup, p, 16384, 'perfect').tokensPerSecondPerChip).toBeGreaterThanOrEqual(
        prefill(setup, p, 16384, 'default').tokensPerSecondPerChip
      )
    }
  })

  it('prefill: a cached prefix is attended to but not recomputed', () => {
    const cold = prefill(setup, 4096)
    const warm = estimate({
      setup,
      phase: 'prefill',
      promptTokens: 8192,
      cachedTokens: 4096
    }) as PrefillEstimate
    const full = prefill(setup, 8192)
    // each new token attends to the cached prefix too, so it costs more than in a fresh 4K prompt
    expect(warm.tokensPerSecondPerChip).toBeLessThan(cold.tokensPerSecondPerChip)
    // yet an 8K prompt with half of it cached is served sooner than one computed whole
    const secondsPerPrompt = (newTokens: number, e: PrefillEstimate) =>
      newTokens / e.tokensPerSecondPerChip
    expect(secondsPerPrompt(4096, warm)).toBeLessThan(secondsPerPrompt(8192, full))
  })

  it('every figure is finite and positive, with the breakdown that explains it', () => {
    const d = decode(setup, 96, 4096, 0.7)
    const p = prefill(setup, 4096)
    for (const e of [d, p]) {
      expect(Number.isFinite(e.tokensPerSecondPerChip) && e.tokensPerSecondPerChip > 0).toBe(true)
      expect(e.breakdown.moeLayer.operators.length).toBeGreaterThanOrEqual(6)
      expect(e.breakdown.moeLayer.operators.every((o) => Number.isFinite(o.us) && o.us >= 0)).toBe(
        true
      )
    }
    expect(d.stepMs).toBeCloseTo(d.tpotMs * d.tokensPerStep, 9)
  })
})

describe('across systems', () => {
  it('warns when a batch does not fit in HBM', () => {
    expect(decode('h100-sglang', 1024, 32768).warnings.join()).toMatch(/HBM/)
    expect(decode('h100-sglang', 64, 4096).warnings).toEqual([])
  })

  it('puts CloudMatrix384 ahead of the NVIDIA clusters in tokens/s per TFLOPS at the published decode points', () => {
    const cm = decode('cloudmatrix384', 96, 4096, 0.7)
    const h800 = estimate({ setup: 'h800-deepseek', phase: 'decode' })
    const h100 = estimate({ setup: 'h100-sglang', phase: 'decode' })
    expect(cm.tokensPerSecondPerTflops).toBeGreaterThan(h800.tokensPerSecondPerTflops)
    expect(cm.tokensPerSecondPerTflops).toBeGreaterThan(h100.tokensPerSecondPerTflops)
  })
})
