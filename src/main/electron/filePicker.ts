import type { FileFilter } from 'electron'
import type { FilePurpose } from '../services/libraryApi'
import type { DesktopElectron } from './types'

export type DialogElectron = Pick<DesktopElectron, 'dialog' | 'BrowserWindow'>

const RUN_FILES: FileFilter[] = [{ name: 'Supernode Twin run', extensions: ['twinrun'] }]
const CSV_FILES: FileFilter[] = [{ name: 'CSV', extensions: ['csv'] }]

/**
 * The file dialogs behind export and import: a save dialog for exports, an open dialog for
 * imports, attached to the focused window. Resolves null when the user cancels.
 */
export async function pickFileWithDialog(
  electron: DialogElectron,
  purpose: FilePurpose,
  suggestedName: string
): Promise<string | null> {
  const window =
    electron.BrowserWindow.getFocusedWindow() ?? electron.BrowserWindow.getAllWindows()[0]
  if (purpose === 'import-run') {
    const options = {
      title: 'Import runs',
      filters: RUN_FILES,
      properties: ['openFile' as const]
    }
    const result = window
      ? await electron.dialog.showOpenDialog(window, options)
      : await electron.dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  }
  const options = {
    title: purpose === 'export-run' ? 'Export run' : 'Export KPI time series',
    defaultPath: suggestedName,
    filters: purpose === 'export-run' ? RUN_FILES : CSV_FILES
  }
  const result = window
    ? await electron.dialog.showSaveDialog(window, options)
    : await electron.dialog.showSaveDialog(options)
  return result.canceled || !result.filePath ? null : result.filePath
}
