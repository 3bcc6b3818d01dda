import type { ChipSpec } from '../catalog/chips'
import type { OperatorCost } from './cost'

export interface LayerTime {
  us: number
  /** what sets the pace: a stream, one micro-batch's dependency chain, or HBM bandwidth */
  limiter: string
  /** busy time per stream over the layer, us */
  streamUs: Record<string, number>
}

/**
 * Time of one layer when its batch is cut into `microBatches` that overlap on streams: no
 * shorter than the busiest stream doing its work for every micro-batch, than one micro-batch
 * running its operators one after another (each depends on the previous), or than all the HBM
 * traffic of the layer at the device's bandwidth.
 */
export function layerTime(costs: OperatorCost[], microBatches: number, chip: ChipSpec): LayerTime {
  const streamUs: Record<string, number> = {}
  let chain = 0
  let hbmBytes = 0
  for (const cost of costs) {
    streamUs[cost.stream] = (streamUs[cost.stream] ?? 0) + cost.us * microBatches
    chain += cost.us
    hbmBytes += cost.hbmBytes * microBatches
  }
  let us = chain
  let limiter = 'chain'
  for (const [stream, busy] of Object.entries(streamUs)) {
    if (busy > us) {
      us = busy
      limiter = `stream:${stream}`
    }
  }
  const hbmUs = hbmBytes / (chip.hbmGBps * 1e3 * chip.memoryEfficiency)
  if (hbmUs > us) {
    us = hbmUs
    limiter = 'hbm'
  }
  return { us, limiter, streamUs }
}
