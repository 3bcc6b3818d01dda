import { describe, expect, it } from 'vitest'
import { shapeWorkload, type ServingRequest } from '../../../../src/engine/serving/workload'

const at = (...arrivals: number[]): ServingRequest[] =>
  arrivals.map((arrivalS, id) => ({
    id,
    arrivalS,
    promptTokens: 100 + id,
    outputTokens: 10 + id,
    blockHashes: [id]
  }))

describe('shapeWorkload', () => {
  const trace = at(0, 1, 3, 6, 10, 15)

  it('divides every inter-arrival time by the rate scale', () => {
    const doubled = shapeWorkload(trace, { rateScale: 2 })
    expect(doubled.map((r) => r.arrivalS)).toEqual([0, 0.5, 1.5, 3, 5, 7.5])
    const gaps = (requests: ServingRequest[]) =>
      requests.slice(1).map((r, i) => r.arrivalS - requests[i]!.arrivalS)
    expect(gaps(doubled)).toEqual(gaps(trace).map((gap) => gap / 2))
    expect(shapeWorkload(trace, { rateScale: 0.5 }).at(-1)?.arrivalS).toBe(30)
  })

  it('keeps the window [startS, startS + durationS) of the scaled clock, re-based to 0', () => {
    const window = shapeWorkload(trace, { startS: 3, durationS: 7 })
    expect(window.map((r) => [r.id, r.arrivalS, r.promptTokens])).toEqual([
      [0, 0, 102],
      [1, 3, 103]
    ])
    // the window is on the scaled clock: at twice the rate, 3..10 s holds arrivals 6..15
    const scaled = shapeWorkload(trace, { rateScale: 2, startS: 3, durationS: 7 })
    expect(scaled.map((r) => [r.id, r.arrivalS, r.promptTokens])).toEqual([
      [0, 0, 103],
      [1, 2, 104],
      [2, 4.5, 105]
    ])
  })

  it('keeps everything with the defaults, and nothing in an empty window', () => {
    expect(shapeWorkload(trace)).toEqual(trace)
    expect(shapeWorkload(trace, { startS: 3, durationS: 0 })).toEqual([])
    expect(shapeWorkload(trace, { startS: 100 })).toEqual([])
  })

  it('leaves its input untouched and carries the block hashes along', () => {
    const before = structuredClone(trace)
    const shaped = shapeWorkload(trace, { rateScale: 4, startS: 1 })
    expect(trace).toEqual(before)
    expect(shaped[0]?.blockHashes).toEqual([3])
  })

  it.each([
    [{ rateScale: 0 }, 'rateScale must be a positive finite number, got 0'],
    [{ rateScale: -1 }, 'rateScale must be a positive finite number, got -1'],
    [{ rateScale: Infinity }, 'rateScale must be a positive finite number, got Infinity'],
    [{ rateScale: NaN }, 'rateScale must be a positive finite number, got NaN'],
    [{ startS: -1 }, 'startS must be a finite number >= 0, got -1'],
    [{ durationS: -5 }, 'durationS must be >= 0 (Infinity for all), got -5'],
    [{ durationS: NaN }, 'durationS must be >= 0 (Infinity for all), got NaN']
  ])('refuses %o', (options, message) => {
    expect(() => shapeWorkload(trace, options)).toThrow(new RangeError(`shapeWorkload: ${message}`))
  })
})
