import type { BrowserWindowConstructorOptions } from 'electron'
import type { WindowPlacement } from '../services/windowState'
import type { BrowserWindow, DesktopElectron } from './types'

/** The scene's background, so the window does not flash white before the first paint. */
export const WINDOW_BACKGROUND = '#0b0f17'

/** The first start's size, before any size was saved. */
export const MAIN_WINDOW_SIZE = { width: 1600, height: 900 }

function placementBounds({ x, y, width, height }: WindowPlacement) {
  return { width, height, ...(x !== undefined && y !== undefined ? { x, y } : {}) }
}

/**
 * The main window: Node stays out of the page (sandboxed, isolated, no integration) and the
 * preload is the only bridge. The minimum fits the side-by-side layout at 720p.
 */
export function mainWindowOptions(
  preloadPath: string,
  placement?: WindowPlacement
): BrowserWindowConstructorOptions {
  return {
    title: 'Supernode Twin',
    ...MAIN_WINDOW_SIZE,
    minWidth: 1280,
    minHeight: 720,
    // saved bounds are the window's outer bounds (getNormalBounds): restore them as such
    useContentSize: !placement,
    ...(placement ? placementBounds(placement) : {}),
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
  { preloadPath, url, placement }: { preloadPath: string; url: string; placement?: WindowPlacement }
): BrowserWindow {
  const window = new BrowserWindowClass(mainWindowOptions(preloadPath, placement))
  window.once('ready-to-show', () => {
    if (placement?.maximized) window.maximize()
    window.show()
  })
  window.loadURL(url).catch((error: unknown) => {
    console.error(`twin: could not load ${url}:`, error)
  })
  return window
}
