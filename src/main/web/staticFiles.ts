import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon'
}

/**
 * Resolves a URL path inside `root`, or null when it would leave it (`..`, encoded slashes,
 * absolute paths). `/` is the app's index.html.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const base = resolve(root)
  const file = resolve(base, relative)
  return file.startsWith(base + sep) ? file : null
}

export async function readStatic(
  root: string,
  urlPath: string
): Promise<{ body: Buffer; contentType: string } | null> {
  const file = resolveInside(root, urlPath)
  if (!file) return null
  try {
    const body = await readFile(file)
    return { body, contentType: contentTypes[extname(file)] ?? 'application/octet-stream' }
  } catch {
    return null
  }
}
