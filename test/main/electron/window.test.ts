import { describe, expect, it } from 'vitest'
import { createMainWindow, mainWindowOptions } from '../../../src/main/electron/window'
import { createFakeElectron } from './fakeElectron'

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
