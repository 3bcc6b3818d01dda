import { z } from 'zod'
import type { TwinErrorData } from './errors'
import { SYSTEM_IDS } from './systems'
import { tourSchema } from './tour'
import { EXPORT_KINDS, MAX_EXPORT_BYTES, base64Length, isBase64 } from './exports'
import { MAX_DROPPED_BYTES, isBareFileName } from './openFiles'

/**
 * Argument schemas of every TwinApi method. Main parses each call from another process with
 * these before a service sees it. Kept apart from api.ts so the renderer's bundle, which only
 * needs the types, does not carry zod.
 */
export const systemIdSchema = z.enum(SYSTEM_IDS)

const noArgs = z.object({}).strict()
const speedSchema = z.union([z.number().positive().max(100_000), z.literal('max')])
const runId = z.string().min(1).max(100)
const runName = z.string().trim().min(1).max(200)
const filePath = z.string().min(1).max(4096)
const byId = z.object({ id: runId }).strict()

export const requestSchemas = {
  'app.info': noArgs,
  /** opens a .twinrun or scenario file as the command line does (a file dropped in the app) */
  'app.openPath': z.object({ path: filePath }).strict(),
  /** the same for a file dropped in the browser view, which has its bytes but not its path */
  'app.openDropped': z
    .object({
      name: z.string().min(1).max(255).refine(isBareFileName, 'must be a file name, not a path'),
      data: z
        .string()
        .max(base64Length(MAX_DROPPED_BYTES), `must be at most ${MAX_DROPPED_BYTES / 2 ** 20} MiB`)
        .refine(isBase64, 'must be base64')
    })
    .strict(),
  'systems.list': noArgs,
  'topology.get': z.object({ system: systemIdSchema }).strict(),
  'scenarios.list': noArgs,
  'scenarios.get': z.object({ id: z.string().min(1).max(100) }).strict(),
  'run.start': z
    .object({
      /** a built-in scenario's id, or a whole scenario (validated against shared/scenario.ts) */
      scenario: z.union([z.string().min(1).max(100), z.record(z.string(), z.unknown())]),
      /** simulated seconds per wall second, or 'max' */
      speed: speedSchema.default(10),
      /** save the run in the run library as it goes */
      save: z.boolean().default(true),
      /** the saved run's name (default: the scenario's) */
      name: runName.optional()
    })
    .strict(),
  'run.pause': noArgs,
  'run.resume': noArgs,
  'run.stop': noArgs,
  'run.setSpeed': z.object({ speed: speedSchema }).strict(),
  'run.status': noArgs,
  'runs.list': noArgs,
  'runs.get': byId,
  'runs.overview': byId,
  'runs.kpis': z
    .object({ id: runId, names: z.array(z.string().min(1).max(100)).max(100).optional() })
    .strict(),
  /** one saved frame, e.g. for the compare view's side-by-side scenes on one timeline */
  'runs.frameAt': z.object({ id: runId, atS: z.number().min(0).max(1e7) }).strict(),
  'runs.rename': z.object({ id: runId, name: runName }).strict(),
  'runs.delete': byId,
  /** without a path, the desktop app asks for one with a save or open dialog */
  'runs.export': z.object({ id: runId, path: filePath.optional() }).strict(),
  'runs.exportCsv': z.object({ id: runId, path: filePath.optional() }).strict(),
  'runs.import': z
    .object({
      path: filePath.optional(),
      /** a run of the file already in the library: refuse the file, or return that run */
      existing: z.enum(['refuse', 'reuse']).default('refuse')
    })
    .strict(),
  'runs.rerun': z.object({ id: runId, speed: speedSchema.default(10) }).strict(),
  'replay.open': z.object({ id: runId, atS: z.number().min(0).default(0) }).strict(),
  'replay.play': noArgs,
  'replay.pause': noArgs,
  'replay.seek': z.object({ timeS: z.number().min(0) }).strict(),
  'replay.setSpeed': z.object({ speed: z.number().min(0.25).max(64) }).strict(),
  'replay.close': noArgs,
  'replay.status': noArgs,
  /** the scenario editor: every issue at its field (never an error for a bad scenario) */
  'scenarios.validate': z.object({ scenario: z.unknown() }).strict(),
  /** writes a valid scenario as JSON; without a path, the desktop app asks with a save dialog */
  'scenarios.save': z
    .object({ scenario: z.record(z.string(), z.unknown()), path: filePath.optional() })
    .strict(),
  'comparisons.list': noArgs,
  /** runs each member one after another, each saved in the run library */
  'comparisons.run': z
    .object({
      id: z.string().min(1).max(100),
      speed: speedSchema.default('max'),
      /** simulated seconds of each member (default: the comparison's) */
      durationS: z.number().positive().max(86_400).optional()
    })
    .strict(),
  'comparisons.cancel': noArgs,
  'comparisons.status': noArgs,
  /** the KPI table of two or three saved runs; deltas against the first */
  'runs.compare': z
    .object({
      ids: z
        .array(runId)
        .min(2)
        .max(3)
        .refine((ids) => new Set(ids).size === ids.length, 'must not name a run twice')
    })
    .strict(),
  /** the published figures of the reference beside the twin's own */
  'validation.get': noArgs,
  /** writes an export's bytes (base64); without a path, the desktop app asks with a save dialog */
  'exports.save': z
    .object({
      kind: z.enum(EXPORT_KINDS),
      suggestedName: z.string().trim().min(1).max(200),
      path: filePath.optional(),
      data: z
        .string()
        .min(1)
        .max(base64Length(MAX_EXPORT_BYTES), `must be at most ${MAX_EXPORT_BYTES / 2 ** 20} MiB`)
        .refine(isBase64, 'must be base64')
    })
    .strict(),
  /** prints a report's HTML to PDF and writes it (the desktop app only) */
  'exports.pdf': z
    .object({
      html: z.string().min(1).max(base64Length(MAX_EXPORT_BYTES)),
      suggestedName: z.string().trim().min(1).max(200).default('report.pdf'),
      path: filePath.optional()
    })
    .strict(),
  /** present mode's tours: the built-in ones, and those saved with the run when one is named */
  'tours.list': z.object({ runId: runId.optional() }).strict(),
  /** saves a tour with a run, replacing its tour of the same name */
  'tours.save': z.object({ runId, tour: tourSchema }).strict(),
  'tours.delete': z.object({ runId, name: z.string().min(1).max(200) }).strict()
} as const

