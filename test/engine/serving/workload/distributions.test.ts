import { describe, expect, it } from 'vitest'
import {
  createLengthSampler,
  lengthMoments,
  normalCdf,
  type LengthSpec
} from '../../../../src/engine/serving/workload/distributions'
import { createRandom } from '../../../../src/engine/util/random'

function sampled(spec: LengthSpec, draws: number): { mean: number; meanSquare: number } {
  const next = createLengthSampler(spec, createRandom(11), 'test')
  let sum = 0
  let sumSquare = 0
  for (let i = 0; i < draws; i++) {
    const x = next()
    sum += x
    sumSquare += x * x
  }
  return { mean: sum / draws, meanSquare: sumSquare / draws }
}

describe('lengthMoments', () => {
  it('is exact for fixed and uniform lengths', () => {
    expect(lengthMoments({ kind: 'fixed', tokens: 2048 })).toEqual({
      mean: 2048,
      meanSquare: 2048 ** 2
    })
    const values = Array.from({ length: 7 }, (_, i) => 10 + i)
    const mean = values.reduce((a, b) => a + b, 0) / values.length
    const meanSquare = values.reduce((a, b) => a + b * b, 0) / values.length
    const m = lengthMoments({ kind: 'uniform', min: 10, max: 16 })
    expect(m.mean).toBeCloseTo(mean, 12)
    expect(m.meanSquare).toBeCloseTo(meanSquare, 9)
  })

  it('matches what the sampler draws for a clamped lognormal', () => {
    // clamped hard (a tenth of the draws hit max) and hardly at all
    for (const spec of [
      { kind: 'lognormal', median: 1000, sigma: 1, max: 3600 },
      { kind: 'lognormal', median: 300, sigma: 0.5, max: 100_000 }
    ] as const) {
      const m = lengthMoments(spec)
      const s = sampled(spec, 400_000)
      expect(Math.abs(m.mean / s.mean - 1)).toBeLessThan(0.01)
      expect(Math.abs(m.meanSquare / s.meanSquare - 1)).toBeLessThan(0.02)
    }
  })

  it('has a normal distribution function symmetric about 0', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
    for (const x of [0.3, 1, 1.96, 3]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 7)
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6)
  })
})
