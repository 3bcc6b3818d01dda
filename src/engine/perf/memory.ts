import type { PhaseContext } from './phase'
import { BYTES_PER_VALUE } from '../catalog/chips'
import { routedRanksOf } from './imbalance'

/**
 * HBM a device holds in one phase: its weights (MLA and dense layers replicated on every
 * device, its expert slots, embedding and LM head, the MTP module), the KV cache of the tokens
 * it serves, and the communication buffers the deployment publishes.
 */
export function hbmUsedGB(ctx: PhaseContext, kvTokensOnDevice: number, withMtp: boolean): number {
  const { model, shapes, deployment, layout } = ctx
  const p = deployment.precision
  const b = (which: keyof typeof p): number => BYTES_PER_VALUE[p[which]]
  const experts = layout.experts
  const sharedSlots = experts.sharedExpert === 'every-rank' ? 1 : 0
  const slots =
    Math.ceil((model.routedExperts + experts.redundantExperts) / routedRanksOf(experts)) +
    sharedSlots
  const mtpLayers = withMtp ? model.mtpModules : 0
  const weights =
    (model.layers + mtpLayers) * shapes.mlaParams * b('mlaProjections') +
    model.denseLayers * shapes.denseFfnParams * b('denseFfn') +
    (shapes.moeLayers + mtpLayers) * slots * shapes.expertParams * b('experts') +
    shapes.embeddingParams * 2 +
    shapes.lmHeadParams * b('lmHead') +
    mtpLayers * shapes.mtpProjectionParams * b('mlaProjections')
  const kv =
    kvTokensOnDevice * (model.layers + mtpLayers) * shapes.kvValuesPerTokenLayer * b('kvCache')
  return (weights + kv) / 1e9 + (layout.comm.buffersGB ?? 0)
}
