import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { getTopology } from '../../../src/engine/topology'
import { frameCountsOf } from '../../../src/engine/telemetry/frameCounts'
import { appInfo } from '../../../src/main/services/appInfo'
import { createTwinService, type TwinService } from '../../../src/main/services/twinService'
import { resolveInside } from '../../../src/main/web/staticFiles'
import { startBrowserView, type BrowserView } from '../../../src/main/web/server'
import { decodeFrame } from '../../../src/shared/frame'
import type { WireEvent, WireResponse } from '../../../src/shared/wire'
import { ScenarioLibrary } from '../../../src/main/services/scenarios'
import { runHost } from '../../fixtures/runs'
import { patternMismatch } from '../../fixtures/patternFrames'

let service: TwinService
let view: BrowserView
const rendererDir = mkdtempSync(join(tmpdir(), 'twin-renderer-'))
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>twin</title>')
writeFileSync(join(rendererDir, 'app.js'), 'console.log(1)')

beforeEach(async () => {
  service = createTwinService({
    runs: runHost('pattern'),
    library: new ScenarioLibrary(new URL('../../../resources/', import.meta.url).pathname),
    appInfo: appInfo()
  })
  view = await startBrowserView({ service, rendererDir, token: 'secret-token' })
})
afterEach(async () => {
  await view.close()
  await service.dispose()
})

const origin = (): string => `http://127.0.0.1:${view.port}`

function connect(
  headers: Record<string, string> = { Origin: origin() },
  query = '?token=secret-token'
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${view.port}/api${query}`, { headers })
    ws.binaryType = 'arraybuffer'
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

describe('browser view server', () => {
  it('listens on 127.0.0.1 and prints a URL that carries the token', () => {
    expect(view.url).toBe(`http://127.0.0.1:${view.port}/?token=secret-token`)
  })

  it('refuses pages without the token and sets a session cookie with it', async () => {
    expect((await fetch(`${origin()}/`)).status).toBe(403)
    expect((await fetch(`${origin()}/?token=wrong-token!`)).status).toBe(403)
    const page = await fetch(view.url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    const cookie = page.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const asset = await fetch(`${origin()}/app.js`, { headers: { cookie: cookie.split(';')[0]! } })
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toMatch(/javascript/)
    expect((await fetch(`${origin()}/app.js`)).status).toBe(403)
  })

  it('never serves files outside the renderer directory', async () => {
    expect(resolveInside(rendererDir, '/../../etc/passwd')).toBeNull()
    expect(resolveInside(rendererDir, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull()
    expect(resolveInside(rendererDir, '/%00')).toBeNull()
    expect(resolveInside(rendererDir, '/')).toBe(join(rendererDir, 'index.html'))
    const res = await fetch(`${origin()}/%2e%2e%2fpackage.json?token=secret-token`)
    expect(res.status).toBe(404)
  })

  it('refuses sockets without the token, from another origin, or to another path', async () => {
    await expect(connect({ Origin: origin() }, '')).rejects.toThrow(/403/)
    await expect(connect({ Origin: 'http://evil.example' })).rejects.toThrow(/403/)
    await expect(connect({})).rejects.toThrow(/403/)
  })

  it('serves TwinApi requests with typed errors for bad calls and malformed messages', async () => {
    const ws = await connect()
    const responses: WireResponse[] = []
    const three = new Promise<void>((resolve) =>
      ws.on('message', (data, binary) => {
        if (binary) return
        const message = JSON.parse(data.toString()) as WireResponse | WireEvent
        if (message.kind === 'response' && responses.push(message) === 3) resolve()
      })
    )
    ws.send(JSON.stringify({ kind: 'request', id: 1, method: 'systems.list', args: {} }))
    ws.send(JSON.stringify({ kind: 'request', id: 2, method: 'topology.get', args: { system: 3 } }))
    ws.send('{not json')
    await three
    ws.close()
    expect(responses.find((r) => r.id === 1)).toMatchObject({
      ok: true,
      value: expect.arrayContaining([
        expect.objectContaining({ id: 'cloudmatrix384', hasTopology: true })
      ])
    })
    expect(responses.find((r) => r.id === 2)).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', field: 'system' }
    })
    expect(responses.find((r) => r.id === 0)).toMatchObject({
      ok: false,
      error: { message: /malformed/ }
    })
  })

  it('streams frames as binary messages, intact and in order', async () => {
    const ws = await connect()
    const frames: ArrayBuffer[] = []
    const five = new Promise<void>((resolve) =>
      ws.on('message', (data, binary) => {
        if (binary && frames.push(data as ArrayBuffer) === 5) resolve()
      })
    )
    ws.send(
      JSON.stringify({
        kind: 'request',
        id: 1,
        method: 'run.start',
        args: {
          scenario: {
            name: 'ipc',
            system: 'cloudmatrix384',
            durationS: 60,
            workload: {
              kind: 'synthetic',
              arrival: { kind: 'poisson', ratePerS: 20 },
              prompt: { kind: 'fixed', tokens: 500 },
              output: { kind: 'fixed', tokens: 50 }
            }
          },
          speed: 'max'
        }
      })
    )
    await five
    ws.close()
    const counts = frameCountsOf(getTopology('cloudmatrix384'))
    frames.forEach((frame, k) => expect(patternMismatch(decodeFrame(frame, counts), k)).toBeNull())
  })
})
