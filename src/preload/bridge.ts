import type { TwinApi, TwinEvent, TwinMethod, TwinResponse, Unsubscribe } from '../shared/api'
import type { PortMessage } from '../shared/wire'
import { IPC_INVOKE_CHANNEL, IPC_PORT_CHANNEL, IPC_PORT_REQUEST_CHANNEL } from '../shared/wire'

/** The DOM MessagePort, as much of it as the bridge uses (the node tsconfig has no DOM types). */
export interface PortLike {
  onmessage: ((event: { data: unknown }) => void) | null
  close(): void
}

/** The part of ipcRenderer the bridge uses: a parameter so tests can pass a fake. */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  send(channel: string, ...args: unknown[]): void
  on(channel: string, listener: (event: { ports: readonly PortLike[] }) => void): unknown
}

function subscribe<T>(listeners: Set<(value: T) => void>, listener: (value: T) => void) {
  if (typeof listener !== 'function') throw new TypeError('twin: listener must be a function')
  listeners.add(listener)
  return (): void => void listeners.delete(listener)
}

function emit<T>(listeners: Set<(value: T) => void>, value: T): void {
  for (const listener of listeners) {
    try {
      listener(value)
    } catch (error) {
      console.error('twin: listener failed:', error)
    }
  }
}

/**
 * The TwinApi the preload exposes as `window.twin`. Requests go over ipcRenderer.invoke and
 * resolve with the response envelope (errors are data, so they survive contextBridge); frames
 * and events arrive on a MessagePort that main sends after the preload asks for it. A reload
 * runs the preload again, which asks for a fresh port.
 */
export function createPreloadApi(ipc: PreloadIpc): TwinApi {
  const frameListeners = new Set<(frame: ArrayBuffer) => void>()
  const eventListeners = new Set<(event: TwinEvent) => void>()
  let port: PortLike | null = null

  const deliver = (message: PortMessage): void => {
    if (message?.kind === 'frame') emit(frameListeners, message.frame)
    else if (message?.kind === 'event') emit(eventListeners, message.event)
  }

  ipc.on(IPC_PORT_CHANNEL, (event) => {
    const next = event.ports[0]
    if (!next) return
    port?.close()
    port = next
    next.onmessage = ({ data }) => deliver(data as PortMessage)
  })
  ipc.send(IPC_PORT_REQUEST_CHANNEL)

  return {
    invoke<M extends TwinMethod>(method: M, args: unknown): Promise<TwinResponse<M>> {
      return ipc.invoke(IPC_INVOKE_CHANNEL, method, args).then(
        (response) => response as TwinResponse<M>,
        (error: unknown) => ({
          ok: false,
          error: {
            code: 'unavailable',
            message: `twin: ${String(method)} could not reach the app: ${error instanceof Error ? error.message : String(error)}`
          }
        })
      )
    },
    onFrame: (listener): Unsubscribe => subscribe(frameListeners, listener),
    onEvent: (listener): Unsubscribe => subscribe(eventListeners, listener)
  }
}
