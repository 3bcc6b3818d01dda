import * as electron from 'electron'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startDesktopApp } from './electron/app'
import { pickFileWithDialog } from './electron/filePicker'
import { electronNativeBindingPath } from './electron/nativeBinding'
import { appInfo } from './services/appInfo'
import { dataDir } from './services/library/dataDir'
import { openRunLibrary } from './services/library/openLibrary'
import { RunHost } from './services/runHost'
import { ScenarioLibrary } from './services/scenarios'
import { createTwinService } from './services/twinService'

// The only module that loads Electron; everything it calls takes Electron as a parameter.
// Scenario presets and traces ship next to the app; from a checkout they are the repo's own.
const resourcesDir = electron.app.isPackaged
  ? join(process.resourcesPath, 'resources')
  : fileURLToPath(new URL('../../resources/', import.meta.url))
// The run library is the CLI's too (same folder, TWIN_DATA_DIR overrides); better-sqlite3 is
// loaded from its Electron build (scripts/electron-native.mjs), in main and in the worker.
const nativeBinding = electronNativeBindingPath(
  electron.app.getAppPath(),
  process.versions.electron!
)
const library = openRunLibrary(dataDir(), nativeBinding)
if (library.error) console.error(`twin: runs will not be saved: ${library.error}`)
const store = library.store
const service = createTwinService({
  runs: new RunHost({
    workerUrl: new URL('./engineWorker.js', import.meta.url),
    library: store ? { path: store.path, nativeBinding } : null,
    onLost: (runId, reason) => store?.markFailed(runId, reason)
  }),
  library: new ScenarioLibrary(resourcesDir),
  appInfo: appInfo(),
  store,
  ...(library.error ? { libraryError: library.error } : {}),
  pickFile: (purpose, suggestedName) => pickFileWithDialog(electron, purpose, suggestedName)
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
