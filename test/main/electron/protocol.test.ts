import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_SCHEME_PRIVILEGES, resolveRendererFile } from '../../../src/main/electron/protocol'
import { startDesktopApp } from '../../../src/main/electron/app'
import type { TwinService } from '../../../src/main/services/twinService'
import { createFakeElectron } from './fakeElectron'

const idleService = { dispose: async () => {} } as unknown as TwinService

let root: string
let rendererDir: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'twin-protocol-'))
  rendererDir = join(root, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>twin</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {}')
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function startProduction() {
  const fake = createFakeElectron({ isPackaged: true })
  const desktop = startDesktopApp(fake.electron, {
    service: idleService,
    rendererDir,
    preloadPath: '/p.cjs',
    devServerUrl: 'http://localhost:5173' // ignored: packaged apps never load a dev server
  })
  await fake.ready()
  await desktop.window
  return { fake, desktop }
}

describe('twin: protocol', () => {
  it('is registered as a privileged standard scheme before ready', async () => {
    const { fake } = await startProduction()
    expect(fake.protocol.privileged).toEqual([APP_SCHEME_PRIVILEGES])
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true })
    expect(APP_SCHEME_PRIVILEGES.privileges?.corsEnabled).toBeUndefined()
    expect(fake.windows[0]!.loadedUrl).toBe('twin://app/index.html')
  })

  it('serves the renderer with the strict CSP', async () => {
    const { fake } = await startProduction()
    const page = await fake.protocol.request('twin://app/')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>twin</title>')
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = page.headers.get('content-security-policy')!
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([n, ...s]) => [n, s])
    )
    expect(directives.get('default-src')).toEqual(["'none'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')

    const script = await fake.protocol.request('twin://app/assets/app.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(script.headers.get('content-security-policy')).toBe(csp)
    expect(script.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it.each([
    'twin://app/../secret.txt',
    'twin://app/%2e%2e/secret.txt',
    'twin://app/..%2fsecret.txt',
    'twin://app/assets/..%2f..%2fsecret.txt',
    'twin://app/..%5csecret.txt',
    'twin://app/%00index.html',
    'twin://app/%E0%A4%A', // malformed escape
    'twin://other/index.html',
    'twin://app/assets/',
    'twin://app/missing.js'
  ])('answers 404 for %s', async (url) => {
    const { fake } = await startProduction()
    const response = await fake.protocol.request(url)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('outside the renderer')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
  })

  it('refuses methods other than GET and HEAD', async () => {
    const { fake } = await startProduction()
    const response = await fake.protocol.request('twin://app/index.html', { method: 'POST' })
    expect(response.status).toBe(405)
  })

  it('resolves paths only inside the renderer directory', () => {
    expect(resolveRendererFile(rendererDir, 'twin://app/')).toBe(join(rendererDir, 'index.html'))
    expect(resolveRendererFile(rendererDir, 'twin://app/assets/app.js?v=1#x')).toBe(
      join(rendererDir, 'assets', 'app.js')
    )
    expect(resolveRendererFile(rendererDir, 'twin://app/..%2f..%2fetc/passwd')).toBeNull()
    expect(resolveRendererFile(rendererDir, 'file:///etc/passwd')).toBeNull()
    expect(resolveRendererFile(rendererDir, 'not a url')).toBeNull()
  })
})
