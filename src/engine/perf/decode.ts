import { BYTES_PER_VALUE } from '../catalog/chips'
import type { SetupId } from '../catalog/deployments'
import { attentionExchange, expertExchange } from './comm'
import type { OperatorCost } from './cost'
import { hbmUsedGB } from './memory'
import { moeLayersPass } from './moeLayers'
import {
  attentionCoreDecode,
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
import type { DecodeEstimate, DecodeInputs } from './types'
import { deviceWork, type DeviceWork } from './work'

interface DecodeStep {
  stepUs: number
  microBatches: number
  moe: ReturnType<typeof moeLayersPass>
  dense: ReturnType<typeof layerTime>
  denseOps: OperatorCost[]
  mtpModuleUs: number
  lmHeadUs: number
  work: DeviceWork
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
  const kvBytes = BYTES_PER_VALUE[ctx.deployment.precision.kvCache]

  const attention = [
    mlaProjections(ctx, tokens),
    attentionCoreDecode(ctx, sequences, tokens, inputs.kvTokens),
    attentionExchange(streamOf(ctx, 'mla.exchange'), layout, model, kvBytes, 0)
  ]
  const routing = gate(ctx, tokens)
  const exchange = (kind: 'dispatch' | 'combine'): OperatorCost =>
    slowed(
      ctx,
      expertExchange(kind, streamOf(ctx, `moe.${kind}`), layout, ctx.system, model, tokens, warn)
    )
  const dispatch = exchange('dispatch')
  const combine = exchange('combine')
  const requests = layout.experts.ranks * sequences
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

  const stepTokens = sequencesPerDevice * (1 + draft)
  const projection = mtpProjection(ctx, stepTokens)
  const head = lmHead(ctx, stepTokens)
  const mtpModuleUs = draft > 0 ? moe.average.us + projection.us : 0
  const lmHeadUs = (1 + draft) * head.us
  const stepUs = moe.totalUs + model.denseLayers * dense.us + mtpModuleUs + lmHeadUs
  const work = deviceWork([
    {
      operators: moeOps(expertsCost(ctx, expertRankLoad(ctx, tokens, 1))),
      times: microBatches * (ctx.shapes.moeLayers + draft)
    },
    { operators: denseOps, times: microBatches * model.denseLayers },
    { operators: [projection], times: draft },
    { operators: [head], times: 1 + draft }
  ])
  return { stepUs, microBatches, moe, dense, denseOps, mtpModuleUs, lmHeadUs, work }
}

/**
 * One decode step of a batch: every sequence advances by one token, plus one MTP draft token
 * when MTP is on (verified in the same step, accepted with `mtpAcceptance`). The step runs all
 * layers, the MTP module and the LM head. The batch is cut into the deployment's micro-batches,
 * which overlap on its streams, unless running it whole is faster (small batches, where a
 * second pass over the weights costs more than the overlap saves): a scheduler would choose so.
 */
export function estimateDecode(setup: SetupId, inputs: DecodeInputs): DecodeEstimate {
  const ctx = phaseContext(setup, 'decode', inputs.conditions, inputs.deployment)
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
    work: step.work,
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
