import { join } from 'node:path'
import type { AppInfo } from '../../shared/api'
import type { RunRecord } from '../../shared/library'
import { aboutText } from '../services/about'
import { openRequestFor } from '../services/openFiles'
import type { TwinService } from '../services/twinService'
import type { FileOpener } from './openFiles'
import { appMenuTemplate, type MenuActions } from './menuTemplate'
import type { BrowserWindow, DesktopElectron } from './types'

export type MenuElectron = Pick<DesktopElectron, 'Menu' | 'dialog' | 'shell' | 'BrowserWindow'>

export interface AppMenuDeps {
  service: TwinService
  appInfo: AppInfo
  open: FileOpener
  /** where DOCS paths start: the repository, or the packaged app's resources */
  docsRoot: string
  platform: NodeJS.Platform
  dev: boolean
}

const focusedWindow = (electron: MenuElectron): BrowserWindow | undefined =>
  electron.BrowserWindow.getFocusedWindow() ?? electron.BrowserWindow.getAllWindows()[0]

/** What the menu items do, in Electron terms: dialogs, the service, the view's commands. */
export function menuActions(electron: MenuElectron, deps: AppMenuDeps): MenuActions {
  const { service } = deps
  const fail = (title: string, message: string): void =>
    electron.dialog.showErrorBox(title, message)
  return {
    async open() {
      const options = {
        title: 'Open a run or a scenario',
        filters: [{ name: 'Runs and scenarios', extensions: ['twinrun', 'json'] }],
        properties: ['openFile' as const]
      }
      const window = focusedWindow(electron)
      const result = window
        ? await electron.dialog.showOpenDialog(window, options)
        : await electron.dialog.showOpenDialog(options)
      if (!result.canceled) await deps.open(result.filePaths.map(openRequestFor))
    },
    async importRuns() {
      const imported = await service.dispatch('runs.import', {})
      if (!imported.ok) return fail('Cannot import runs', imported.error.message)
      if ((imported.value as RunRecord[]).length > 0) service.command({ kind: 'open-library' })
    },
    async replayRun(runId) {
      const opened = await service.dispatch('replay.open', { id: runId })
      if (!opened.ok) return fail('Cannot replay the run', opened.error.message)
      service.command({ kind: 'replay-run', runId })
    },
    command: (command) => service.command(command),
    async about() {
      const { title, message, detail } = aboutText(deps.appInfo)
      const options = { type: 'info' as const, title, message, detail, buttons: ['OK'] }
      const window = focusedWindow(electron)
      await (window
        ? electron.dialog.showMessageBox(window, options)
        : electron.dialog.showMessageBox(options))
    },
    async openDoc(doc) {
      const path = join(deps.docsRoot, doc)
      const error = await electron.shell.openPath(path)
      if (error) fail(`Cannot open ${doc}`, `${path}: ${error}`)
    }
  }
}

/**
 * Sets the application menu and rebuilds it whenever the library changes, so Recent Runs
 * follows imports, deletions and finished runs.
 */
export function installAppMenu(
  electron: MenuElectron,
  deps: AppMenuDeps
): { built(): Promise<void>; dispose(): void } {
  const actions = menuActions(electron, deps)
  const build = async (): Promise<void> => {
    const listed = await deps.service.dispatch('runs.list', {})
    // without a library there is nothing recent; the menu still works
    const runs = listed.ok ? (listed.value as RunRecord[]) : []
    const template = appMenuTemplate({
      appName: deps.appInfo.name,
      platform: deps.platform,
      dev: deps.dev,
      runs,
      actions
    })
    electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template))
  }
  // one build at a time, in order: the last library change wins
  let building: Promise<void> = Promise.resolve()
  const rebuild = (): void => {
    building = building
      .then(build)
      .catch((error: unknown) => console.error('twin: cannot build the menu:', error))
  }
  rebuild()
  const dispose = deps.service.onEvent((event) => {
    if (event.type === 'library.changed') rebuild()
  })
  return { built: () => building, dispose }
}
