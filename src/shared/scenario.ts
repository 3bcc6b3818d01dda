import { z } from 'zod'
import { SYSTEM_IDS } from './systems'

/**
 * A scenario: everything a run needs (system, deployment, model, workload, SLOs, faults,
 * duration, sampling, seed). One schema for files on disk, the API and the CLI; unknown fields
 * are refused so that a typo never silently falls back to a default.
 */
const positive = z.number().positive()
const seconds = z.number().min(0)
const fraction = z.number().min(0).max(1)

const lengthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), tokens: z.number().int().min(1) }).strict(),
  z
    .object({
      kind: z.literal('uniform'),
      min: z.number().int().min(1),
      max: z.number().int().min(1)
    })
    .strict(),
  z
    .object({
      kind: z.literal('lognormal'),
      median: positive,
      sigma: positive,
      max: z.number().int().min(1)
    })
    .strict()
])

const arrivalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('poisson'), ratePerS: positive }).strict(),
  z.object({ kind: z.literal('bursty'), ratePerS: positive, burstiness: positive }).strict()
])

const traceWorkload = z
  .object({
    kind: z.literal('trace'),
    /** a built-in trace name (azure-conv, azure-code) or a file path, relative to the scenario */
    trace: z.string().min(1),
    rateScale: positive.default(1),
    startS: seconds.default(0),
    /** play the (shaped) trace again from the start until the duration is filled */
    repeat: z.boolean().default(false),
    onBadRow: z.enum(['skip', 'fail']).default('fail')
  })
  .strict()

const syntheticWorkload = z
  .object({
    kind: z.literal('synthetic'),
    arrival: arrivalSchema,
    prompt: lengthSchema,
    output: lengthSchema,
    sharedPrefixTokens: z.number().int().min(0).optional()
  })
  .strict()

const at = { atS: seconds, untilS: seconds.optional() }

export const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('die-failure'), ...at, die: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('npu-failure'), ...at, npu: z.string().min(1) }).strict(),
  z
    .object({
      kind: z.literal('link-degradation'),
      ...at,
      link: z.string().min(1),
      bandwidthFraction: fraction
    })
    .strict(),
  z
    .object({
      kind: z.literal('subplane-degradation'),
      ...at,
      subPlane: z.number().int().min(0),
      bandwidthFraction: fraction
    })
    .strict(),
  z
    .object({
      kind: z.literal('slow-chip'),
      ...at,
      npu: z.string().min(1),
      speedFraction: z.number().gt(0).max(1)
    })
    .strict()
])

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    system: z.enum(SYSTEM_IDS),
    model: z.literal('deepseek-r1').default('deepseek-r1'),
    /** overrides of the system's published deployment; anything left out keeps it */
    deployment: z
      .object({
        prefillInstances: z.number().int().min(1).optional(),
        decodeChips: z.number().int().min(1).optional(),
        maxBatchPerChip: z.number().int().min(1).max(1024).optional(),
        prefillTokensPerChip: z.number().int().min(1).optional(),
        mtpAcceptance: fraction.optional(),
        eplb: z.enum(['perfect', 'default']).optional()
      })
      .strict()
      .default({}),
    workload: z.discriminatedUnion('kind', [traceWorkload, syntheticWorkload]),
    slo: z
      .object({ ttftMs: positive.default(2000), tpotMs: positive.default(50) })
      .strict()
      .default({
        ttftMs: 2000,
        tpotMs: 50
      }),
    cache: z
      .object({ enabled: z.boolean().default(true), capacityGBPerNode: positive.optional() })
      .strict()
      .default({ enabled: true }),
    faults: z.array(faultSchema).default([]),
    durationS: z.number().positive().max(86_400),
    /**
     * Start of the run summary's measurement window (default 0: the whole run). Runs start
     * empty, so whole-run averages include the decode batch filling up; from here on the
     * summary's throughput, latency (of requests arriving at or after it), decode batch, SLO
     * attainment and power cover [measureFromS, end]. Telemetry frames are not affected.
     */
    measureFromS: seconds.optional(),
    sampleIntervalS: z.number().min(0.05).max(3600).default(1),
    seed: z.number().int().min(0).max(0xffffffff).default(1)
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.measureFromS === undefined || !(s.durationS > 0) || s.measureFromS < s.durationS) return
    ctx.addIssue({
      code: 'custom',
      path: ['measureFromS'],
      message: `must be less than durationS (${s.durationS} s): the summary would measure nothing`
    })
  })

