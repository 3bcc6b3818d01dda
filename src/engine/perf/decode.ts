import { attentionExchange, expertExchange } from './comm'
import { BYTES_PER_VALUE } from '../catalog/chips'
import type { SetupId } from '../catalog/deployments'
import { hbmUsedGB } from './memory'
import { moeLayersPass } from './moeLayers'
import {
  attentionCoreDecode,
  denseFfn,
  gate,
  lmHead,
  mlaProjections,
  mtpProjection,
  phaseContext,
  streamOf
} from './phase'
import { layerTime } from './pipeline'
import { slowed } from './phase'
import type { OperatorCost } from './cost'
import type { PhaseContext } from './phase'
import type { DecodeEstimate, DecodeInputs } from './types'

interface DecodeStep {
  stepUs: number
  microBatches: number
  moe: ReturnType<typeof moeLayersPass>
  dense: ReturnType<typeof layerTime>
  denseOps: OperatorCost[]
  mtpModuleUs: number
  lmHeadUs: number
}

function decodeStep(
  ctx: PhaseContext,
  inputs: DecodeInputs,
  microBatches: number,
  warn: (m: string) => void
): DecodeStep {
  const { chip, model, layout } = ctx
  const draft = inputs.mtpAcceptance > 0 ? model.mtpModules : 0
  const sequencesPerDevice = inputs.batchPerChip / chip.devicesPerChip
  const sequences = sequencesPerDevice / microBatches
  const tokens = sequences * (1 + draft)

  const attention = [
    mlaProjections(ctx, tokens),
    attentionCoreDecode(ctx, sequences, tokens, inputs.kvTokens),
    attentionExchange(
      streamOf(ctx, 'mla.exchange'),
      layout,
      model,
      BYTES_PER_VALUE[ctx.deployment.precision.kvCache],
      0
    )
  ]
  const routing = gate(ctx, tokens)
  const dispatch = slowed(
    ctx,
    expertExchange(
      'dispatch',
      streamOf(ctx, 'moe.dispatch'),
      layout,
      ctx.system,
      model,
      tokens,
      warn
    )
  )
  const combine = slowed(
    ctx,
    expertExchange('combine', streamOf(ctx, 'moe.combine'), layout, ctx.system, model, tokens, warn)
  )
  const requests = layout.experts.ranks * sequences
  const moe = moeLayersPass(
    ctx,
    tokens,
    requests,
    inputs.eplb,
    inputs.seed,
    microBatches,
    (experts) => [...attention, routing, dispatch, experts, combine]
  )
  const denseOps = [...attention, denseFfn(ctx, tokens)]
  const dense = layerTime(denseOps, microBatches, chip)

  const stepTokens = sequencesPerDevice * (1 + draft)
  const mtpModuleUs = draft > 0 ? moe.average.us + mtpProjection(ctx, stepTokens).us : 0
  const lmHeadUs = (1 + draft) * lmHead(ctx, stepTokens).us
  const stepUs = moe.totalUs + model.denseLayers * dense.us + mtpModuleUs + lmHeadUs
  return { stepUs, microBatches, moe, dense, denseOps, mtpModuleUs, lmHeadUs }
}

/**
 * One decode step of a batch: every sequence advances by one token, plus one MTP draft token
 * when MTP is on (verified in the same step, accepted with `mtpAcceptance`). The step runs all
 * layers, the MTP module and the LM head. The batch is cut into the deployment's micro-batches,
 * which overlap on its streams, unless running it whole is faster (small batches, where a
 * second pass over the weights costs more than the overlap saves): a scheduler would choose so.
 */
export function estimateDecode(setup: SetupId, inputs: DecodeInputs): DecodeEstimate {
  const ctx = phaseContext(setup, 'decode', inputs.conditions)
  const { chip, model, layout } = ctx
  const warn = (message: string): void => {
    if (!ctx.warnings.includes(message)) ctx.warnings.push(message)
  }
  const devices = chip.devicesPerChip
  const pipelined = decodeStep(ctx, inputs, layout.pipeline.microBatches, warn)
  const whole = layout.pipeline.microBatches > 1 ? decodeStep(ctx, inputs, 1, warn) : pipelined
  const step = whole.stepUs < pipelined.stepUs ? whole : pipelined
  const { moe, dense, denseOps, mtpModuleUs, lmHeadUs, stepUs } = step
  const draft = inputs.mtpAcceptance > 0 ? model.mtpModules : 0
  const sequencesPerDevice = inputs.batchPerChip / devices

  const tokensPerStep = 1 + inputs.mtpAcceptance * draft
  const tpotMs = stepUs / 1000 / tokensPerStep
  const tokensPerSecondPerChip = inputs.batchPerChip / (tpotMs / 1000)
  const hbm = hbmUsedGB(ctx, sequencesPerDevice * inputs.kvTokens, draft > 0)
  if (hbm > chip.hbmGB) {
    warn(
      `needs ${hbm.toFixed(1)} GB of HBM per device, more than the ${chip.hbmGB} GB of a ${chip.name} device`
    )
  }
  return {
    system: setup,
    phase: 'decode',
    chip: chip.name,
    devicesPerChip: devices,
    inputs,
    tokensPerSecondPerChip,
    tokensPerSecondPerTflops:
      tokensPerSecondPerChip / (chip.peakTflops[chip.normalisation]! * devices),
    tpotMs,
    stepMs: stepUs / 1000,
    layerUs: moe.average.us,
    tokensPerStep,
    microBatches: step.microBatches,
    hbmUsedGB: hbm,
    hbmCapacityGB: chip.hbmGB,
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
