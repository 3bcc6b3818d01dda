import type { ScenarioInput } from '../../../shared/scenario'

/**
 * The scenario editor's form state. Every number is kept as the text the user typed, so an
 * impossible value ("-3", "12x") stays on screen with its message instead of being lost or
 * replaced; `scenarioFromDraft` turns the text into numbers where it can and leaves the rest
 * as text for the validation to name.
 */
export interface LengthDraft {
  kind: 'fixed' | 'uniform' | 'lognormal'
  tokens: string
  min: string
  max: string
  median: string
  sigma: string
}

/** the numbers each length distribution takes, in the order the form shows them */
export const LENGTH_KEYS: Record<
  LengthDraft['kind'],
  readonly Exclude<keyof LengthDraft, 'kind'>[]
> = {
  fixed: ['tokens'],
  uniform: ['min', 'max'],
  lognormal: ['median', 'sigma', 'max']
}

export type FaultKind =
  'die-failure' | 'npu-failure' | 'link-degradation' | 'subplane-degradation' | 'slow-chip'

export interface FaultDraft {
  /** stable React key: faults are added and removed */
  key: number
  kind: FaultKind
  atS: string
  untilS: string
  /** the die, NPU or link id, or the sub-plane number */
  target: string
  /** bandwidthFraction or speedFraction */
  fraction: string
}

/** the deployment overrides that are plain numbers (eplb is a choice) */
export const DEPLOYMENT_NUMBERS = [
  'prefillInstances',
  'decodeChips',
  'maxBatchPerChip',
  'prefillTokensPerChip',
  'mtpAcceptance'
] as const

export interface ScenarioDraft {
  name: string
  description: string
  system: string
  deployment: {
    prefillInstances: string
    decodeChips: string
    maxBatchPerChip: string
    prefillTokensPerChip: string
    mtpAcceptance: string
    eplb: '' | 'perfect' | 'default'
  }
  workloadKind: 'synthetic' | 'trace'
  trace: {
    trace: string
    rateScale: string
    startS: string
    repeat: boolean
    onBadRow: 'skip' | 'fail'
  }
  synthetic: {
    arrivalKind: 'poisson' | 'bursty'
    ratePerS: string
    burstiness: string
    prompt: LengthDraft
    output: LengthDraft
    sharedPrefixTokens: string
  }
  slo: { ttftMs: string; tpotMs: string }
  cache: { enabled: boolean; capacityGBPerNode: string }
  faults: FaultDraft[]
  durationS: string
  /** start of the summary's measurement window (empty: the whole run) */
  measureFromS: string
  sampleIntervalS: string
  seed: string
  /** fields the form does not show ($schema, model), kept as they were */
  extra: Record<string, unknown>
}

export const FAULT_KINDS: {
  kind: FaultKind
  label: string
  target: string
  fraction: string | null
}[] = [
  { kind: 'die-failure', label: 'die failure', target: 'die', fraction: null },
  { kind: 'npu-failure', label: 'NPU failure', target: 'npu', fraction: null },
  {
    kind: 'link-degradation',
    label: 'link degradation',
    target: 'link',
    fraction: 'bandwidthFraction'
  },
  {
    kind: 'subplane-degradation',
    label: 'sub-plane degradation',
    target: 'subPlane',
    fraction: 'bandwidthFraction'
  },
  { kind: 'slow-chip', label: 'slow chip', target: 'npu', fraction: 'speedFraction' }
]

export function faultKind(kind: FaultKind) {
  return FAULT_KINDS.find((k) => k.kind === kind)!
}

const text = (value: unknown): string =>
  value === undefined || value === null ? '' : String(value)

function lengthDraft(spec: unknown, fallback: number): LengthDraft {
  const s = (spec ?? {}) as Record<string, unknown>
  const kind = s.kind === 'uniform' || s.kind === 'lognormal' ? s.kind : 'fixed'
  return {
    kind,
    tokens: text(s.tokens ?? (spec ? undefined : fallback)),
    min: text(s.min),
    max: text(s.max),
    median: text(s.median),
    sigma: text(s.sigma)
  }
}

