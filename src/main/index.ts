import * as electron from 'electron'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { startDesktopApp } from './electron/app'
import { pickFileWithDialog } from './electron/filePicker'
import { printHtmlToPdf } from './electron/pdfPrinter'
import { installAppMenu } from './electron/menu'
import { electronNativeBindingPath } from './electron/nativeBinding'
import { argvFilesStart, createFileOpener, listenForOpenedFiles } from './electron/openFiles'
import { outsideAsar } from './electron/packaged'
import { appInfo } from './services/appInfo'
import { dataDir } from './services/library/dataDir'
import { openRunLibrary } from './services/library/openLibrary'
import { openRequestsFromArgv } from './services/openFiles'
import { RunHost } from './services/runHost'
import { ScenarioLibrary } from './services/scenarios'
import { createTwinService } from './services/twinService'
import { windowStatePath } from './services/windowState'

// The only module that loads Electron; everything it calls takes Electron as a parameter.
// A second launch (`supernode-twin run.twinrun`, a double-click) hands its argv to the first
// through 'second-instance' and leaves: one app, one library connection, one engine worker.
if (electron.app.requestSingleInstanceLock()) start()
else electron.app.quit()

function start(): void {
  const { app } = electron
  // Scenario presets, traces and docs ship next to the app (electron-builder.js
  // extraResources); from a checkout they are the repo's own.
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
  const resourcesRoot = app.isPackaged ? process.resourcesPath : repoRoot
  const resourcesDir = join(resourcesRoot, 'resources')
  // The run library is the CLI's too (same folder, TWIN_DATA_DIR overrides). From a checkout,
  // better-sqlite3 is loaded from its Electron build (scripts/electron-native.mjs), in main
  // and in the worker; a packaged app's own copy was rebuilt for Electron by electron-builder.
  const nativeBinding = app.isPackaged
    ? undefined
    : electronNativeBindingPath(app.getAppPath(), process.versions.electron!)
  const dataFolder = dataDir()
  const library = openRunLibrary(dataFolder, nativeBinding)
  if (library.error) console.error(`twin: runs will not be saved: ${library.error}`)
  const store = library.store
  const workerPath = fileURLToPath(new URL('./engineWorker.js', import.meta.url))
  const scenarios = new ScenarioLibrary(resourcesDir)
  const info = appInfo()
  const service = createTwinService({
    runs: new RunHost({
      workerUrl: pathToFileURL(app.isPackaged ? outsideAsar(workerPath) : workerPath),
      library: store ? { path: store.path, ...(nativeBinding ? { nativeBinding } : {}) } : null,
      onLost: (runId, reason) => store?.markFailed(runId, reason)
    }),
    library: scenarios,
    appInfo: info,
    store,
    ...(library.error ? { libraryError: library.error } : {}),
    pickFile: (purpose, suggestedName) => pickFileWithDialog(electron, purpose, suggestedName),
    printPdf: (html) => printHtmlToPdf(electron, html)
  })

  const desktop = startDesktopApp(electron, {
    service,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    preloadPath: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    windowStatePath: windowStatePath(dataFolder)
  })

  desktop.window.catch((error: unknown) => {
    console.error('twin: could not open the main window:', error)
    app.exit(1)
  })

  // Files wait for the page, so the view that shows them is listening.
  const pageLoaded = desktop.window.then(
    (window) =>
      new Promise<void>((resolve) => {
        window.webContents.once('did-finish-load', () => resolve())
        window.webContents.once('did-fail-load', () => resolve())
      })
  )
  const open = createFileOpener(electron, { service, scenarios, ready: pageLoaded })
  listenForOpenedFiles(app, open, () => electron.BrowserWindow.getAllWindows()[0])
  void open(openRequestsFromArgv(process.argv, { cwd: process.cwd(), skip: argvFilesStart(app) }))

  void app.whenReady().then(() =>
    installAppMenu(electron, {
      service,
      appInfo: info,
      open,
      docsRoot: resourcesRoot,
      platform: process.platform,
      dev: !app.isPackaged
    })
  )
}
