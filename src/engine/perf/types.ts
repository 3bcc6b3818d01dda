import type { Balancer, Deployment, SetupId } from '../catalog/deployments'
import type { DeviceWork } from './work'
import type { OperatorCost } from './cost'

export interface LayerBreakdown {
  /** average over the layers of this kind, us */
  us: number
  limiter: string
  streamUs: Record<string, number>
  /** per micro-batch, for the average expert load */
  operators: OperatorCost[]
}

/** Faults and what-ifs, as the performance model sees them. */
export interface Conditions {
  /** speed of the slowest device of the group (a slow chip paces every layer), 0..1 */
  computeScale?: number
  /** factor on communication time (a degraded link that becomes the bottleneck), >= 1 */
  commScale?: number
  /** lower bound on the hottest expert rank's load (an expert moved onto a surviving rank) */
  minHottestFactor?: number
}

export interface DecodeInputs {
  batchPerChip: number
  kvTokens: number
  /** acceptance of the one MTP draft token; 0 turns MTP off */
  mtpAcceptance: number
  eplb: Balancer
  seed: number
  conditions?: Conditions
  /** the deployment as a scenario resized it (default: the published one) */
  deployment?: Deployment
}

export interface PrefillInputs {
  promptTokens: number
  tokensPerChip: number
  /** prompt tokens already in the prefix cache, attended to but not recomputed */
  cachedTokens: number
  eplb: Balancer
  seed: number
  conditions?: Conditions
  deployment?: Deployment
}

interface EstimateCommon {
  system: SetupId
  /** micro-batches the batch was cut into (1 when running it whole was faster) */
  microBatches: number
  chip: string
  devicesPerChip: number
  tokensPerSecondPerChip: number
  tokensPerSecondPerTflops: number
  /** HBM in use per device (weights, KV cache, buffers) and what it holds */
  hbmUsedGB: number
  hbmCapacityGB: number
  /** per device per decode step / prefill batch, for telemetry */
  work: DeviceWork
  warnings: string[]
}

export interface DecodeEstimate extends EstimateCommon {
  phase: 'decode'
  inputs: DecodeInputs
  tpotMs: number
  stepMs: number
  /** average MoE layer, us (the figure [CM] reports per layer) */
  layerUs: number
  tokensPerStep: number
  breakdown: {
    moeLayer: LayerBreakdown
    denseLayer: LayerBreakdown
    moeLayers: number
    denseLayers: number
    mtpModuleUs: number
    lmHeadUs: number
    hottestExpertRankFactor: number
  }
}

export interface PrefillEstimate extends EstimateCommon {
  phase: 'prefill'
  inputs: PrefillInputs
  /** time to prefill one batch of tokensPerChip on every chip */
  batchMs: number
  layerUs: number
  /** prompt's KV cache from prefill to decode over the scale-out link */
  kvTransferMs: number
  breakdown: {
    moeLayer: LayerBreakdown
    denseLayer: LayerBreakdown
    moeLayers: number
    denseLayers: number
    mtpModuleUs: number
    lmHeadUs: number
    hottestExpertRankFactor: number
  }
}

export type Estimate = DecodeEstimate | PrefillEstimate