let nextFaultKey = 1
export function newFault(kind: FaultKind = 'die-failure', atS = ''): FaultDraft {
  return { key: nextFaultKey++, kind, atS, untilS: '', target: '', fraction: '' }
}

/** The form state of a scenario (a preset's, a saved run's, or a new one). */
export function draftFromScenario(scenario: ScenarioInput): ScenarioDraft {
  const {
    name,
    description,
    system,
    deployment,
    workload,
    slo,
    cache,
    faults,
    durationS,
    measureFromS,
    sampleIntervalS,
    seed,
    ...extra
  } = scenario as ScenarioInput & Record<string, unknown>
  const d = (deployment ?? {}) as Record<string, unknown>
  const w = (workload ?? { kind: 'synthetic' }) as Record<string, unknown>
  const arrival = (w.arrival ?? {}) as Record<string, unknown>
  return {
    name: text(name),
    description: text(description),
    system: text(system),
    deployment: {
      prefillInstances: text(d.prefillInstances),
      decodeChips: text(d.decodeChips),
      maxBatchPerChip: text(d.maxBatchPerChip),
      prefillTokensPerChip: text(d.prefillTokensPerChip),
      mtpAcceptance: text(d.mtpAcceptance),
      eplb: d.eplb === 'perfect' || d.eplb === 'default' ? d.eplb : ''
    },
    workloadKind: w.kind === 'trace' ? 'trace' : 'synthetic',
    trace: {
      trace: w.kind === 'trace' ? text(w.trace) : 'azure-conv',
      rateScale: w.kind === 'trace' ? text(w.rateScale ?? 1) : '1',
      startS: w.kind === 'trace' ? text(w.startS) : '',
      repeat: w.kind === 'trace' ? w.repeat === true : false,
      onBadRow: w.onBadRow === 'skip' ? 'skip' : 'fail'
    },
    synthetic: {
      arrivalKind: arrival.kind === 'bursty' ? 'bursty' : 'poisson',
      ratePerS: w.kind === 'synthetic' ? text(arrival.ratePerS) : '10',
      burstiness: text(arrival.burstiness),
      prompt: lengthDraft(w.kind === 'synthetic' ? w.prompt : undefined, 2048),
      output: lengthDraft(w.kind === 'synthetic' ? w.output : undefined, 512),
      sharedPrefixTokens: text(w.sharedPrefixTokens)
    },
    slo: { ttftMs: text(slo?.ttftMs ?? 2000), tpotMs: text(slo?.tpotMs ?? 50) },
    cache: { enabled: cache?.enabled !== false, capacityGBPerNode: text(cache?.capacityGBPerNode) },
    faults: (faults ?? []).map((f) => {
      const fault = f as Record<string, unknown>
      const kind = faultKind(f.kind)
      return {
        ...newFault(f.kind, text(f.atS)),
        untilS: text(f.untilS),
        target: text(fault[kind.target]),
        fraction: kind.fraction ? text(fault[kind.fraction]) : ''
      }
    }),
    durationS: text(durationS),
    measureFromS: text(measureFromS),
    sampleIntervalS: text(sampleIntervalS ?? 1),
    seed: text(seed ?? 1),
    extra
  }
}

/**
 * The text of a number field as the scenario gets it: a number when it reads as one, nothing
 * when empty (optional fields then keep their default), else the text itself (the validation
 * then says "must be a number" at the field, and the text stays as typed).
 */
export function numberOf(value: string): number | string | undefined {
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  const n = Number(trimmed.replace(/,/g, ''))
  return Number.isFinite(n) ? n : value
}

/** sets key only when the value is defined */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value
}

function lengthOf(draft: LengthDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: draft.kind }
  for (const key of LENGTH_KEYS[draft.kind]) put(out, key, numberOf(draft[key]))
  return out
}

