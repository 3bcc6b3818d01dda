import { describe, expect, it } from 'vitest'
import { deployments } from '../../../src/engine/catalog/deployments'
import { deepSeekR1 } from '../../../src/engine/catalog/model'
import { systems } from '../../../src/engine/catalog/systems'
import {
  attentionExchange,
  expertExchange,
  kvTransferMs,
  remoteNodesPerToken
} from '../../../src/engine/perf/comm'

const cm = deployments.cloudmatrix384
const cmSystem = systems.cloudmatrix384
const withRanks = (ranks: number) => ({ ...cm.prefill, experts: { ...cm.prefill.experts, ranks } })

describe('expert dispatch and combine', () => {
  it('reproduces a measured row at its own batch (128 tokens per rank)', () => {
    const warnings: string[] = []
    const dispatch = expertExchange(
      'dispatch',
      'c',
      withRanks(32),
      cmSystem,
      deepSeekR1,
      128,
      (w) => warnings.push(w)
    )
    expect(dispatch.us).toBeCloseTo(133, 6) // [CM]: EP32 dispatch 133 us
    const combine = expertExchange('combine', 'c', withRanks(32), cmSystem, deepSeekR1, 128, (w) =>
      warnings.push(w)
    )
    expect(combine.us).toBeCloseTo(146, 6)
    expect(warnings).toEqual([])
  })

  it('scales the bytes at the algorithmic bandwidth, keeping the measured start-up time', () => {
    // EP32 dispatch: 128 x 8 x 7,680 B at 62 GB/s = 126.84 us, so 6.16 us start-up
    const start = 133 - (128 * 8 * 7680) / 62e3
    const us = expertExchange('dispatch', 'c', withRanks(32), cmSystem, deepSeekR1, 64, () => {}).us
    expect(us).toBeCloseTo(start + (64 * 8 * 7680) / 62e3, 6)
    const grows = [1, 16, 128, 1024, 8192].map(
      (t) => expertExchange('combine', 'c', withRanks(32), cmSystem, deepSeekR1, t, () => {}).us
    )
    expect([...grows].sort((a, b) => a - b)).toEqual(grows)
  })

  it('interpolates between EP degrees on a log scale and says when it leaves the table', () => {
    const at = (ranks: number, warn: (w: string) => void = () => {}) =>
      expertExchange('dispatch', 'c', withRanks(ranks), cmSystem, deepSeekR1, 128, warn).us
    expect(at(48)).toBeGreaterThan(at(32))
    expect(at(48)).toBeLessThan(at(64))
    const warnings: string[] = []
    expect(at(320, (w) => warnings.push(w))).toBeCloseTo(152, 6)
    expect(warnings[0]).toMatch(/EP320 is outside the measured EP8-EP256/)
  })

  it('counts remote nodes for node-limited routing (DeepEP normal mode)', () => {
    // 4 nodes of 2 expert groups; a token picks 4 of 8 groups: each node missed with C(6,4)/C(8,4)
    expect(remoteNodesPerToken(deepSeekR1, 32, 8)).toBeCloseTo(3 * (1 - 15 / 70), 9)
    expect(remoteNodesPerToken(deepSeekR1, 8, 8)).toBe(0)
  })

  it('costs NVLink-only expert parallelism from the link and DeepEP’s NVLink share', () => {
    const gb = deployments['gb200-nvl72']
    const cost = expertExchange(
      'dispatch',
      'c',
      gb.decode,
      systems['gb200-nvl72'],
      deepSeekR1,
      100,
      () => {}
    )
    expect(cost.bytes).toBe(100 * 8 * 7392)
    expect(cost.us).toBeCloseTo(cost.bytes / (900 * (153 / 200) * 1e3), 6)
  })
})

describe('other transfers', () => {
  it('staged prefill attention moves queries, head outputs and the group’s compressed KV', () => {
    const cost = attentionExchange('c', cm.prefill, deepSeekR1, 2, 1000)
    const perToken = 128 * 192 * 2 + 128 * 128 * 2 + 16 * 576 * 2
    expect(cost.bytes).toBe(1000 * perToken)
    expect(cost.us).toBeCloseTo(cost.bytes / 135e3, 6)
    expect(attentionExchange('c', cm.decode, deepSeekR1, 2, 1000).us).toBe(0)
  })

  it('moves a prompt’s KV cache to decode over RDMA', () => {
    // 4,096 tokens x 61 layers x 576 values x 2 B over 25 GB/s per die
    expect(kvTransferMs(cm, deepSeekR1, 2, 4096)).toBeCloseTo((4096 * 61 * 576 * 2) / 25e6, 9)
  })
})
