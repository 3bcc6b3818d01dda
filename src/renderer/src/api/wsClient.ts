import type { TwinApi, TwinEvent, TwinMethod, TwinResponse } from '../../../shared/api'
import type { WireEvent, WireRequest, WireResponse } from '../../../shared/wire'

type Pending = (response: TwinResponse<TwinMethod>) => void

/**
 * TwinApi over the browser view's WebSocket: JSON requests and events as text, telemetry
 * frames as binary messages. Calls made before the socket opens wait for it; if the socket
 * closes, waiting calls resolve with an 'unavailable' error instead of hanging.
 */
export function createWsTwinApi(url: string): TwinApi & { close(): void } {
  const socket = new WebSocket(url)
  socket.binaryType = 'arraybuffer'
  const pending = new Map<number, Pending>()
  const queue: string[] = []
  const frameListeners = new Set<(frame: ArrayBuffer) => void>()
  const eventListeners = new Set<(event: TwinEvent) => void>()
  let nextId = 1
  let closedReason: string | null = null

  socket.addEventListener('open', () => {
    for (const text of queue.splice(0)) socket.send(text)
  })
  socket.addEventListener('message', (message: MessageEvent) => {
    if (message.data instanceof ArrayBuffer) {
      for (const listener of frameListeners) listener(message.data)
      return
    }
    const data = JSON.parse(String(message.data)) as WireResponse | WireEvent
    if (data.kind === 'event') {
      for (const listener of eventListeners) listener(data.event)
    } else if (data.kind === 'response') {
      const resolve = pending.get(data.id)
      pending.delete(data.id)
      resolve?.(
        data.ok ? { ok: true, value: data.value as never } : { ok: false, error: data.error }
      )
    }
  })
  socket.addEventListener('close', (event: CloseEvent) => {
    closedReason = `connection to the twin closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'unavailable', message: closedReason } })
    }
    pending.clear()
  })

  return {
    invoke(method, args) {
      if (closedReason) {
        return Promise.resolve({ ok: false, error: { code: 'unavailable', message: closedReason } })
      }
      const id = nextId++
      const request: WireRequest = { kind: 'request', id, method, args }
      const text = JSON.stringify(request)
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending)
        if (socket.readyState === WebSocket.OPEN) socket.send(text)
        else queue.push(text)
      })
    },
    onFrame(listener) {
      frameListeners.add(listener)
      return () => frameListeners.delete(listener)
    },
    onEvent(listener) {
      eventListeners.add(listener)
      return () => eventListeners.delete(listener)
    },
    close() {
      socket.close()
    }
  }
}