type TwinMethod = keyof typeof requestSchemas
export const TWIN_METHODS = Object.keys(requestSchemas) as TwinMethod[]

/**
 * Validates a raw (method, args) pair from another process. Returns the parsed arguments or
 * the error to send back, naming the method and the field at fault.
 */
export function parseRequest(
  method: unknown,
  args: unknown
):
  | { ok: true; method: TwinMethod; args: z.output<(typeof requestSchemas)[TwinMethod]> }
  | { ok: false; error: TwinErrorData } {
  if (typeof method !== 'string' || !Object.hasOwn(requestSchemas, method)) {
    const name =
      typeof method === 'string' ? `'${method.slice(0, 80)}'` : `of type ${typeof method}`
    return {
      ok: false,
      error: { code: 'unknown-method', message: `unknown method ${name}` }
    }
  }
  const m = method as TwinMethod
  const parsed = requestSchemas[m].safeParse(args === undefined ? {} : args)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    // an unexpected key is reported at the parent; name the key itself
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path
    const field = path.length > 0 ? path.join('.') : undefined
    const where = field ? `argument '${field}'` : 'arguments'
    const message = `${m}: ${where}: ${issue.message}`
    return {
      ok: false,
      error: field
        ? { code: 'invalid-argument', message, field }
        : { code: 'invalid-argument', message }
    }
  }
  return { ok: true, method: m, args: parsed.data }
}
