import { describe, expect, it } from 'vitest'
import { deployments } from '../../../src/engine/catalog/deployments'
import { deepSeekR1 } from '../../../src/engine/catalog/model'
import { hottestRankFactors } from '../../../src/engine/perf/imbalance'

const prefill = deployments.cloudmatrix384.prefill.experts
const decode = deployments.cloudmatrix384.decode.experts
const mean = (a: Float64Array): number => a.reduce((s, x) => s + x, 0) / a.length

describe('hottest expert rank', () => {
  it('is exactly the mean under perfect balance', () => {
    expect([...hottestRankFactors(prefill, deepSeekR1, 'perfect', 1e5, 32, 1, 58)]).toEqual(
      new Array(58).fill(1)
    )
  })

  it('runs ahead of the mean under the default balancer, layer by layer, the same for a seed', () => {
    const a = hottestRankFactors(prefill, deepSeekR1, 'default', 131_072, 32, 7, 58)
    const b = hottestRankFactors(prefill, deepSeekR1, 'default', 131_072, 32, 7, 58)
    const c = hottestRankFactors(prefill, deepSeekR1, 'default', 131_072, 32, 8, 58)
    expect([...a]).toEqual([...b])
    expect([...a]).not.toEqual([...c])
    expect(Math.min(...a)).toBeGreaterThan(1)
    expect(new Set(a).size).toBeGreaterThan(50) // each layer has its own batch mix
  })

  it('grows as fewer requests make up the batch (their expert preferences average out less)', () => {
    const factors = [4096, 512, 64, 8].map((requests) =>
      mean(hottestRankFactors(prefill, deepSeekR1, 'default', 131_072, requests, 3, 58))
    )
    expect([...factors].sort((x, y) => x - y)).toEqual(factors)
    expect(factors[3]! - factors[0]!).toBeGreaterThan(0.3)
  })

  it('grows as fewer tokens per expert leave more counting noise', () => {
    const many = mean(hottestRankFactors(decode, deepSeekR1, 'default', 1e6, 1e6, 3, 58))
    const few = mean(hottestRankFactors(decode, deepSeekR1, 'default', 2000, 1e6, 3, 58))
    expect(few).toBeGreaterThan(many)
  })
})
