import type { ChipSpec, Precision } from '../catalog/chips'
import type { LayerOperator } from '../catalog/deployments'

export type OperatorName = LayerOperator | 'lm.head' | 'mtp.projection'

/** The cost of one operator for one micro-batch on one device. */
export interface OperatorCost {
  operator: OperatorName
  stream: string
  us: number
  flops: number
  /** bytes moved through HBM (compute operators) or sent on the wire (communication) */
  bytes: number
  /** HBM traffic the operator causes, for the device-wide bandwidth limit */
  hbmBytes: number
  /** the operator's FLOPs at the whole device's peak, us: its share of compute utilization */
  peakUs: number
  bound: 'compute' | 'memory' | 'link'
}

export interface ComputeWork {
  flops: number
  bytes: number
  precision: Precision
  /** attention kernels have their own measured efficiency */
  kind: 'gemm' | 'attention'
}

/**
 * Roofline time of a kernel on `share` of a device's compute units: the longer of its compute
 * at peak x measured efficiency and its HBM traffic at bandwidth x measured efficiency. Memory
 * bandwidth is not partitioned between streams; the layer model caps their sum.
 */
export function computeCost(
  operator: OperatorName,
  stream: string,
  work: ComputeWork,
  chip: ChipSpec,
  share: number
): OperatorCost {
  const peak = chip.peakTflops[work.precision]
  if (peak === undefined) {
    throw new Error(`${chip.name} has no ${work.precision} peak in the catalog (${operator})`)
  }
  const efficiency = work.kind === 'attention' ? chip.attentionEfficiency : chip.gemmEfficiency
  const computeUs = work.flops / (peak * 1e6 * share * efficiency)
  const memoryUs = work.bytes / (chip.hbmGBps * 1e3 * chip.memoryEfficiency)
  return {
    operator,
    stream,
    us: Math.max(computeUs, memoryUs),
    flops: work.flops,
    bytes: work.bytes,
    hbmBytes: work.bytes,
    peakUs: work.flops / (peak * 1e6),
    bound: computeUs >= memoryUs ? 'compute' : 'memory'
  }
}
