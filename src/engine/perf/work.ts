import type { OperatorCost } from './cost'

/**
 * What one device does in a decode step or a prefill batch, for telemetry: compute at peak,
 * HBM traffic and bytes sent, with the experts apart so that each rank can be scaled by its own
 * expert load.
 */
export interface DeviceWork {
  /** FLOPs at the device's peak, us, of everything but the experts */
  nonExpertPeakUs: number
  /** the same for the experts of a rank with the mean expert load */
  expertPeakUs: number
  nonExpertHbmBytes: number
  expertHbmBytes: number
  /** expert dispatch and combine bytes the device sends */
  expertExchangeBytes: number
  /** staged-attention bytes the device sends (prefill on CloudMatrix) */
  attentionExchangeBytes: number
}

/** Sums operators run `times` times each (micro-batches x layers). */
export function deviceWork(passes: { operators: OperatorCost[]; times: number }[]): DeviceWork {
  const work: DeviceWork = {
    nonExpertPeakUs: 0,
    expertPeakUs: 0,
    nonExpertHbmBytes: 0,
    expertHbmBytes: 0,
    expertExchangeBytes: 0,
    attentionExchangeBytes: 0
  }
  for (const { operators, times } of passes) {
    for (const op of operators) {
      if (op.operator === 'moe.experts') {
        work.expertPeakUs += op.peakUs * times
        work.expertHbmBytes += op.hbmBytes * times
      } else if (op.operator === 'moe.dispatch' || op.operator === 'moe.combine') {
        work.expertExchangeBytes += op.bytes * times
      } else if (op.operator === 'mla.exchange') {
        work.attentionExchangeBytes += op.bytes * times
      } else {
        work.nonExpertPeakUs += op.peakUs * times
        work.nonExpertHbmBytes += op.hbmBytes * times
      }
    }
  }
  return work
}
