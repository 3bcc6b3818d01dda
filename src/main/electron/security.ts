import type { Session, WebContents } from './types'
import { isAppUrl, safeExternalUrl } from './origin'

export interface HardeningOptions {
  /** the only origin a page may navigate to and the only one trusted with IPC */
  appOrigin: string
  openExternal: (url: string) => Promise<void>
}

/**
 * Applied to every webContents the app creates (windows, devtools, anything a page might try
 * to open): no navigation away from the app, no new windows, no <webview>. Links to https
 * sites open in the user's browser instead.
 */
export function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  const stayInApp = (event: { url: string; preventDefault(): void }): void => {
    if (!isAppUrl(event.url, options.appOrigin)) event.preventDefault()
  }
  contents.on('will-navigate', stayInApp)
  contents.on('will-redirect', stayInApp)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url)
    if (external) {
      options.openExternal(external).catch((error: unknown) => {
        console.error('twin: could not open external link:', error)
      })
    }
    return { action: 'deny' }
  })
}

/**
 * Denies every permission (camera, notifications, geolocation, ...): the twin needs none, and
 * a compromised page should not get them either. Also sets the CSP on http(s) responses, which
 * is how the dev server's pages get one (production pages get it from the twin: protocol).
 * Returns a function that applies this once per session.
 */
export function sessionLockdown(csp: string): (session: Session) => void {
  const done = new WeakSet<Session>()
  return (session) => {
    if (done.has(session)) return
    done.add(session)
    session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
    session.setPermissionCheckHandler(() => false)
    session.webRequest.onHeadersReceived((details, callback) => {
      if (!/^https?:/i.test(details.url)) return callback({})
      callback({
        responseHeaders: withHeader(details.responseHeaders, 'Content-Security-Policy', csp)
      })
    })
  }
}

/** Adds a header value, merging with an existing header of any letter case (both then apply). */
export function withHeader(
  headers: Record<string, string[]> | undefined,
  name: string,
  value: string
): Record<string, string[]> {
  const result = { ...headers }
  const key = Object.keys(result).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name
  result[key] = [...(result[key] ?? []), value]
  return result
}