export type Scenario = z.output<typeof scenarioSchema>
export type ScenarioInput = z.input<typeof scenarioSchema>
export type Fault = z.output<typeof faultSchema>
export type LengthSpec = z.output<typeof lengthSchema>
export type ArrivalSpec = z.output<typeof arrivalSchema>

export class ScenarioError extends Error {
  override name = 'ScenarioError'
  constructor(
    message: string,
    readonly field: string | null
  ) {
    super(message)
  }
}

/** Parses a scenario, naming the first field at fault (dotted path) and the source it came from. */
export function parseScenario(value: unknown, source = 'scenario'): Scenario {
  const parsed = scenarioSchema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path
  const field = path.length > 0 ? path.join('.') : null
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown field '${field}'`
      : `${field ?? 'scenario'}: ${issue.message}`
  throw new ScenarioError(`${source}: ${message}`, field)
}

/** One thing wrong with a scenario, at its field (dotted path, e.g. `workload.arrival.ratePerS`). */
export interface ScenarioIssue {
  path: string
  message: string
}

/** What the scenario editor's validation returns: the parsed scenario, or every issue found. */
export type ScenarioValidation =
  { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] }

const quoted = (values: readonly unknown[]): string =>
  values.map((v) => `'${String(v)}'`).join(', ')

/**
 * Every schema issue of a scenario, each at its field in plain words (zod's own messages name
 * types and operators). Unknown fields are reported at the field itself.
 */
export function scenarioSchemaIssues(value: unknown): ScenarioIssue[] {
  const parsed = scenarioSchema.safeParse(value)
  if (parsed.success) return []
  return parsed.error.issues.flatMap((issue): ScenarioIssue[] => {
    const at = (path: readonly PropertyKey[]): string => path.map(String).join('.')
    const path = at(issue.path)
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({
          path: at([...issue.path, key]),
          message: `'${key}' is not a scenario field (check its spelling)`
        }))
      case 'too_small': {
        const min = Number(issue.minimum)
        const message =
          issue.origin === 'string'
            ? 'must not be empty'
            : issue.origin === 'array'
              ? `needs at least ${min} entries`
              : issue.inclusive
                ? `must be at least ${min}`
                : `must be greater than ${min}`
        return [{ path, message }]
      }
      case 'too_big': {
        const max = Number(issue.maximum)
        const message =
          issue.origin === 'string'
            ? `must be at most ${max} characters`
            : issue.inclusive
              ? `must be at most ${max}`
              : `must be less than ${max}`
        return [{ path, message }]
      }
      case 'invalid_type': {
        // zod leaves the input out of its issues; its message ends with what it received
        const missing = /received undefined$/.test(issue.message)
        const expected =
          issue.expected === 'int'
            ? 'a whole number'
            : issue.expected === 'number'
              ? 'a number'
              : issue.expected === 'string'
                ? 'text'
                : issue.expected === 'boolean'
                  ? 'true or false'
                  : issue.expected === 'array'
                    ? 'a list'
                    : issue.expected === 'object'
                      ? 'a group of fields'
                      : issue.expected
        return [{ path, message: missing ? `is required (${expected})` : `must be ${expected}` }]
      }
      case 'invalid_value':
        return [{ path, message: `must be one of ${quoted(issue.values)}` }]
      case 'invalid_union': {
        const options = (issue as { options?: unknown[] }).options
        return [
          {
            path,
            message: options ? `must be one of ${quoted(options)}` : 'is not a valid choice here'
          }
        ]
      }
      default:
        return [{ path, message: issue.message }]
    }
  })
}
