import type { TwinErrorData } from './errors'
import type { TwinEvent } from './api'

/**
 * Messages of the browser view's WebSocket and of the app's frame port. Requests and
 * responses are JSON text; frames are binary messages (WebSocket) or ArrayBuffers (port).
 */
export interface WireRequest {
  kind: 'request'
  id: number
  method: string
  args: unknown
}

export type WireResponse =
  | { kind: 'response'; id: number; ok: true; value: unknown }
  | { kind: 'response'; id: number; ok: false; error: TwinErrorData }

export interface WireEvent {
  kind: 'event'
  event: TwinEvent
}

/** What main posts on the renderer's MessagePort in the Electron app. */
export type PortMessage = { kind: 'frame'; frame: ArrayBuffer } | WireEvent

export const IPC_INVOKE_CHANNEL = 'twin:invoke'
export const IPC_PORT_CHANNEL = 'twin:port'
export const IPC_PORT_REQUEST_CHANNEL = 'twin:port-request'
