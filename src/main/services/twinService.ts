import type {
  AppInfo,
  TwinEvent,
  TwinMethod,
  TwinParsedArgs,
  TwinResponse,
  TwinResults
} from '../../shared/api'
import { parseRequest } from '../../shared/requests'
import { TwinError } from '../../shared/errors'
import { SYSTEM_IDS, type SystemId } from '../../shared/systems'
import { deployments } from '../../engine/catalog/deployments'
import { getTopology, hasTopology } from '../../engine/topology'
import type { EngineHost } from './engineHost'
import { Emitter } from './emitter'

type Handlers = {
  [M in TwinMethod]: (args: TwinParsedArgs<M>) => TwinResults[M] | Promise<TwinResults[M]>
}

export interface TwinServiceDeps {
  engine: EngineHost
  appInfo: AppInfo
}

/**
 * The main-process implementation of TwinApi, independent of transport: the Electron IPC
 * adapter and the browser view's WebSocket server both call `dispatch` with raw, untrusted
 * input and forward `onFrame` / `onEvent` to their clients.
 */
export interface TwinService {
  dispatch(method: unknown, args: unknown): Promise<TwinResponse<TwinMethod>>
  onFrame(listener: (frame: ArrayBuffer) => void): () => void
  onEvent(listener: (event: TwinEvent) => void): () => void
  dispose(): Promise<void>
}

function requireTopology(system: SystemId): SystemId {
  if (!hasTopology(system)) {
    throw new TwinError({
      code: 'not-found',
      message: `${system} has no part-level topology yet (only cloudmatrix384 has one)`,
      field: 'system'
    })
  }
  return system
}

export function createTwinService({ engine, appInfo }: TwinServiceDeps): TwinService {
  const events = new Emitter<TwinEvent>()
  const unsubscribeStatus = engine.onStatus((status) =>
    events.emit({ type: 'engine.status', status })
  )

  const handlers: Handlers = {
    'app.info': () => appInfo,
    'systems.list': () =>
      SYSTEM_IDS.map((id) => ({ id, name: deployments[id].name, hasTopology: hasTopology(id) })),
    'topology.get': ({ system }) => getTopology(requireTopology(system)),
    'engine.start': ({ system, intervalMs }) => engine.start(requireTopology(system), intervalMs),
    'engine.stop': () => engine.stop(),
    'engine.status': () => engine.status()
  }

  return {
    async dispatch(method, args) {
      const request = parseRequest(method, args)
      if (!request.ok) return request
      const handler = handlers[request.method] as (a: unknown) => unknown
      try {
        const value = (await handler(request.args)) as TwinResults[TwinMethod]
        return { ok: true, value }
      } catch (error) {
        if (error instanceof TwinError) return { ok: false, error: error.toData() }
        console.error(`twin: ${request.method} failed:`, error)
        const message = error instanceof Error ? error.message : String(error)
        return { ok: false, error: { code: 'internal', message: `${request.method}: ${message}` } }
      }
    },
    onFrame: (listener) => engine.onFrame(listener),
    onEvent: (listener) => events.on(listener),
    async dispose() {
      unsubscribeStatus()
      events.clear()
      await engine.dispose()
    }
  }
}
