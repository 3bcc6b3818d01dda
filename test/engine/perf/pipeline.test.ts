import { describe, expect, it } from 'vitest'
import { chips } from '../../../src/engine/catalog/chips'
import type { OperatorCost } from '../../../src/engine/perf/cost'
import { layerTime } from '../../../src/engine/perf/pipeline'

const chip = chips['ascend-910c']
const op = (stream: string, us: number, hbmBytes = 0): OperatorCost => ({
  operator: 'moe.experts',
  stream,
  us,
  flops: 0,
  bytes: hbmBytes,
  hbmBytes,
  peakUs: 0,
  bound: 'compute'
})

describe('layer time with micro-batches on streams', () => {
  it('is set by the busiest stream when micro-batches overlap', () => {
    const t = layerTime([op('attention', 100), op('moe', 60)], 2, chip)
    expect(t).toMatchObject({
      us: 200,
      limiter: 'stream:attention',
      streamUs: { attention: 200, moe: 120 }
    })
  })

  it('is never shorter than one micro-batch running its operators in order', () => {
    expect(layerTime([op('a', 100), op('b', 100), op('a', 50)], 1, chip)).toMatchObject({
      us: 250,
      limiter: 'chain'
    })
    expect(layerTime([op('a', 100), op('b', 100), op('a', 50)], 2, chip)).toMatchObject({
      us: 300,
      limiter: 'stream:a'
    })
  })

  it('is never shorter than the layer’s HBM traffic at the device’s bandwidth', () => {
    // 2 micro-batches x 673 MB at 1,346 GB/s = 1,000 us
    const t = layerTime([op('a', 100, 673e6), op('b', 100)], 2, chip)
    expect(t.limiter).toBe('hbm')
    expect(t.us).toBeCloseTo(1000, 6)
  })
})
