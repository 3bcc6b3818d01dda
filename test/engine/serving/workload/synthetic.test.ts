import { describe, expect, it } from 'vitest'
import {
  PREFIX_BLOCK_TOKENS,
  syntheticWorkload,
  type ServingRequest,
  type SyntheticSpec
} from '../../../../src/engine/serving/workload'

const poisson: SyntheticSpec = {
  arrival: { kind: 'poisson', ratePerS: 20 },
  prompt: { kind: 'uniform', min: 100, max: 4000 },
  output: { kind: 'fixed', tokens: 256 }
}

const gaps = (requests: ServingRequest[]) =>
  requests.slice(1).map((r, i) => r.arrivalS - requests[i]!.arrivalS)
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
const variance = (values: number[]) => {
  const m = mean(values)
  return mean(values.map((v) => (v - m) ** 2))
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

describe('syntheticWorkload', () => {
  it('is the same for the same seed and different for another', () => {
    const a = syntheticWorkload(poisson, { seed: 7, durationS: 60 })
    expect(syntheticWorkload(poisson, { seed: 7, durationS: 60 })).toEqual(a)
    expect(syntheticWorkload(poisson, { seed: 8, durationS: 60 })).not.toEqual(a)
  })

  it('draws arrivals and lengths from separate streams, so one spec change leaves the rest', () => {
    const base = syntheticWorkload(poisson, { seed: 3, durationS: 60 })
    const longer = syntheticWorkload(
      { ...poisson, output: { kind: 'uniform', min: 1, max: 9000 } },
      { seed: 3, durationS: 60 }
    )
    expect(longer.map((r) => [r.arrivalS, r.promptTokens])).toEqual(
      base.map((r) => [r.arrivalS, r.promptTokens])
    )
  })

  it('makes Poisson arrivals at the asked rate within a few percent over a long window', () => {
    const requests = syntheticWorkload(poisson, { seed: 1, durationS: 2_000 })
    expect(requests.length / 2_000).toBeGreaterThan(20 * 0.97)
    expect(requests.length / 2_000).toBeLessThan(20 * 1.03)
    // exponential gaps: the coefficient of variation is 1
    const g = gaps(requests)
    expect(Math.sqrt(variance(g)) / mean(g)).toBeCloseTo(1, 1)
    expect(requests.every((r, i) => r.id === i && r.arrivalS >= 0 && r.arrivalS < 2_000)).toBe(true)
    expect(gaps(requests).every((gap) => gap >= 0)).toBe(true)
  })

  it('keeps fixed lengths exact and uniform lengths whole and in range', () => {
    const requests = syntheticWorkload(poisson, { seed: 2, durationS: 500 })
    expect(new Set(requests.map((r) => r.outputTokens))).toEqual(new Set([256]))
    const prompts = requests.map((r) => r.promptTokens)
    expect(prompts.every((p) => Number.isInteger(p) && p >= 100 && p <= 4000)).toBe(true)
    expect(Math.min(...prompts)).toBeLessThan(200)
    expect(Math.max(...prompts)).toBeGreaterThan(3900)
    expect(requests.every((r) => r.blockHashes.length === 0)).toBe(true)
  })

  it('centres lognormal lengths on the median and clamps them to [1, max]', () => {
    const spec: SyntheticSpec = {
      ...poisson,
      prompt: { kind: 'lognormal', median: 1_000, sigma: 1, max: 8_000 },
      output: { kind: 'lognormal', median: 3, sigma: 2, max: 50 }
    }
    const requests = syntheticWorkload(spec, { seed: 4, durationS: 500 })
    const prompts = requests.map((r) => r.promptTokens)
    expect(median(prompts)).toBeGreaterThan(950)
    expect(median(prompts)).toBeLessThan(1_050)
    expect(Math.max(...prompts)).toBe(8_000) // e^(2.08 sigma) is exceeded by 2% of draws
    const outputs = requests.map((r) => r.outputTokens)
    expect(outputs.every((o) => Number.isInteger(o) && o >= 1 && o <= 50)).toBe(true)
    expect(Math.min(...outputs)).toBe(1)
  })

  it('makes bursty arrivals at the same mean rate with more variable gaps than Poisson', () => {
    const bursty: SyntheticSpec = {
      ...poisson,
      arrival: { kind: 'bursty', ratePerS: 20, burstiness: 4 }
    }
    const b = gaps(syntheticWorkload(bursty, { seed: 5, durationS: 2_000 }))
    const p = gaps(syntheticWorkload(poisson, { seed: 5, durationS: 2_000 }))
    expect(mean(b)).toBeCloseTo(1 / 20, 2)
    // burstiness is the squared coefficient of variation of the gaps
    expect(variance(b) / mean(b) ** 2).toBeGreaterThan(3.6)
    expect(variance(b) / mean(b) ** 2).toBeLessThan(4.4)
    expect(variance(b)).toBeGreaterThan(3 * variance(p))
    // burstiness below 1 is smoother than Poisson (Marsaglia-Tsang's shape >= 1 branch)
    const smooth = { ...poisson, arrival: { kind: 'bursty', ratePerS: 20, burstiness: 0.25 } }
    const s = gaps(syntheticWorkload(smooth as SyntheticSpec, { seed: 5, durationS: 2_000 }))
    expect(variance(s) / mean(s) ** 2).toBeCloseTo(0.25, 1)
  })

  it('gives a shared system prompt the same leading block hashes and the rest unique ones', () => {
    const spec = { ...poisson, sharedPrefixTokens: 3 * PREFIX_BLOCK_TOKENS + 100 }
    const requests = syntheticWorkload(spec, { seed: 6, durationS: 30 })
    const seenAfterPrefix = new Set<number>()
    for (const r of requests) {
      expect(r.promptTokens).toBeGreaterThanOrEqual(spec.sharedPrefixTokens + 100)
      expect(r.blockHashes).toHaveLength(Math.ceil(r.promptTokens / PREFIX_BLOCK_TOKENS))
      expect(r.blockHashes.slice(0, 3)).toEqual([1, 2, 3])
      for (const hash of r.blockHashes.slice(3)) {
        expect(seenAfterPrefix.has(hash) || hash <= 3).toBe(false)
        seenAfterPrefix.add(hash)
      }
    }
  })

  it.each([
    [{ arrival: { kind: 'poisson', ratePerS: 0 } }, /ratePerS must be a positive finite number/],
    [{ arrival: { kind: 'bursty', ratePerS: 1, burstiness: 0 } }, /burstiness must be a positive/],
    [
      { prompt: { kind: 'fixed', tokens: 1.5 } },
      /^prompt: fixed tokens must be a positive integer/
    ],
    [{ output: { kind: 'uniform', min: 9, max: 3 } }, /^output: min must not exceed max/],
    [{ output: { kind: 'lognormal', median: 900, sigma: 1, max: 10 } }, /max must be a positive/],
    [{ sharedPrefixTokens: -1 }, /sharedPrefixTokens must be an integer >= 0/],
    [{ arrival: { kind: 'poisson', ratePerS: 1e6 } }, /is more than 10000000 requests/]
  ])('refuses %o', (change, message) => {
    const spec = { ...poisson, ...change } as SyntheticSpec
    expect(() => syntheticWorkload(spec, { seed: 1, durationS: 100 })).toThrow(message)
  })

  it('refuses a fractional seed and a negative or endless duration', () => {
    expect(() => syntheticWorkload(poisson, { seed: 1.5, durationS: 1 })).toThrow(/seed/)
    expect(() => syntheticWorkload(poisson, { seed: 1, durationS: -1 })).toThrow(/durationS/)
    expect(() => syntheticWorkload(poisson, { seed: 1, durationS: Infinity })).toThrow(/durationS/)
    expect(syntheticWorkload(poisson, { seed: 1, durationS: 0 })).toEqual([])
  })
})
