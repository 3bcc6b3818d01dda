import { describe, expect, it } from 'vitest'
import {
  attentionCoreDecode,
  attentionCorePrefill,
  denseFfn,
  expertRankLoad,
  expertsCost,
  lmHead,
  mlaProjections,
  phaseContext
} from '../../../src/engine/perf/phase'

const decode = phaseContext('cloudmatrix384', 'decode')
const prefill = phaseContext('cloudmatrix384', 'prefill')
const h800 = phaseContext('h800-deepseek', 'decode')
/** bytes per microsecond a 910C die streams from HBM at its measured 1,346 GB/s */
const DIE_BYTES_PER_US = 1346e3

describe('operator FLOPs and bytes (CloudMatrix-Infer decode, one die)', () => {
  it('MLA projections: 2 FLOPs per weight per token; BF16 weights read once per micro-batch', () => {
    const cost = mlaProjections(decode, 10)
    expect(cost.flops).toBe(2 * 187_105_280 * 10)
    expect(cost.bytes).toBe(187_105_280 * 2 + 10 * 2 * 7168 * 2)
    expect(cost.bound).toBe('memory')
    expect(cost.us).toBeCloseTo(cost.bytes / DIE_BYTES_PER_US, 6)
  })

  it('attention core: every token over its cache; the cache read once per sequence', () => {
    const cost = attentionCoreDecode(decode, 24, 48, 4096)
    expect(cost.flops).toBe(48 * 4096 * 278_528)
    expect(cost.bytes).toBe(24 * 4096 * 576 * 2)
    // compute-bound on stream 0's 16 of 24 cube cores at 65.4% of 376 TFLOPS
    expect(cost.bound).toBe('compute')
    expect(cost.us).toBeCloseTo(cost.flops / (376e6 * (16 / 24) * 0.654), 6)
  })

  it('experts: the busiest rank computes its tokens and reads its INT8 slots', () => {
    const cost = expertsCost(decode, { tokens: 480, slots: 1 })
    expect(cost.flops).toBe(2 * 44_040_192 * 480)
    expect(cost.bytes).toBe(44_040_192 + 480 * 2 * 7168 * 2)
    expect(cost.us).toBeCloseTo(cost.flops / (752e6 * (8 / 24) * 0.8), 6)
  })

  it('dense FFN and LM head', () => {
    expect(denseFfn(decode, 48).flops).toBe(2 * 396_361_728 * 48)
    expect(denseFfn(decode, 48).bytes).toBe(396_361_728 + 48 * 2 * 7168 * 2)
    const head = lmHead(decode, 96)
    expect(head.flops).toBe(2 * 926_679_040 * 96)
    expect(head.bytes).toBe(926_679_040 * 2) // the head stays BF16
  })

  it('prefill attention is causal: each token attends to (prompt + 1) / 2 tokens on average', () => {
    const cost = attentionCorePrefill(prefill, 4096, (4096 + 1) / 2)
    expect(cost.flops).toBe(4096 * 2048.5 * 81_920)
    expect(cost.bytes).toBe(4096 * 163_840)
  })

  it('uses FP8 GEMMs on H800 (one byte per weight)', () => {
    expect(mlaProjections(h800, 1).bytes).toBe(187_105_280 + 2 * 7168 * 2)
  })
})

describe('expert load of the busiest rank', () => {
  it('CloudMatrix decode: shared-expert dies serve 1/32 of all tokens, routed dies 8/288 of them', () => {
    // 320 dies x 48 tokens; perfect balance: 15,360 x 8 / 288 = 426.7 routed, 15,360 / 32 = 480 shared
    expect(expertRankLoad(decode, 48, 1)).toEqual({ tokens: 480, slots: 1 })
    expect(expertRankLoad(decode, 48, 1.5).tokens).toBeCloseTo((15_360 * 8 * 1.5) / 288, 9)
  })

  it('a shared expert on every rank adds the rank’s own tokens and one slot', () => {
    // CloudMatrix prefill EP32: 9 routed slots + the shared expert on each die
    expect(expertRankLoad(prefill, 4096, 1)).toEqual({ tokens: 4096 * 8 + 4096, slots: 10 })
  })
})
