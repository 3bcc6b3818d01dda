import { z } from 'zod'
import type { TwinErrorData } from './errors'
import { SYSTEM_IDS } from './systems'

/**
 * Argument schemas of every TwinApi method. Main parses each call from another process with
 * these before a service sees it. Kept apart from api.ts so the renderer's bundle, which only
 * needs the types, does not carry zod.
 */
export const systemIdSchema = z.enum(SYSTEM_IDS)

const noArgs = z.object({}).strict()

export const requestSchemas = {
  'app.info': noArgs,
  'systems.list': noArgs,
  'topology.get': z.object({ system: systemIdSchema }).strict(),
  'engine.start': z
    .object({
      system: systemIdSchema,
      /** wall-clock milliseconds between frames */
      intervalMs: z.number().int().min(16).max(10_000).default(250)
    })
    .strict(),
  'engine.stop': noArgs,
  'engine.status': noArgs
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
