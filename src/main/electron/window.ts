import type { BrowserWindowConstructorOptions } from 'electron'
import type { BrowserWindow, DesktopElectron } from './types'

/** The scene's background, so the window does not flash white before the first paint. */
export const WINDOW_BACKGROUND = '#0b0f17'

/**
 * The main window: Node stays out of the page (sandboxed, isolated, no integration) and the
 * preload is the only bridge. The minimum fits the side-by-side layout at 720p.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Supernode Twin',
    width: 1600,
    height: 900,
    minWidth: 1280,
    minHeight: 720,
    useContentSize: true,
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      safeDialogs: true
    }
  }
}

export function createMainWindow(
  BrowserWindowClass: DesktopElectron['BrowserWindow'],
  { preloadPath, url }: { preloadPath: string; url: string }
): BrowserWindow {
  const window = new BrowserWindowClass(mainWindowOptions(preloadPath))
  window.once('ready-to-show', () => window.show())
  window.loadURL(url).catch((error: unknown) => {
    console.error(`twin: could not load ${url}:`, error)
  })
  return window
}
