import type { FileFilter } from 'electron'
import type { FilePurpose } from '../services/libraryApi'
import type { DesktopElectron } from './types'

export type DialogElectron = Pick<DesktopElectron, 'dialog' | 'BrowserWindow'>

const RUN_FILES: FileFilter[] = [{ name: 'Supernode Twin run', extensions: ['twinrun'] }]
const CSV_FILES: FileFilter[] = [{ name: 'CSV', extensions: ['csv'] }]
const SCENARIO_FILES: FileFilter[] = [{ name: 'Scenario', extensions: ['json'] }]

/** what each save dialog says and which files it offers */
const SAVES: Record<
  Exclude<FilePurpose, 'import-run'>,
  { title: string; filters: FileFilter[] }
> = {
  'export-run': { title: 'Export run', filters: RUN_FILES },
  'export-csv': { title: 'Export KPI time series', filters: CSV_FILES },
  'save-scenario': { title: 'Save scenario', filters: SCENARIO_FILES },
  'export-png': { title: 'Save screenshot', filters: [{ name: 'PNG image', extensions: ['png'] }] },
  'export-webm': { title: 'Save video', filters: [{ name: 'WebM video', extensions: ['webm'] }] },
  'export-html': { title: 'Save report', filters: [{ name: 'HTML report', extensions: ['html'] }] },
  'export-pdf': { title: 'Save report as PDF', filters: [{ name: 'PDF', extensions: ['pdf'] }] }
}

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
  const options = { ...SAVES[purpose], defaultPath: suggestedName }
  const result = window
    ? await electron.dialog.showSaveDialog(window, options)
    : await electron.dialog.showSaveDialog(options)
  return result.canceled || !result.filePath ? null : result.filePath
}
