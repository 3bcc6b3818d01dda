import { BYTES_PER_VALUE } from '../catalog/chips'
import type { SetupId } from '../catalog/deployments'
import { attentionExchange, expertExchange, kvTransferMs } from './comm'
import { hbmUsedGB } from './memory'
import { moeLayersPass } from './moeLayers'
import type { OperatorCost } from './cost'
import {
  attentionCorePrefill,
  denseFfn,
  expertRankLoad,
  expertsCost,
  gate,
  lmHead,
  mlaProjections,
  mtpProjection,
  phaseContext,
  slowed,
  streamOf,
  type PhaseContext
} from './phase'
import { layerTime } from './pipeline'
import type { PrefillEstimate, PrefillInputs } from './types'
import { deviceWork } from './work'

function prefillBatch(
  ctx: PhaseContext,
  inputs: PrefillInputs,
  microBatches: number,
  warn: (m: string) => void
) {
  const { chip, model, layout, deployment } = ctx
  const kvBytes = BYTES_PER_VALUE[deployment.precision.kvCache]
  const tokensPerDevice = inputs.tokensPerChip / chip.devicesPerChip
  const tokens = tokensPerDevice / microBatches
  const newTokensPerPrompt = inputs.promptTokens - inputs.cachedTokens
  const meanContext = inputs.cachedTokens + (newTokensPerPrompt + 1) / 2

  const attention = [
    mlaProjections(ctx, tokens),
    attentionCorePrefill(ctx, tokens, meanContext),
    slowed(ctx, attentionExchange(streamOf(ctx, 'mla.exchange'), layout, model, kvBytes, tokens))
  ]
  const routing = gate(ctx, tokens)
  const exchange = (kind: 'dispatch' | 'combine'): OperatorCost =>
    slowed(
      ctx,
      expertExchange(kind, streamOf(ctx, `moe.${kind}`), layout, ctx.system, model, tokens, warn)
    )
  const dispatch = exchange('dispatch')
  const combine = exchange('combine')
  const requests = (layout.experts.ranks * tokens) / newTokensPerPrompt
  const moeOps = (experts: OperatorCost): OperatorCost[] => [
    ...attention,
    routing,
    dispatch,
    experts,
    combine
  ]
  const moe = moeLayersPass(ctx, tokens, requests, inputs.eplb, inputs.seed, microBatches, moeOps)
  const denseOps = [...attention, denseFfn(ctx, tokens)]
  const dense = layerTime(denseOps, microBatches, chip)

  const withMtp = deployment.decode.defaults.mtpAcceptance > 0
  const mtpLayers = withMtp ? model.mtpModules : 0
  const projection = mtpProjection(ctx, tokensPerDevice)
  const mtpModuleUs = withMtp ? moe.average.us + projection.us : 0
  const promptsPerDevice = tokensPerDevice / newTokensPerPrompt
  const head = lmHead(ctx, promptsPerDevice)
  const lmHeadUs = head.us
  const batchUs = moe.totalUs + model.denseLayers * dense.us + mtpModuleUs + lmHeadUs
  const work = deviceWork([
    {
      operators: moeOps(expertsCost(ctx, expertRankLoad(ctx, tokens, 1))),
      times: microBatches * (ctx.shapes.moeLayers + mtpLayers)
    },
    { operators: denseOps, times: microBatches * model.denseLayers },
    { operators: [projection], times: mtpLayers },
    { operators: [head], times: 1 }
  ])
  return {
    work,
    batchUs,
    microBatches,
    moe,
    dense,
    denseOps,
    mtpModuleUs,
    lmHeadUs,
    withMtp,
    tokensPerDevice,
    promptsPerDevice,
    kvBytes
  }
}

/**
 * One prefill batch: `tokensPerChip` new prompt tokens on every chip of an instance. Cached
 * prefix tokens are attended to but not recomputed. The MTP module runs when the deployment
 * decodes with MTP (it drafts the first speculative token); the LM head runs once per prompt.
 * As in decode, the batch is cut into the deployment's micro-batches unless running it whole
 * is faster.
 */
export function estimatePrefill(setup: SetupId, inputs: PrefillInputs): PrefillEstimate {
  const ctx = phaseContext(setup, 'prefill', inputs.conditions, inputs.deployment)
  const { chip, layout, deployment, model } = ctx
  const warn = (message: string): void => {
    if (!ctx.warnings.includes(message)) ctx.warnings.push(message)
  }
  const devices = chip.devicesPerChip
  const pipelined = prefillBatch(ctx, inputs, layout.pipeline.microBatches, warn)
  const whole = layout.pipeline.microBatches > 1 ? prefillBatch(ctx, inputs, 1, warn) : pipelined
  const batch = whole.batchUs < pipelined.batchUs ? whole : pipelined
  const { batchUs, moe, dense, denseOps, mtpModuleUs, lmHeadUs } = batch
  const tokensPerSecondPerChip = inputs.tokensPerChip / (batchUs / 1e6)
  const hbm = hbmUsedGB(
    ctx,
    batch.tokensPerDevice + batch.promptsPerDevice * inputs.cachedTokens,
    batch.withMtp
  )
  if (hbm > chip.hbmGB) {
    warn(
      `needs ${hbm.toFixed(1)} GB of HBM per device, more than the ${chip.hbmGB} GB of a ${chip.name} device`
    )
  }
  return {
    system: setup,
    phase: 'prefill',
    chip: chip.name,
    devicesPerChip: devices,
    inputs,
    tokensPerSecondPerChip,
    tokensPerSecondPerTflops:
      tokensPerSecondPerChip / (chip.peakTflops[chip.normalisation]! * devices),
    batchMs: batchUs / 1000,
    layerUs: moe.average.us,
    microBatches: batch.microBatches,
    kvTransferMs: kvTransferMs(deployment, model, batch.kvBytes, inputs.promptTokens),
    hbmUsedGB: hbm,
    hbmCapacityGB: chip.hbmGB,
    work: batch.work,
    warnings: ctx.warnings,
    breakdown: {
      moeLayer: moe.average,
      denseLayer: {
        us: dense.us,
        limiter: dense.limiter,
        streamUs: dense.streamUs,
        operators: denseOps
      },
      moeLayers: ctx.shapes.moeLayers,
      denseLayers: model.denseLayers,
      mtpModuleUs,
      lmHeadUs,
      hottestExpertRankFactor: moe.meanFactor
    }
  }
}
