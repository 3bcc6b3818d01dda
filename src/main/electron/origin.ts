/** The app's own origin in production: the renderer is served from here, never from file://. */
export const APP_SCHEME = 'twin'
export const APP_HOST = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * `scheme://host[:port]` of a URL, or null when it has none. Computed by hand because Node's URL
 * gives non-special schemes such as twin: an opaque 'null' origin, while Chromium treats our
 * registered standard scheme as a real origin.
 */
export function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  return parsed.host ? `${parsed.protocol}//${parsed.host}` : null
}

export function isAppUrl(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin
}

/** Longer URLs are not links a user meant to follow; refusing them keeps the OS handler simple. */
const MAX_EXTERNAL_URL_LENGTH = 2048

/**
 * The normalised URL when it is safe to hand to the OS browser, else null: https only (no
 * file:, javascript:, custom protocol handlers or plain http), no embedded credentials.
 */
export function safeExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' || !parsed.hostname) return null
  if (parsed.username || parsed.password) return null
  return parsed.href
}

export function isSafeExternalUrl(url: unknown): boolean {
  return safeExternalUrl(url) !== null
}
