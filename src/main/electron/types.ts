import type * as electron from 'electron'

/**
 * The part of Electron the glue uses. `src/main/index.ts` passes the real module; tests pass a
 * small fake, because loading the real one needs the Electron binary.
 */
export type DesktopElectron = Pick<
  typeof electron,
  | 'app'
  | 'BrowserWindow'
  | 'ipcMain'
  | 'session'
  | 'shell'
  | 'protocol'
  | 'net'
  | 'MessageChannelMain'
  | 'dialog'
  | 'Menu'
  | 'screen'
>

export type BrowserWindow = electron.BrowserWindow
export type WebContents = electron.WebContents
export type Session = electron.Session
