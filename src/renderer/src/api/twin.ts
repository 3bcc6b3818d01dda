import type { TwinApi } from '../../../shared/api'
import { createWsTwinApi } from './wsClient'

declare global {
  interface Window {
    /** set by the Electron preload; absent in the browser view */
    twin?: TwinApi
  }
}

let api: TwinApi | null = null

/**
 * The twin, whichever process hosts it: the preload's `window.twin` in the desktop app, or the
 * browser view's WebSocket (same origin, authorised by the session cookie the server set when
 * the page was opened with its token).
 */
export function getTwinApi(): TwinApi {
  if (api) return api
  if (window.twin) {
    api = window.twin
  } else {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
    api = createWsTwinApi(`${scheme}//${location.host}/api`)
  }
  return api
}
