import { estimate, type EstimateRequest } from './estimate'
import type { Estimate } from './types'

type Metric = 'tokensPerSecondPerChip' | 'tokensPerSecondPerTflops' | 'tpotMs' | 'layerUs'

export interface CalibrationPoint {
  id: string
  label: string
  request: EstimateRequest
  metric: Metric
  unit: string
  published: number
  source: string
}

const CM = '[CM] published calibration points (shared/reference/cloudmatrix384.md)'
const prefill = (eplb: 'perfect' | 'default'): EstimateRequest => ({
  setup: 'cloudmatrix384',
  phase: 'prefill',
  promptTokens: 4096,
  tokensPerChip: 16384,
  eplb
})
const decode = (mtpAcceptance: number): EstimateRequest => ({
  setup: 'cloudmatrix384',
  phase: 'decode',
  batchPerChip: 96,
  kvTokens: 4096,
  mtpAcceptance
})

/** Every published performance point of the reference, with the settings it was measured at. */
export const CALIBRATION_POINTS: CalibrationPoint[] = [
  {
    id: 'prefill-perfect',
    label: 'prefill, 4K prompts, 16K tokens/NPU, perfect balance',
    request: prefill('perfect'),
    metric: 'tokensPerSecondPerChip',
    unit: 'tokens/s/NPU',
    published: 6688,
    source: CM
  },
  {
    id: 'prefill-perfect-tflops',
    label: 'prefill, perfect balance, per TFLOPS',
    request: prefill('perfect'),
    metric: 'tokensPerSecondPerTflops',
    unit: 'tokens/s/TFLOPS',
    published: 4.45,
    source: CM
  },
  {
    id: 'prefill-default',
    label: 'prefill, 4K prompts, 16K tokens/NPU, default balancer',
    request: prefill('default'),
    metric: 'tokensPerSecondPerChip',
    unit: 'tokens/s/NPU',
    published: 5655,
    source: CM
  },
  {
    id: 'prefill-default-tflops',
    label: 'prefill, default balancer, per TFLOPS',
    request: prefill('default'),
    metric: 'tokensPerSecondPerTflops',
    unit: 'tokens/s/TFLOPS',
    published: 3.76,
    source: CM
  },
  {
    id: 'decode-throughput',
    label: 'decode, batch 96/NPU, KV 4K, MTP 0.7',
    request: decode(0.7),
    metric: 'tokensPerSecondPerChip',
    unit: 'tokens/s/NPU',
    published: 1943,
    source: CM
  },
  {
    id: 'decode-tpot',
    label: 'decode, batch 96/NPU, KV 4K, MTP 0.7: TPOT',
    request: decode(0.7),
    metric: 'tpotMs',
    unit: 'ms',
    published: 49.4,
    source: CM
  },
  {
    id: 'decode-tflops',
    label: 'decode, per TFLOPS',
    request: decode(0.7),
    metric: 'tokensPerSecondPerTflops',
    unit: 'tokens/s/TFLOPS',
    published: 1.29,
    source: CM
  },
  {
    id: 'decode-layer-no-mtp',
    label: 'decode layer, batch 96, without MTP',
    request: decode(0),
    metric: 'layerUs',
    unit: 'us',
    published: 874,
    source: CM
  },
  {
    id: 'decode-layer-mtp',
    label: 'decode layer, batch 96, with MTP',
    request: decode(0.7),
    metric: 'layerUs',
    unit: 'us',
    published: 1260,
    source: CM
  }
]

/** Published points that belong to a later model (the serving simulation), listed so none is forgotten. */
export const POINTS_NOT_MODELLED_HERE = [
  {
    id: 'model-load',
    label:
      'model load: 671 GB INT8 from object storage at 2.5 GB/s; cold ~2,560 s, ~320 s with EMS, warm ~5 s',
    reason:
      'model loading is part of the serving simulation, not of the per-step performance model',
    source: CM
  }
]

export const CALIBRATION_TOLERANCE_PCT = 10

export interface CalibrationRow {
  point: CalibrationPoint
  predicted: number
  errorPct: number
  pass: boolean
}

export function calibrate(): { rows: CalibrationRow[]; pass: boolean } {
  const cache = new Map<string, Estimate>()
  const rows = CALIBRATION_POINTS.map((point) => {
    const key = JSON.stringify(point.request)
    let result = cache.get(key)
    if (!result) {
      result = estimate(point.request)
      cache.set(key, result)
    }
    const predicted = result[point.metric as keyof Estimate] as number
    const errorPct = ((predicted - point.published) / point.published) * 100
    return { point, predicted, errorPct, pass: Math.abs(errorPct) <= CALIBRATION_TOLERANCE_PCT }
  })
  return { rows, pass: rows.every((r) => r.pass) }
}
