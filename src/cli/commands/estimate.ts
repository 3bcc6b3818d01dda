import {
  estimate,
  EstimateInputError,
  type Estimate,
  type EstimateRequest,
  type OperatorCost
} from '../../engine/perf'
import { SETUP_IDS } from '../../engine/catalog/deployments'
import { EXIT_OK, UsageError, type Command } from '../command'

/** CLI flag for each request field, so errors name what the user typed. */
const FLAGS: Partial<Record<keyof EstimateRequest, string>> = {
  setup: '--system',
  phase: '--phase',
  batchPerChip: '--batch',
  kvTokens: '--kv',
  mtpAcceptance: '--mtp',
  promptTokens: '--prompt',
  tokensPerChip: '--tokens-per-chip',
  cachedTokens: '--cached',
  eplb: '--eplb',
  seed: '--seed'
}

function numberFlag(flag: string, value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
  if (!Number.isFinite(number))
    throw new UsageError(`${flag} must be a number, not '${String(value)}'`)
  return number
}

export const estimateCommand: Command = {
  name: 'estimate',
  summary: 'predict prefill or decode performance of a system from the hardware model',
  usage:
    'twin estimate --system <id> --phase decode [--batch N] [--kv N] [--mtp A] [--json]\n' +
    '       twin estimate --system <id> --phase prefill [--prompt N] [--tokens-per-chip N] [--eplb perfect|default] [--json]',
  help: [
    `--system <id>          ${SETUP_IDS.join(', ')}`,
    '--phase <phase>        decode or prefill',
    '--batch <n>            decode: sequences per chip (1-1024)',
    '--kv <tokens>          decode: KV cache length per sequence',
    '--mtp <0..1>           decode: acceptance of the MTP draft token; 0 turns MTP off',
    '--prompt <tokens>      prefill: prompt length',
    '--tokens-per-chip <n>  prefill: prompt tokens per chip per batch',
    '--cached <tokens>      prefill: prompt tokens found in the prefix cache (default 0)',
    "--eplb <balancer>      perfect or default expert balance (default: the deployment's)",
    '--seed <n>             seed of the expert load draw (default 1)',
    '--json                 print one JSON object',
    'A flag left out takes the published deployment default of the system. "Chip" is one',
    'NPU package on CloudMatrix384 (2 dies), one GPU on NVIDIA.'
  ],
  options: {
    system: { type: 'string' },
    phase: { type: 'string' },
    batch: { type: 'string' },
    kv: { type: 'string' },
    mtp: { type: 'string' },
    prompt: { type: 'string' },
    'tokens-per-chip': { type: 'string' },
    cached: { type: 'string' },
    eplb: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' }
  },
  async run(values, io) {
    if (typeof values.system !== 'string') throw new UsageError('--system is required')
    if (typeof values.phase !== 'string')
      throw new UsageError('--phase is required (decode or prefill)')
    const request: EstimateRequest = {
      setup: values.system,
      phase: values.phase,
      batchPerChip: numberFlag('--batch', values.batch),
      kvTokens: numberFlag('--kv', values.kv),
      mtpAcceptance: numberFlag('--mtp', values.mtp),
      promptTokens: numberFlag('--prompt', values.prompt),
      tokensPerChip: numberFlag('--tokens-per-chip', values['tokens-per-chip']),
      cachedTokens: numberFlag('--cached', values.cached),
      eplb: typeof values.eplb === 'string' ? values.eplb : undefined,
      seed: numberFlag('--seed', values.seed)
    }
    let result: Estimate
    try {
      result = estimate(request)
    } catch (error) {
      if (error instanceof EstimateInputError) {
        const flag = FLAGS[error.field] ?? error.field
        throw new UsageError(error.message.split(error.field).join(flag))
      }
      throw error
    }
    io.stdout(values.json ? JSON.stringify(result) + '\n' : describe(result))
    return EXIT_OK
  }
}

const round = (n: number, digits = 1): string => n.toFixed(digits)

function operatorRows(operators: OperatorCost[]): string[] {
  return operators
    .filter((o) => o.us > 0)
    .map(
      (o) =>
        `    ${o.operator.padEnd(16)} ${o.stream.padEnd(14)} ${round(o.us).padStart(9)} us  ${o.bound}`
    )
}

function describe(e: Estimate): string {
  const lines = [`${e.system} (${e.chip}), ${e.phase}`]
  if (e.phase === 'decode') {
    const i = e.inputs
    lines.push(
      `  batch ${i.batchPerChip}/chip, KV ${i.kvTokens}, MTP ${i.mtpAcceptance > 0 ? `on (acceptance ${i.mtpAcceptance})` : 'off'}, ${i.eplb} expert balance`,
      `  ${round(e.tokensPerSecondPerChip, 0)} tokens/s per chip, TPOT ${round(e.tpotMs)} ms, step ${round(e.stepMs)} ms, MoE layer ${round(e.layerUs, 0)} us`
    )
  } else {
    const i = e.inputs
    lines.push(
      `  ${i.promptTokens}-token prompts (${i.cachedTokens} cached), ${i.tokensPerChip} tokens/chip, ${i.eplb} expert balance`,
      `  ${round(e.tokensPerSecondPerChip, 0)} tokens/s per chip, batch ${round(e.batchMs, 0)} ms, MoE layer ${round(e.layerUs, 0)} us, KV transfer ${round(e.kvTransferMs, 2)} ms/request`
    )
  }
  lines.push(
    `  ${round(e.tokensPerSecondPerTflops, 2)} tokens/s/TFLOPS, ${e.microBatches} micro-batch(es), HBM ${round(e.hbmUsedGB)} of ${e.hbmCapacityGB} GB per device`,
    `  MoE layer per micro-batch (limited by ${e.breakdown.moeLayer.limiter}):`,
    ...operatorRows(e.breakdown.moeLayer.operators),
    ...e.warnings.map((w) => `  note: ${w}`)
  )
  return lines.join('\n') + '\n'
}
