import { contentSecurityPolicy } from '../../shared/csp'
import type { TwinService } from '../services/twinService'
import type { BrowserWindow, DesktopElectron } from './types'
import { devContentSecurityPolicy } from './csp'
import { registerTwinIpc } from './ipc'
import { APP_ENTRY_URL, APP_ORIGIN, originOf } from './origin'
import { registerAppScheme, serveRenderer } from './protocol'
import { hardenWebContents, sessionLockdown } from './security'
import { createMainWindow } from './window'
import { rememberWindowState, savedPlacement } from './windowState'

export interface DesktopAppOptions {
  service: TwinService
  /** out/renderer: served at twin://app/ */
  rendererDir: string
  /** out/preload/index.cjs */
  preloadPath: string
  /** electron-vite's dev server (ELECTRON_RENDERER_URL); ignored in a packaged app */
  devServerUrl?: string | undefined
  platform?: NodeJS.Platform
  /** where the main window's size and position are kept; without it, it opens at its defaults */
  windowStatePath?: string
}

export interface DesktopApp {
  /** the origin pages must have to navigate and to use IPC */
  appOrigin: string
  csp: string
  /** resolves with the main window once the app is ready */
  window: Promise<BrowserWindow>
}

/**
 * Wires the app: must be called before Electron is ready, because the privileged scheme and
 * the sandbox switch only take effect then.
 */
export function startDesktopApp(electron: DesktopElectron, options: DesktopAppOptions): DesktopApp {
  const { app, BrowserWindow } = electron
  // A stray ELECTRON_RENDERER_URL must not make an installed app load a web page.
  const devServerUrl = app.isPackaged ? undefined : options.devServerUrl || undefined
  const appOrigin = devServerUrl ? originOf(devServerUrl) : APP_ORIGIN
  if (!appOrigin) throw new Error(`twin: not a usable dev server URL: ${devServerUrl}`)
  const csp = devServerUrl ? devContentSecurityPolicy(devServerUrl) : contentSecurityPolicy()
  const entryUrl = devServerUrl ?? APP_ENTRY_URL
  const platform = options.platform ?? process.platform

  app.enableSandbox()
  registerAppScheme(electron.protocol)
  const lockDown = sessionLockdown(csp)
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      appOrigin,
      openExternal: (url) => electron.shell.openExternal(url)
    })
    lockDown(contents.session)
  })

  const disposeIpc = registerTwinIpc({
    ipcMain: electron.ipcMain,
    MessageChannelMain: electron.MessageChannelMain,
    service: options.service,
    appOrigin
  })

  const openWindow = (): BrowserWindow => {
    const statePath = options.windowStatePath
    const placement = statePath ? savedPlacement(electron.screen, statePath) : undefined
    const window = createMainWindow(BrowserWindow, {
      preloadPath: options.preloadPath,
      url: entryUrl,
      ...(placement ? { placement } : {})
    })
    if (statePath) rememberWindowState(window, statePath)
    return window
  }

  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow()
  })
  app.on('will-quit', () => {
    disposeIpc()
    void options.service.dispose()
  })

  const window = app.whenReady().then(() => {
    lockDown(electron.session.defaultSession)
    if (!devServerUrl) serveRenderer(electron, options.rendererDir, csp)
    return openWindow()
  })
  return { appOrigin, csp, window }
}
