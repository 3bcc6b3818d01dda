import { BYTES_PER_VALUE, chips, type ChipSpec } from '../catalog/chips'
import {
  deployments,
  type Deployment,
  type LayerOperator,
  type PhaseLayout,
  type SetupId
} from '../catalog/deployments'
import { deepSeekR1, type ModelSpec } from '../catalog/model'
import { systems, type SystemSpec } from '../catalog/systems'
import { computeCost, type OperatorCost } from './cost'
import { routedRanksOf } from './imbalance'
import { modelShapes, type ModelShapes } from './shapes'
import type { Conditions } from './types'

/** Everything an operator needs to cost itself in one phase of one setup. */
export interface PhaseContext {
  deployment: Deployment
  layout: PhaseLayout
  chip: ChipSpec
  model: ModelSpec
  shapes: ModelShapes
  system: SystemSpec
  conditions: Conditions
  warnings: string[]
}

/** A chip running at `scale` of its nominal compute speed (throttled, degraded). */
function scaledChip(chip: ChipSpec, scale: number): ChipSpec {
  if (scale === 1) return chip
  const peakTflops: ChipSpec['peakTflops'] = {}
  for (const [precision, peak] of Object.entries(chip.peakTflops)) {
    peakTflops[precision as keyof ChipSpec['peakTflops']] = peak * scale
  }
  return { ...chip, peakTflops }
}

export function phaseContext(
  setup: SetupId,
  phase: 'decode' | 'prefill',
  conditions: Conditions = {},
  override?: Deployment
): PhaseContext {
  const deployment = override ?? deployments[setup]
  const system = systems[deployment.system]
  return {
    deployment,
    layout: deployment[phase],
    chip: scaledChip(chips[system.chip], conditions.computeScale ?? 1),
    conditions,
    model: deepSeekR1,
    shapes: modelShapes(deepSeekR1),
    system,
    warnings: []
  }
}

export const streamOf = (ctx: PhaseContext, op: LayerOperator): string =>
  ctx.layout.pipeline.placement[op]
const shareOf = (ctx: PhaseContext, op: LayerOperator): number =>
  ctx.layout.pipeline.streams[streamOf(ctx, op)] ?? 1

const bytesOf = (ctx: PhaseContext, which: keyof Deployment['precision']): number =>
  BYTES_PER_VALUE[ctx.deployment.precision[which]]

/** Activations in and out of a hidden-size GEMM, BF16. */
const activationBytes = (ctx: PhaseContext, tokens: number): number =>
  tokens * 2 * ctx.model.hiddenSize * 2

export function mlaProjections(ctx: PhaseContext, tokens: number): OperatorCost {
  const params = ctx.shapes.mlaParams
  return computeCost(
    'mla.projections',
    streamOf(ctx, 'mla.projections'),
    {
      flops: 2 * params * tokens,
      bytes: params * bytesOf(ctx, 'mlaProjections') + activationBytes(ctx, tokens),
      precision: ctx.deployment.precision.mlaProjections,
      kind: 'gemm'
    },
    ctx.chip,
    shareOf(ctx, 'mla.projections')
  )
}

/** Decode: every query token attends over its sequence's compressed cache, read once per sequence. */
export function attentionCoreDecode(
  ctx: PhaseContext,
  sequences: number,
  tokens: number,
  context: number
): OperatorCost {
  const cacheBytes =
    sequences * context * ctx.shapes.kvValuesPerTokenLayer * bytesOf(ctx, 'kvCache')
  return computeCost(
    'mla.core',
    streamOf(ctx, 'mla.core'),
    {
      flops: tokens * context * ctx.shapes.decodeAttentionFlopsPerContextToken,
      bytes: cacheBytes,
      precision: ctx.deployment.precision.attentionCore,
      kind: 'attention'
    },
    ctx.chip,
    shareOf(ctx, 'mla.core')
  )
}

/** Prefill: causal attention; `meanContext` is the average number of tokens each token attends to. */
export function attentionCorePrefill(
  ctx: PhaseContext,
  tokens: number,
  meanContext: number
): OperatorCost {
  return computeCost(
    'mla.core',
    streamOf(ctx, 'mla.core'),
    {
      flops: tokens * meanContext * ctx.shapes.prefillAttentionFlopsPerContextToken,
      bytes: tokens * ctx.shapes.prefillAttentionBytesPerToken,
      precision: ctx.deployment.precision.attentionCore,
      kind: 'attention'
    },
    ctx.chip,
    shareOf(ctx, 'mla.core')
  )
}

