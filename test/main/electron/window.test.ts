import { describe, expect, it, vi } from 'vitest'
import { startDesktopApp } from '../../../src/main/electron/app'
import { createMainWindow, mainWindowOptions } from '../../../src/main/electron/window'
import { rememberWindowState, savedPlacement } from '../../../src/main/electron/windowState'
import type { TwinService } from '../../../src/main/services/twinService'
import { loadWindowState, windowStatePath } from '../../../src/main/services/windowState'
import { tempDir } from '../services/library/fixtures'
import { createFakeElectron, type FakeBrowserWindow } from './fakeElectron'

describe('main window', () => {
  const options = mainWindowOptions('/app/out/preload/index.cjs')

  it('keeps Node out of the page and loads only the preload', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false
    })
  })

  it('has room for the layout, a dark background and waits to be painted', () => {
    expect(options.minWidth).toBeGreaterThanOrEqual(1280)
    expect(options.minHeight).toBeGreaterThanOrEqual(720)
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth!)
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight!)
    expect(options.show).toBe(false)
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i)
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(options.backgroundColor!.slice(i, i + 2), 16))
    expect(r! + g! + b!).toBeLessThan(3 * 64)
  })

  it('shows the window on ready-to-show, not before', () => {
    const fake = createFakeElectron()
    createMainWindow(fake.electron.BrowserWindow, {
      preloadPath: '/p.cjs',
      url: 'twin://app/index.html'
    })
    const [window] = fake.windows
    expect(window!.loadedUrl).toBe('twin://app/index.html')
    expect(window!.options).toEqual(mainWindowOptions('/p.cjs'))
    expect(window!.shown).toBe(false)
    window!.emit('ready-to-show')
    expect(window!.shown).toBe(true)
  })
})

describe('the window as it was left', () => {
  const statePath = () => windowStatePath(tempDir())

  it('opens at its defaults the first time, then where it was closed', async () => {
    const path = statePath()
    const first = createFakeElectron()
    const app = startDesktopApp(first.electron, {
      service: {} as TwinService,
      rendererDir: '/r',
      preloadPath: '/p.cjs',
      windowStatePath: path
    })
    await first.ready()
    const window = (await app.window) as unknown as FakeBrowserWindow
    expect(window.options).toMatchObject({ width: 1600, height: 900, useContentSize: true })
    expect(window.options).not.toHaveProperty('x')
    window.normalBounds = { x: 100, y: 50, width: 1700, height: 1000 }
    window.emit('move')
    window.emit('close')
    expect(loadWindowState(path)).toEqual({
      bounds: { x: 100, y: 50, width: 1700, height: 1000 },
      maximized: false
    })

    const second = createFakeElectron()
    const again = startDesktopApp(second.electron, {
      service: {} as TwinService,
      rendererDir: '/r',
      preloadPath: '/p.cjs',
      windowStatePath: path
    })
    await second.ready()
    const reopened = (await again.window) as unknown as FakeBrowserWindow
    expect(reopened.options).toMatchObject({
      x: 100,
      y: 50,
      width: 1700,
      height: 1000,
      useContentSize: false
    })
  })

  it('saves after a burst of moves, and comes back maximized on the display still there', async () => {
    vi.useFakeTimers()
    try {
      const path = statePath()
      const fake = createFakeElectron()
      const window = createMainWindow(fake.electron.BrowserWindow, {
        preloadPath: '/p.cjs',
        url: 'twin://app/index.html'
      }) as unknown as FakeBrowserWindow
      rememberWindowState(window as never, path)
      window.normalBounds = { x: 2500, y: 40, width: 1600, height: 900 }
      window.emit('move')
      expect(loadWindowState(path)).toBeNull()
      window.maximized = true
      window.emit('maximize')
      vi.advanceTimersByTime(1000)
      expect(loadWindowState(path)).toMatchObject({ maximized: true })

      // the monitor it was on is unplugged
      const placement = savedPlacement(fake.electron.screen, path)
      expect(placement).toEqual({ x: 160, y: 75, width: 1600, height: 900, maximized: true })
      createMainWindow(fake.electron.BrowserWindow, {
        preloadPath: '/p.cjs',
        url: 'twin://app/index.html',
        placement
      })
      const restored = fake.windows[1]!
      restored.emit('ready-to-show')
      expect(restored.maximized).toBe(true)
      expect(restored.shown).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })
})
