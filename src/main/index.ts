import * as electron from 'electron'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startDesktopApp } from './electron/app'
import { appInfo } from './services/appInfo'
import { RunHost } from './services/runHost'
import { ScenarioLibrary } from './services/scenarios'
import { createTwinService } from './services/twinService'

// The only module that loads Electron; everything it calls takes Electron as a parameter.
// Scenario presets and traces ship next to the app; from a checkout they are the repo's own.
const resourcesDir = electron.app.isPackaged
  ? join(process.resourcesPath, 'resources')
  : fileURLToPath(new URL('../../resources/', import.meta.url))
const service = createTwinService({
  runs: new RunHost({ workerUrl: new URL('./engineWorker.js', import.meta.url) }),
  library: new ScenarioLibrary(resourcesDir),
  appInfo: appInfo()
})

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
