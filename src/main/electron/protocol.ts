import { stat } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { CustomScheme } from 'electron'
import type { DesktopElectron } from './types'
import { APP_HOST, APP_SCHEME } from './origin'

/**
 * standard: real origin, relative URLs and storage work; secure: counts as a secure context;
 * supportFetchAPI: fetch() of the app's own files. corsEnabled stays off so no other origin
 * can read the bundle.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true }
}

/** Must run before the app is ready (Electron's rule). */
export function registerAppScheme(protocol: DesktopElectron['protocol']): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
}

/**
 * The file a twin://app/... URL names inside the renderer directory, or null for anything
 * else: another host, an encoded NUL, or a path that resolves outside the directory
 * (../, %2e%2e%2f, encoded backslashes on Windows).
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL
  let pathname: string
  try {
    url = new URL(requestUrl)
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || pathname.includes('\0')) {
    return null
  }
  const root = resolve(rendererDir)
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`)
  const inside = relative(root, file)
  if (!inside || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null
  return file
}

/** Module scripts are refused without a JavaScript MIME type, so do not rely on sniffing. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.glb': 'model/gltf-binary'
}

function headers(csp: string, contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff'
  })
}

function notFound(csp: string): Response {
  return new Response('Not found', { status: 404, headers: headers(csp, 'text/plain') })
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/** Answers one twin: request from the renderer directory, with the CSP on every response. */
export async function rendererResponse(
  net: DesktopElectron['net'],
  rendererDir: string,
  csp: string,
  request: Request
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: headers(csp, 'text/plain') })
  }
  const file = resolveRendererFile(rendererDir, request.url)
  // Directories would get Chromium's file listing; only plain files are part of the app.
  if (!file || !(await isFile(file))) return notFound(csp)
  let body: Response
  try {
    body = await net.fetch(pathToFileURL(file).toString())
  } catch {
    return notFound(csp)
  }
  if (!body.ok) return notFound(csp)
  const type =
    CONTENT_TYPES[extname(file).toLowerCase()] ??
    body.headers.get('content-type') ??
    'application/octet-stream'
  return new Response(request.method === 'HEAD' ? null : body.body, {
    status: 200,
    headers: headers(csp, type)
  })
}

/** Serves out/renderer at twin://app/ (call once the app is ready). */
export function serveRenderer(
  electron: Pick<DesktopElectron, 'protocol' | 'net'>,
  rendererDir: string,
  csp: string
): void {
  electron.protocol.handle(APP_SCHEME, (request) =>
    rendererResponse(electron.net, rendererDir, csp, request)
  )
}
