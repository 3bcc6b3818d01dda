import { describe, expect, it } from 'vitest'
import { SeriesRing } from '../../../src/renderer/src/inspector/seriesRing'

describe('SeriesRing', () => {
  it('keeps the newest samples, oldest first', () => {
    const ring = new SeriesRing(3)
    for (let t = 1; t <= 5; t++) ring.push(t, t * 10)
    expect(ring.toArrays()).toEqual({ times: [3, 4, 5], values: [30, 40, 50] })
  })

  it('starts again when time goes backwards (a replay seek)', () => {
    const ring = new SeriesRing(10)
    ring.push(10, 1)
    ring.push(11, 2)
    ring.push(4, 3)
    expect(ring.toArrays()).toEqual({ times: [4], values: [3] })
  })

  it('replaces a sample at the same instant', () => {
    const ring = new SeriesRing(10)
    ring.push(1, 1)
    ring.push(2, 2)
    ring.push(2, 5)
    expect(ring.toArrays()).toEqual({ times: [1, 2], values: [1, 5] })
    ring.clear()
    expect(ring.size).toBe(0)
  })
})
