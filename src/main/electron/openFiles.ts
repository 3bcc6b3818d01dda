import {
  openFailureMessage,
  openFile,
  openRequestFor,
  openRequestsFromArgv,
  type OpenFileDeps,
  type OpenRequest
} from '../services/openFiles'
import type { BrowserWindow, DesktopElectron } from './types'

export type OpenerElectron = Pick<DesktopElectron, 'app' | 'dialog'>

/** Opens files one after another, once `ready` resolves (the window is there to show them). */
export type FileOpener = (requests: readonly OpenRequest[]) => Promise<void>

/** How many argv entries come before the files: the executable, and the app folder when unpackaged. */
export const argvFilesStart = (app: { isPackaged: boolean }): number => (app.isPackaged ? 1 : 2)

/**
 * Files are opened in order, never two at once (an import and a run start racing would leave
 * the view on whichever finished last); a file that cannot be opened gets one error dialog
 * naming it, and the next file is still opened.
 */
export function createFileOpener(
  electron: OpenerElectron,
  deps: OpenFileDeps & { ready: Promise<unknown> }
): FileOpener {
  let queue: Promise<void> = deps.ready.then(
    () => {},
    () => {}
  )
  const openOne = async (request: OpenRequest): Promise<void> => {
    let outcome
    try {
      outcome = await openFile(request, deps)
    } catch (error) {
      outcome = { ok: false as const, path: request.path, reason: (error as Error).message }
    }
    if (outcome.ok) return
    const { title, content } = openFailureMessage(outcome.path, outcome.reason)
    electron.dialog.showErrorBox(title, content)
  }
  return (requests) => {
    for (const request of requests) queue = queue.then(() => openOne(request))
    return queue
  }
}

/**
 * Files the OS hands to the running app: a second launch (`supernode-twin run.twinrun`, a
 * double-click on Windows and Linux) arrives as `second-instance` with its argv; macOS sends
 * `open-file`, possibly before ready, which the opener's queue absorbs.
 */
export function listenForOpenedFiles(
  app: DesktopElectron['app'],
  open: FileOpener,
  mainWindow: () => BrowserWindow | undefined
): void {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const window = mainWindow()
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
    void open(openRequestsFromArgv(argv, { cwd: workingDirectory, skip: argvFilesStart(app) }))
  })
  app.on('open-file', (event, path) => {
    event.preventDefault()
    void open([openRequestFor(path)])
  })
}
