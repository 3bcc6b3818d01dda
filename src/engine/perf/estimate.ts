import { deployments, SETUP_IDS, type Balancer, type SetupId } from '../catalog/deployments'
import { deepSeekR1 } from '../catalog/model'
import { estimateDecode } from './decode'
import { estimatePrefill } from './prefill'
import type { Conditions, Estimate } from './types'

export type Phase = 'decode' | 'prefill'

/** What a caller may ask; anything left out takes the setup's published deployment default. */
export interface EstimateRequest {
  setup: string
  phase: string
  batchPerChip?: number
  kvTokens?: number
  mtpAcceptance?: number
  promptTokens?: number
  tokensPerChip?: number
  cachedTokens?: number
  eplb?: string
  seed?: number
  /** faults and what-ifs (the serving simulation passes these; the CLI does not) */
  conditions?: Conditions
}

export class EstimateInputError extends Error {
  override name = 'EstimateInputError'
  constructor(
    readonly field: keyof EstimateRequest,
    message: string
  ) {
    super(message)
  }
}

interface Limit {
  min: number
  max: number
  integer: boolean
  phase: Phase
}

/** Ranges the model is meant for; outside them it would be extrapolating. */
export const ESTIMATE_LIMITS = {
  batchPerChip: { min: 1, max: 1024, integer: true, phase: 'decode' },
  kvTokens: { min: 1, max: deepSeekR1.maxContext, integer: true, phase: 'decode' },
  mtpAcceptance: { min: 0, max: 1, integer: false, phase: 'decode' },
  promptTokens: { min: 1, max: deepSeekR1.maxContext, integer: true, phase: 'prefill' },
  tokensPerChip: { min: 1, max: 1 << 20, integer: true, phase: 'prefill' },
  cachedTokens: { min: 0, max: deepSeekR1.maxContext - 1, integer: true, phase: 'prefill' }
} satisfies Record<string, Limit>

type LimitedField = keyof typeof ESTIMATE_LIMITS

function checkNumber(field: LimitedField, value: number): number {
  const limit: Limit = ESTIMATE_LIMITS[field]
  const kind = limit.integer ? 'a whole number' : 'a number'
  if (!Number.isFinite(value) || (limit.integer && !Number.isInteger(value))) {
    throw new EstimateInputError(field, `${field} must be ${kind}, not ${String(value)}`)
  }
  if (value < limit.min || value > limit.max) {
    throw new EstimateInputError(
      field,
      `${field} must be ${kind} from ${limit.min} to ${limit.max}, not ${value}`
    )
  }
  return value
}

export function isSetupId(value: string): value is SetupId {
  return (SETUP_IDS as readonly string[]).includes(value)
}

/** Validates a request, fills the deployment defaults and runs the phase model. */
export function estimate(request: EstimateRequest): Estimate {
  if (!isSetupId(request.setup)) {
    throw new EstimateInputError(
      'setup',
      `unknown system '${request.setup}' (known: ${SETUP_IDS.join(', ')})`
    )
  }
  if (request.phase !== 'decode' && request.phase !== 'prefill') {
    throw new EstimateInputError(
      'phase',
      `phase must be 'decode' or 'prefill', not '${request.phase}'`
    )
  }
  const phase: Phase = request.phase
  for (const field of Object.keys(ESTIMATE_LIMITS) as LimitedField[]) {
    const value = request[field]
    if (value === undefined) continue
    if (ESTIMATE_LIMITS[field].phase !== phase) {
      throw new EstimateInputError(
        field,
        `${field} applies to the ${ESTIMATE_LIMITS[field].phase} phase only`
      )
    }
    checkNumber(field, value)
  }
  const eplb = request.eplb ?? deployments[request.setup].prefill.defaults.eplb
  if (eplb !== 'perfect' && eplb !== 'default') {
    throw new EstimateInputError('eplb', `eplb must be 'perfect' or 'default', not '${eplb}'`)
  }
  const seed = request.seed ?? 1
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new EstimateInputError(
      'seed',
      `seed must be a whole number from 0 to ${0xffffffff}, not ${seed}`
    )
  }
  const conditions = checkConditions(request.conditions ?? {})
  const deployment = deployments[request.setup]
  if (phase === 'decode') {
    const d = deployment.decode.defaults
    return estimateDecode(request.setup, {
      batchPerChip: request.batchPerChip ?? d.batchPerChip,
      kvTokens: request.kvTokens ?? d.kvTokens,
      mtpAcceptance: request.mtpAcceptance ?? d.mtpAcceptance,
      eplb: eplb as Balancer,
      seed,
      conditions
    })
  }
  const p = deployment.prefill.defaults
  const promptTokens = request.promptTokens ?? p.promptTokens
  const cachedTokens = request.cachedTokens ?? 0
  if (cachedTokens >= promptTokens) {
    throw new EstimateInputError(
      'cachedTokens',
      `cachedTokens (${cachedTokens}) must be less than promptTokens (${promptTokens})`
    )
  }
  return estimatePrefill(request.setup, {
    promptTokens,
    tokensPerChip: request.tokensPerChip ?? p.tokensPerChip,
    cachedTokens,
    eplb: eplb as Balancer,
    seed,
    conditions
  })
}

function checkConditions(conditions: Conditions): Conditions {
  const { computeScale = 1, commScale = 1, minHottestFactor = 1 } = conditions
  if (!(computeScale > 0 && computeScale <= 1)) {
    throw new EstimateInputError(
      'conditions',
      `conditions.computeScale must be in (0, 1], not ${computeScale}`
    )
  }
  if (!(commScale >= 1 && Number.isFinite(commScale))) {
    throw new EstimateInputError(
      'conditions',
      `conditions.commScale must be a finite number >= 1, not ${commScale}`
    )
  }
  if (!(minHottestFactor >= 1 && Number.isFinite(minHottestFactor))) {
    throw new EstimateInputError(
      'conditions',
      `conditions.minHottestFactor must be a finite number >= 1, not ${minHottestFactor}`
    )
  }
  return conditions
}