/** The scenario the form describes, in the shape scenarios.validate, save and run.start take. */
export function scenarioFromDraft(draft: ScenarioDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { ...draft.extra, name: draft.name }
  if (draft.description.trim() !== '') out.description = draft.description
  out.system = draft.system
  const deployment: Record<string, unknown> = {}
  for (const key of DEPLOYMENT_NUMBERS) put(deployment, key, numberOf(draft.deployment[key]))
  if (draft.deployment.eplb) deployment.eplb = draft.deployment.eplb
  if (Object.keys(deployment).length > 0) out.deployment = deployment
  if (draft.workloadKind === 'trace') {
    const t = draft.trace
    const workload: Record<string, unknown> = { kind: 'trace', trace: t.trace }
    put(workload, 'rateScale', numberOf(t.rateScale))
    put(workload, 'startS', numberOf(t.startS))
    if (t.repeat) workload.repeat = true
    if (t.onBadRow !== 'fail') workload.onBadRow = t.onBadRow
    out.workload = workload
  } else {
    const s = draft.synthetic
    const arrival: Record<string, unknown> = { kind: s.arrivalKind }
    put(arrival, 'ratePerS', numberOf(s.ratePerS))
    if (s.arrivalKind === 'bursty') put(arrival, 'burstiness', numberOf(s.burstiness))
    const workload: Record<string, unknown> = {
      kind: 'synthetic',
      arrival,
      prompt: lengthOf(s.prompt),
      output: lengthOf(s.output)
    }
    put(workload, 'sharedPrefixTokens', numberOf(s.sharedPrefixTokens))
    out.workload = workload
  }
  const slo: Record<string, unknown> = {}
  put(slo, 'ttftMs', numberOf(draft.slo.ttftMs))
  put(slo, 'tpotMs', numberOf(draft.slo.tpotMs))
  out.slo = slo
  const cache: Record<string, unknown> = { enabled: draft.cache.enabled }
  put(cache, 'capacityGBPerNode', numberOf(draft.cache.capacityGBPerNode))
  out.cache = cache
  out.faults = draft.faults.map((f) => {
    const kind = faultKind(f.kind)
    const fault: Record<string, unknown> = { kind: f.kind }
    put(fault, 'atS', numberOf(f.atS))
    put(fault, 'untilS', numberOf(f.untilS))
    fault[kind.target] = kind.target === 'subPlane' ? (numberOf(f.target) ?? '') : f.target
    if (kind.fraction) put(fault, kind.fraction, numberOf(f.fraction))
    return fault
  })
  put(out, 'durationS', numberOf(draft.durationS))
  put(out, 'measureFromS', numberOf(draft.measureFromS))
  put(out, 'sampleIntervalS', numberOf(draft.sampleIntervalS))
  put(out, 'seed', numberOf(draft.seed))
  return out
}

/** a new scenario: CloudMatrix384, a synthetic workload, ten minutes */
export function blankScenario(system = 'cloudmatrix384'): ScenarioInput {
  return {
    name: 'New scenario',
    system: system as ScenarioInput['system'],
    workload: {
      kind: 'synthetic',
      arrival: { kind: 'poisson', ratePerS: 10 },
      prompt: { kind: 'fixed', tokens: 2048 },
      output: { kind: 'fixed', tokens: 512 }
    },
    durationS: 600
  }
}

/**
 * Where an issue shows: the field at its path, else the nearest enclosing field or group
 * (`workload.prompt` for "min must not exceed max"), else the form's top. Fault targets and
 * fractions have one field each whatever the fault's kind.
 */
export function fieldOf(path: string, fields: ReadonlySet<string>): string | null {
  const fault = /^faults\.(\d+)\.(die|npu|link|subPlane|bandwidthFraction|speedFraction)$/.exec(
    path
  )
  if (fault) {
    const which = /Fraction$/.test(fault[2]!) ? 'fraction' : 'target'
    return `faults.${fault[1]}.${which}`
  }
  const parts = path.split('.')
  while (parts.length > 0) {
    const key = parts.join('.')
    if (fields.has(key)) return key
    parts.pop()
  }
  return null
}
