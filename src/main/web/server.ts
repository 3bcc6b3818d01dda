import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { contentSecurityPolicy } from '../../shared/csp'
import { MAX_EXPORT_BYTES, base64Length } from '../../shared/exports'
import type { WireEvent, WireRequest, WireResponse } from '../../shared/wire'
import type { TwinService } from '../services/twinService'
import { readStatic } from './staticFiles'

export interface BrowserViewOptions {
  service: TwinService
  /** the built renderer (out/renderer) */
  rendererDir: string
  /** 0 picks a free port */
  port?: number
  /** fixed token for tests; random otherwise */
  token?: string
}

export interface BrowserView {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const HOST = '127.0.0.1'
const COOKIE = 'twin_session'
/**
 * A socket this far behind (about 9 frames) skips frames rather than queueing them: the view
 * wants the latest, and replies to its commands must not wait behind seconds of frames.
 */
const MAX_BUFFERED_BYTES = 512 * 1024

/**
 * The browser view: the built renderer and the same TwinApi over a WebSocket, on loopback only.
 * Access needs the random token printed in the URL; the first request that carries it gets a
 * session cookie so the page's assets and socket need not repeat it. Host and Origin are
 * checked so that other sites in the same browser cannot reach the twin.
 */
export async function startBrowserView(options: BrowserViewOptions): Promise<BrowserView> {
  const token = options.token ?? randomBytes(24).toString('hex')
  let port = options.port ?? 0
  const allowedHosts = (): string[] => [`${HOST}:${port}`, `localhost:${port}`]

  const authorised = (req: IncomingMessage): 'token' | 'cookie' | null => {
    const url = new URL(req.url ?? '/', `http://${HOST}`)
    if (sameSecret(url.searchParams.get('token'), token)) return 'token'
    if (sameSecret(readCookie(req.headers.cookie, COOKIE), token)) return 'cookie'
    return null
  }

  const server = createServer((req, res) => {
    void serveHttp(req, res)
  })

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(req.headers.host ?? '')) return refuse(res, 421, 'wrong host')
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed')
    const access = authorised(req)
    if (!access) {
      return refuse(
        res,
        403,
        'forbidden: open the URL printed by `twin serve`; it carries the token'
      )
    }
    const path = new URL(req.url ?? '/', `http://${HOST}`).pathname
    const file = await readStatic(options.rendererDir, path)
    if (!file) return refuse(res, 404, 'not found')
    const headers: Record<string, string> = {
      'Content-Type': file.contentType,
      'Content-Security-Policy': contentSecurityPolicy([
        `ws://${HOST}:${port}`,
        `ws://localhost:${port}`
      ]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store'
    }
    if (access === 'token') {
      headers['Set-Cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
    }
    res.writeHead(200, headers)
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  // requests carry exports (screenshots, videos, reports) as base64: room for the largest one
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: base64Length(MAX_EXPORT_BYTES) + 64 * 1024
  })
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', `http://${HOST}`).pathname
    const originOk = allowedHosts().some((h) => req.headers.origin === `http://${h}`)
    const hostOk = allowedHosts().includes(req.headers.host ?? '')
    if (path !== '/api' || !hostOk || !originOk || !authorised(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.service))
  })

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(port, HOST, () => resolveListen())
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const client of sockets.clients) client.terminate()
        sockets.close()
        server.closeAllConnections()
        server.close(() => resolveClose())
      })
  }
}

function serveSocket(ws: WebSocket, service: TwinService): void {
  const send = (message: WireResponse | WireEvent): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
  }
  const offFrame = service.onFrame((frame) => {
    if (ws.readyState === ws.OPEN && ws.bufferedAmount < MAX_BUFFERED_BYTES) {
      ws.send(frame, { binary: true })
    }
  })
  const offEvent = service.onEvent((event) => send({ kind: 'event', event }))
  ws.on('close', () => {
    offFrame()
    offEvent()
  })
  ws.on('message', (data, isBinary) => {
    const request = parseWireRequest(isBinary ? null : data.toString())
    if (!request) {
      send({
        kind: 'response',
        id: 0,
        ok: false,
        error: { code: 'invalid-argument', message: 'malformed request: expected a JSON request' }
      })
      return
    }
    void service
      .dispatch(request.method, request.args)
      .then((response) => send({ kind: 'response', id: request.id, ...response }))
  })
}

function parseWireRequest(text: string | null): WireRequest | null {
  if (text === null) return null
  try {
    const value = JSON.parse(text) as Partial<WireRequest>
    if (value?.kind !== 'request' || !Number.isInteger(value.id)) return null
    return { kind: 'request', id: value.id!, method: value.method as string, args: value.args }
  } catch {
    return null
  }
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(`${message}\n`)
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return null
}

function sameSecret(given: string | null, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
