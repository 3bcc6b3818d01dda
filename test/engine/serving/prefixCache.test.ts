import { describe, expect, it } from 'vitest'
import { PrefixCache } from '../../../src/engine/serving/prefixCache'

describe('prefix cache', () => {
  it('reuses the longest run of leading blocks, never the last token', () => {
    const cache = new PrefixCache(10 * 512)
    cache.insert([7, 8, 9])
    expect(cache.match([7, 8, 5, 9], 4000)).toBe(1024) // block 5 breaks the run
    expect(cache.match([7, 8, 9], 1536)).toBe(1535) // the whole prompt cached: recompute its last token
    expect(cache.match([1, 7], 4000)).toBe(0)
    expect(cache.hits).toBe(2)
    expect(cache.lookups).toBe(3)
  })

  it('evicts the least recently used block when full; a lookup makes a block recent', () => {
    const cache = new PrefixCache(3 * 512)
    cache.insert([1, 2, 3])
    cache.match([1], 2000) // 2 is now the least recently used
    cache.insert([4])
    expect(cache.sizeBlocks).toBe(3)
    expect(cache.match([2], 2000)).toBe(0)
    expect(cache.match([1], 2000)).toBe(512)
    expect(cache.match([3], 2000)).toBe(512)
    expect(cache.match([4], 2000)).toBe(512)
    cache.insert([5, 6]) // least recent first was 1, 3, 4: evicts 1 and 3
    expect(cache.match([1], 2000)).toBe(0)
    expect(cache.match([3], 2000)).toBe(0)
    expect(cache.match([4], 2000)).toBe(512)
  })

  it('keeps nothing with no capacity, and stays fast when a few hot blocks are touched very often', () => {
    expect(new PrefixCache(0).match((new PrefixCache(0).insert([1]), [1]), 2000)).toBe(0)
    const cache = new PrefixCache(1e9)
    for (let i = 0; i < 100_000; i++) cache.insert([i + 100])
    const started = performance.now()
    for (let i = 0; i < 200_000; i++) cache.match([100, 101, 102, 103], 4000)
    // a correctness guard against the quadratic Map churn this structure replaces, not a benchmark
    expect(performance.now() - started).toBeLessThan(5000)
  })
})