export function gate(ctx: PhaseContext, tokens: number): OperatorCost {
  return computeCost(
    'moe.gate',
    streamOf(ctx, 'moe.gate'),
    {
      flops: 2 * ctx.shapes.gateParams * tokens,
      bytes: ctx.shapes.gateParams * 2,
      precision: 'bf16',
      kind: 'gemm'
    },
    ctx.chip,
    shareOf(ctx, 'moe.gate')
  )
}

/** Expert tokens and weight slots on the busiest expert rank, for one micro-batch. */
export interface ExpertRankLoad {
  tokens: number
  slots: number
}

/**
 * `tokensPerDevice` tokens on every device of the instance; the routed load of the hottest rank
 * is the mean times `factor`. A shared expert on every rank serves that rank's own tokens; shared
 * experts on dedicated ranks serve an equal share of all tokens, on devices of their own.
 */
export function expertRankLoad(
  ctx: PhaseContext,
  tokensPerDevice: number,
  factor: number
): ExpertRankLoad {
  const experts = ctx.layout.experts
  const routedRanks = routedRanksOf(experts)
  const instanceTokens = experts.ranks * tokensPerDevice
  const routedSlots = Math.ceil((ctx.model.routedExperts + experts.redundantExperts) / routedRanks)
  const hottest = ((instanceTokens * ctx.model.expertsPerToken) / routedRanks) * factor
  if (experts.sharedExpert === 'every-rank') {
    return { tokens: hottest + tokensPerDevice, slots: routedSlots + 1 }
  }
  const sharedTokens = instanceTokens / experts.sharedExpert.dedicatedRanks
  return { tokens: Math.max(hottest, sharedTokens), slots: routedSlots }
}

export function expertsCost(ctx: PhaseContext, load: ExpertRankLoad): OperatorCost {
  const params = ctx.shapes.expertParams
  return computeCost(
    'moe.experts',
    streamOf(ctx, 'moe.experts'),
    {
      flops: 2 * params * load.tokens,
      bytes: load.slots * params * bytesOf(ctx, 'experts') + activationBytes(ctx, load.tokens),
      precision: ctx.deployment.precision.experts,
      kind: 'gemm'
    },
    ctx.chip,
    shareOf(ctx, 'moe.experts')
  )
}

export function denseFfn(ctx: PhaseContext, tokens: number): OperatorCost {
  const params = ctx.shapes.denseFfnParams
  return computeCost(
    'ffn.dense',
    streamOf(ctx, 'ffn.dense'),
    {
      flops: 2 * params * tokens,
      bytes: params * bytesOf(ctx, 'denseFfn') + activationBytes(ctx, tokens),
      precision: ctx.deployment.precision.denseFfn,
      kind: 'gemm'
    },
    ctx.chip,
    shareOf(ctx, 'ffn.dense')
  )
}

/** Runs after the last layer on the whole device. */
export function lmHead(ctx: PhaseContext, tokens: number): OperatorCost {
  const params = ctx.shapes.lmHeadParams
  return computeCost(
    'lm.head',
    'device',
    {
      flops: 2 * params * tokens,
      bytes: params * bytesOf(ctx, 'lmHead'),
      precision: ctx.deployment.precision.lmHead,
      kind: 'gemm'
    },
    ctx.chip,
    1
  )
}

export function mtpProjection(ctx: PhaseContext, tokens: number): OperatorCost {
  const params = ctx.shapes.mtpProjectionParams
  return computeCost(
    'mtp.projection',
    'device',
    {
      flops: 2 * params * tokens,
      bytes: params * bytesOf(ctx, 'mlaProjections'),
      precision: ctx.deployment.precision.mlaProjections,
      kind: 'gemm'
    },
    ctx.chip,
    1
  )
}

/** A communication operator under `conditions.commScale` (a degraded link on its path). */
export function slowed(ctx: PhaseContext, cost: OperatorCost): OperatorCost {
  const scale = ctx.conditions.commScale ?? 1
  return scale === 1 ? cost : { ...cost, us: cost.us * scale }
}
