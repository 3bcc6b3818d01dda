import type { MenuItemConstructorOptions } from 'electron'
import type { AppCommand } from '../../shared/api'
import type { RunRecord } from '../../shared/library'

/** What the menu's own items do; the adapter (menu.ts) supplies them. */
export interface MenuActions {
  /** File > Open…: a .twinrun or a scenario .json, from a dialog */
  open(): void
  importRuns(): void
  replayRun(runId: string): void
  /** commands only the view can carry out */
  command(command: AppCommand): void
  about(): void
  /** one of DOCS, by its path under the docs root */
  openDoc(path: string): void
}

export interface MenuInput {
  appName: string
  platform: NodeJS.Platform
  /** unpackaged (npm start / dev): reload and developer tools are offered */
  dev: boolean
  /** the library's runs, newest first (runs.list order); empty when there is no library */
  runs: readonly Pick<RunRecord, 'id' | 'name' | 'system' | 'status'>[]
  actions: MenuActions
}

export const RECENT_RUNS = 8

/** Paths under the repository root, or the packaged app's resources (electron-builder.js). */
export const DOCS: { label: string; path: string }[] = [
  { label: 'Read Me', path: 'README.md' },
  { label: 'Performance Model', path: 'docs/performance-model.md' },
  { label: 'Run Library and .twinrun Format', path: 'docs/run-library.md' }
]

/**
 * Windows and Linux read '&' in a label as a mnemonic marker (so a run called "A&B" must be
 * escaped to show as typed); macOS has no mnemonics.
 */
const literal = (text: string, platform: NodeJS.Platform): string =>
  platform === 'darwin' ? text : text.replaceAll('&', '&&')
const mnemonic = (label: string, platform: NodeJS.Platform): string =>
  platform === 'darwin' ? label.replace('&', '') : label

/**
 * The recent-runs submenu: the newest runs that can be replayed (a run still recording is
 * not one yet), at most RECENT_RUNS.
 */
export function recentRunsMenu(
  runs: MenuInput['runs'],
  actions: MenuActions,
  platform: NodeJS.Platform
): MenuItemConstructorOptions[] {
  const recent = runs.filter((run) => run.status !== 'running').slice(0, RECENT_RUNS)
  if (recent.length === 0) return [{ label: 'No Saved Runs', enabled: false }]
  return recent.map((run) => ({
    id: `recent-run:${run.id}`,
    label: literal(`${run.name} (${run.system})`, platform),
    click: () => actions.replayRun(run.id)
  }))
}

/**
 * The application menu as plain template objects (Menu.buildFromTemplate's input). Keys the
 * view handles itself (Space, arrows, Esc, L) are not accelerators here: an accelerator
 * would take them from text fields too.
 */
export function appMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const { actions, platform, dev } = input
  const mac = platform === 'darwin'
  const send = (command: AppCommand) => () => actions.command(command)
  const about: MenuItemConstructorOptions = {
    label: `About ${input.appName}`,
    click: () => actions.about()
  }

  const file: MenuItemConstructorOptions = {
    label: mnemonic('&File', platform),
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      { label: 'Import Runs…', accelerator: 'CmdOrCtrl+I', click: () => actions.importRuns() },
      { label: 'Recent Runs', submenu: recentRunsMenu(input.runs, actions, platform) },
      { label: 'Run Library', accelerator: 'CmdOrCtrl+L', click: send({ kind: 'open-library' }) },
      { type: 'separator' },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: send({ kind: 'export-run' }) },
      ...(mac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }])
    ]
  }
  const edit: MenuItemConstructorOptions = {
    label: mnemonic('&Edit', platform),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' }
    ]
  }
  const view: MenuItemConstructorOptions = {
    label: mnemonic('&View', platform),
    submenu: [
      ...(dev
        ? [
            { role: 'reload' as const },
            { role: 'forceReload' as const },
            { role: 'toggleDevTools' as const },
            { type: 'separator' as const }
          ]
        : []),
      {
        label: 'Toggle Theme',
        accelerator: 'CmdOrCtrl+Shift+T',
        click: send({ kind: 'toggle-theme' })
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' }
    ]
  }
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: mnemonic('&Help', platform),
    submenu: [
      {
        label: 'Keyboard Shortcuts',
        accelerator: 'CmdOrCtrl+/',
        click: send({ kind: 'show-shortcuts' })
      },
      { type: 'separator' },
      ...DOCS.map(({ label, path }) => ({ label, click: () => actions.openDoc(path) })),
      ...(mac ? [] : [{ type: 'separator' as const }, about])
    ]
  }
  const appMenu: MenuItemConstructorOptions = {
    label: input.appName,
    submenu: [
      about,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' }
    ]
  }
  return [...(mac ? [appMenu] : []), file, edit, view, { role: 'windowMenu' }, help]
}
