import { describe, expect, it } from 'vitest'
import { startDesktopApp } from '../../../src/main/electron/app'
import { isSafeExternalUrl, originOf } from '../../../src/main/electron/origin'
import type { TwinService } from '../../../src/main/services/twinService'
import { contentSecurityPolicy } from '../../../src/shared/csp'
import { createFakeElectron } from './fakeElectron'

const idleService = { dispose: async () => {} } as unknown as TwinService

async function start(devServerUrl?: string) {
  const fake = createFakeElectron()
  const desktop = startDesktopApp(fake.electron, {
    service: idleService,
    rendererDir: '/nonexistent/renderer',
    preloadPath: '/p.cjs',
    devServerUrl
  })
  await fake.ready()
  await desktop.window
  return { fake, desktop, contents: fake.windows[0]!.webContents }
}

describe('webContents hardening', () => {
  it('enables the sandbox for every renderer before ready', async () => {
    const { fake } = await start()
    expect(fake.app.sandboxEnabled).toBe(true)
  })

  it('allows navigation within the app and denies every other origin', async () => {
    const { contents } = await start()
    expect(contents.navigate('twin://app/index.html#/runs')).toBe(true)
    expect(contents.navigate('twin://app/other.html')).toBe(true)
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'twin://evil/index.html',
      'twin://app.evil.example/',
      'javascript:alert(1)',
      'about:blank',
      'not a url'
    ]) {
      expect(contents.navigate(url), url).toBe(false)
      expect(contents.redirect(url), url).toBe(false)
    }
  })

  it('denies new windows and opens only safe links in the system browser', async () => {
    const { fake, contents } = await start()
    const urls = [
      'https://example.com/docs?q=1',
      'http://example.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pass@example.com/',
      'https://user@example.com/',
      'twin://app/index.html',
      'mailto:someone@example.com',
      'not a url'
    ]
    for (const url of urls) expect(contents.openWindow(url)).toEqual({ action: 'deny' })
    expect(fake.shell.opened).toEqual(['https://example.com/docs?q=1'])
  })

  it('blocks <webview> attachment', async () => {
    const { contents } = await start()
    expect(contents.attachWebview()).toBe(false)
  })

  it('hardens webContents created later too (devtools, popups)', async () => {
    const { fake } = await start()
    const other = new fake.BrowserWindow({}).webContents
    expect(other.navigate('https://example.com/')).toBe(false)
    expect(other.openWindow('https://example.com/')).toEqual({ action: 'deny' })
  })

  it('denies every permission request and check', async () => {
    const { fake } = await start()
    const session = fake.session.defaultSession
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal'
    ]) {
      expect(session.request(permission)).toBe(false)
    }
    expect(session.permissionCheckHandler?.(null, 'media', 'twin://app', {})).toBe(false)
  })

  it('adds the CSP to http(s) responses and leaves other schemes alone', async () => {
    const { fake, desktop } = await start()
    const session = fake.session.defaultSession
    expect(desktop.csp).toBe(contentSecurityPolicy())
    const headers = session.headers('https://example.com/', { 'content-type': ['text/html'] })
    expect(headers['Content-Security-Policy']).toEqual([desktop.csp])
    expect(headers['content-type']).toEqual(['text/html'])
    const merged = session.headers('http://x/', { 'content-security-policy': ["img-src 'none'"] })
    expect(merged['content-security-policy']).toEqual(["img-src 'none'", desktop.csp])
    expect(session.headers('devtools://devtools/x', {})).toEqual({})
  })
})

describe('dev server mode', () => {
  it('loads the dev server, trusts only its origin and loosens the CSP just for Vite', async () => {
    const { fake, desktop, contents } = await start('http://localhost:5173/')
    expect(fake.windows[0]!.loadedUrl).toBe('http://localhost:5173/')
    expect(desktop.appOrigin).toBe('http://localhost:5173')
    expect(contents.navigate('http://localhost:5173/#/x')).toBe(true)
    expect(contents.navigate('http://localhost:5174/')).toBe(false)
    expect(contents.navigate('twin://app/index.html')).toBe(false)
    expect(desktop.csp).toContain("script-src 'self' 'unsafe-inline'")
    expect(desktop.csp).toContain('ws://localhost:5173')
    expect(desktop.csp).toContain("default-src 'none'")
    expect(desktop.csp).not.toContain('unsafe-eval')
    const served = fake.session.defaultSession.headers('http://localhost:5173/', {})
    expect(served['Content-Security-Policy']).toEqual([desktop.csp])
    await expect(fake.protocol.request('twin://app/index.html')).rejects.toThrow(/no handler/)
  })

  it('ignores the dev server URL in a packaged app', async () => {
    const fake = createFakeElectron({ isPackaged: true })
    const desktop = startDesktopApp(fake.electron, {
      service: idleService,
      rendererDir: '/r',
      preloadPath: '/p.cjs',
      devServerUrl: 'http://localhost:5173/'
    })
    expect(desktop.appOrigin).toBe('twin://app')
    expect(desktop.csp).toBe(contentSecurityPolicy())
  })
})

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://example.com/', true],
    ['https://example.com:8443/a?b#c', true],
    ['  https://example.com/  ', true],
    ['HTTPS://EXAMPLE.COM/', true],
    ['http://example.com/', false],
    ['https://user:secret@example.com/', false],
    ['https://:secret@example.com/', false],
    ['javascript:alert(1)', false],
    ['file:///C:/Windows/system32/calc.exe', false],
    ['smb://host/share', false],
    ['ms-settings:', false],
    ['twin://app/', false],
    ['https:', false],
    ['', false],
    [`https://example.com/${'a'.repeat(3000)}`, false]
  ])('%s -> %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe)
  })

  it('refuses non-strings', () => {
    expect(isSafeExternalUrl(undefined)).toBe(false)
    expect(isSafeExternalUrl({ href: 'https://example.com/' })).toBe(false)
  })
})

describe('originOf', () => {
  it('gives custom schemes a real origin, unlike URL.origin', () => {
    expect(originOf('twin://app/index.html')).toBe('twin://app')
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173')
    expect(originOf('about:blank')).toBeNull()
    expect(originOf('nope')).toBeNull()
  })
})
