import * as electron from 'electron'
import { fileURLToPath } from 'node:url'
import { startDesktopApp } from './electron/app'
import { appInfo } from './services/appInfo'
import { EngineHost } from './services/engineHost'
import { createTwinService } from './services/twinService'

// The only module that loads Electron; everything it calls takes Electron as a parameter.
const engine = new EngineHost({ workerUrl: new URL('./engineWorker.js', import.meta.url) })
const service = createTwinService({ engine, appInfo: appInfo() })

const desktop = startDesktopApp(electron, {
  service,
  rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  preloadPath: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
  devServerUrl: process.env['ELECTRON_RENDERER_URL']
})

desktop.window.catch((error: unknown) => {
  console.error('twin: could not open the main window:', error)
  electron.app.exit(1)
})
