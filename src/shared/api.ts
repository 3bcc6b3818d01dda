import { z } from 'zod'
import type { Topology } from '../engine/topology/types'
import type { TwinErrorData } from './errors'
import { TwinError } from './errors'
import { SYSTEM_IDS, type SystemId } from './systems'

/**
 * The one contract between the UI and the twin. Every transport (Electron IPC in the app,
 * WebSocket in the browser view) carries exactly this, and main validates every argument with
 * the schema below before a service sees it.
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

export type TwinMethod = keyof typeof requestSchemas
export const TWIN_METHODS = Object.keys(requestSchemas) as TwinMethod[]

/** What a caller passes (defaults may be left out). */
export type TwinArgs<M extends TwinMethod> = z.input<(typeof requestSchemas)[M]>
/** What a handler receives after validation (defaults filled in). */
export type TwinParsedArgs<M extends TwinMethod> = z.output<(typeof requestSchemas)[M]>

export interface AppInfo {
  name: string
  version: string
  versions: Record<string, string>
}

export interface SystemSummary {
  id: SystemId
  name: string
}

export type EngineState = 'stopped' | 'running' | 'failed'

export interface EngineStatus {
  state: EngineState
  system: SystemId | null
  runId: string | null
  framesSent: number
  /** why the engine failed, when state is 'failed' */
  error: string | null
}

export interface TwinResults {
  'app.info': AppInfo
  'systems.list': SystemSummary[]
  'topology.get': Topology
  'engine.start': EngineStatus
  'engine.stop': EngineStatus
  'engine.status': EngineStatus
}

export type TwinResponse<M extends TwinMethod> =
  { ok: true; value: TwinResults[M] } | { ok: false; error: TwinErrorData }

export type TwinEvent = { type: 'engine.status'; status: EngineStatus }

export type Unsubscribe = () => void

/**
 * Exposed to the renderer as `window.twin` (Electron preload) or built over a WebSocket
 * (browser view). `invoke` resolves with a response even for a rejected call: errors are data
 * so they survive contextBridge; `call` below turns them into TwinError rejections.
 */
export interface TwinApi {
  invoke<M extends TwinMethod>(method: M, args: TwinArgs<M>): Promise<TwinResponse<M>>
  /** one telemetry frame (shared/frame.ts layout) per call */
  onFrame(listener: (frame: ArrayBuffer) => void): Unsubscribe
  onEvent(listener: (event: TwinEvent) => void): Unsubscribe
}

/** Calls the API and rejects with a TwinError when the call was refused or failed. */
export async function call<M extends TwinMethod>(
  api: TwinApi,
  method: M,
  args: TwinArgs<M>
): Promise<TwinResults[M]> {
  const response = await api.invoke(method, args)
  if (!response.ok) throw new TwinError(response.error)
  return response.value
}

/**
 * Validates a raw (method, args) pair from another process. Returns the parsed arguments or
 * the error to send back, naming the method and the field at fault.
 */
export function parseRequest(
  method: unknown,
  args: unknown
):
  | { ok: true; method: TwinMethod; args: TwinParsedArgs<TwinMethod> }
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
    const field = issue.path.length > 0 ? issue.path.join('.') : undefined
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
