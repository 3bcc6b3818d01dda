import { describe, expect, it } from 'vitest'
import { pickFileWithDialog, type DialogElectron } from '../../../src/main/electron/filePicker'

interface FakeWindow {
  id: number
}

interface DialogCall {
  method: 'showSaveDialog' | 'showOpenDialog'
  /** the window the dialog is attached to; absent when called without one */
  window?: FakeWindow
  options: Record<string, unknown>
}

interface SaveResult {
  canceled: boolean
  filePath: string
}
interface OpenResult {
  canceled: boolean
  filePaths: string[]
}

/**
 * Electron's `dialog` (both overloads: with and without a parent window) and the two
 * `BrowserWindow` statics the picker uses. The answers are what the user would pick.
 */
function fakeElectron({
  focused = null as FakeWindow | null,
  windows = [] as FakeWindow[],
  save = { canceled: false, filePath: '/home/me/run.twinrun' } as SaveResult,
  open = { canceled: false, filePaths: ['/home/me/in.twinrun'] } as OpenResult
} = {}) {
  const calls: DialogCall[] = []
  const record = (method: DialogCall['method'], args: unknown[]): void => {
    if (args.length === 2)
      calls.push({
        method,
        window: args[0] as FakeWindow,
        options: args[1] as Record<string, unknown>
      })
    else {
      expect(args).toHaveLength(1)
      calls.push({ method, options: args[0] as Record<string, unknown> })
    }
  }
  const electron = {
    dialog: {
      showSaveDialog: (...args: unknown[]) => {
        record('showSaveDialog', args)
        return Promise.resolve(save)
      },
      showOpenDialog: (...args: unknown[]) => {
        record('showOpenDialog', args)
        return Promise.resolve(open)
      }
    },
    BrowserWindow: {
      getFocusedWindow: () => focused,
      getAllWindows: () => [...windows]
    }
  }
  return { electron: electron as unknown as DialogElectron, calls }
}

const RUN_FILTER = [{ name: 'Supernode Twin run', extensions: ['twinrun'] }]
const CSV_FILTER = [{ name: 'CSV', extensions: ['csv'] }]

describe('pickFileWithDialog', () => {
  it('exports a run through a save dialog with the suggested name and the .twinrun filter', async () => {
    const win = { id: 1 }
    const { electron, calls } = fakeElectron({
      focused: win,
      windows: [win],
      save: { canceled: false, filePath: '/home/me/chosen.twinrun' }
    })
    expect(await pickFileWithDialog(electron, 'export-run', 'fault-drill.twinrun')).toBe(
      '/home/me/chosen.twinrun'
    )
    expect(calls).toEqual([
      {
        method: 'showSaveDialog',
        window: win,
        options: { title: 'Export run', defaultPath: 'fault-drill.twinrun', filters: RUN_FILTER }
      }
    ])
  })

  it('saves a scenario through a save dialog for JSON files', async () => {
    const win = { id: 1 }
    const { electron, calls } = fakeElectron({
      focused: win,
      windows: [win],
      save: { canceled: false, filePath: '/home/me/drill.json' }
    })
    expect(await pickFileWithDialog(electron, 'save-scenario', 'drill.json')).toBe(
      '/home/me/drill.json'
    )
    expect(calls[0]).toMatchObject({
      method: 'showSaveDialog',
      options: {
        title: 'Save scenario',
        defaultPath: 'drill.json',
        filters: [{ name: 'Scenario', extensions: ['json'] }]
      }
    })
  })

  it('exports KPIs through a save dialog with the CSV filter', async () => {
    const win = { id: 1 }
    const { electron, calls } = fakeElectron({
      focused: win,
      windows: [win],
      save: { canceled: false, filePath: '/home/me/kpis.csv' }
    })
    expect(await pickFileWithDialog(electron, 'export-csv', 'fault-drill.csv')).toBe(
      '/home/me/kpis.csv'
    )
    expect(calls).toEqual([
      {
        method: 'showSaveDialog',
        window: win,
        options: {
          title: 'Export KPI time series',
          defaultPath: 'fault-drill.csv',
          filters: CSV_FILTER
        }
      }
    ])
  })

  it('imports through an open dialog for one .twinrun file', async () => {
    const win = { id: 1 }
    const { electron, calls } = fakeElectron({
      focused: win,
      windows: [win],
      open: { canceled: false, filePaths: ['/home/me/a.twinrun', '/home/me/b.twinrun'] }
    })
    expect(await pickFileWithDialog(electron, 'import-run', '')).toBe('/home/me/a.twinrun')
    expect(calls).toEqual([
      {
        method: 'showOpenDialog',
        window: win,
        options: { title: 'Import runs', filters: RUN_FILTER, properties: ['openFile'] }
      }
    ])
  })

  it.each(['export-run', 'export-csv'] as const)('%s: cancel resolves null', async (purpose) => {
    const { electron, calls } = fakeElectron({ save: { canceled: true, filePath: '' } })
    expect(await pickFileWithDialog(electron, purpose, 'x')).toBeNull()
    expect(calls.map((c) => c.method)).toEqual(['showSaveDialog'])
  })

  it('a save dialog that returns no path (not cancelled) also resolves null', async () => {
    const { electron } = fakeElectron({ save: { canceled: false, filePath: '' } })
    expect(await pickFileWithDialog(electron, 'export-run', 'x.twinrun')).toBeNull()
  })

  it('import: cancel, or no file chosen, resolves null', async () => {
    const cancelled = fakeElectron({ open: { canceled: true, filePaths: [] } })
    expect(await pickFileWithDialog(cancelled.electron, 'import-run', '')).toBeNull()
    expect(cancelled.calls.map((c) => c.method)).toEqual(['showOpenDialog'])
    const none = fakeElectron({ open: { canceled: false, filePaths: [] } })
    expect(await pickFileWithDialog(none.electron, 'import-run', '')).toBeNull()
  })

  it('attaches to the focused window, else the first window, else none', async () => {
    const first = { id: 1 }
    const second = { id: 2 }
    for (const purpose of ['export-run', 'export-csv', 'import-run'] as const) {
      const focusedSecond = fakeElectron({ focused: second, windows: [first, second] })
      await pickFileWithDialog(focusedSecond.electron, purpose, 'x')
      expect(focusedSecond.calls[0]!.window, purpose).toBe(second)

      const unfocused = fakeElectron({ focused: null, windows: [first, second] })
      await pickFileWithDialog(unfocused.electron, purpose, 'x')
      expect(unfocused.calls[0]!.window, purpose).toBe(first)

      const windowless = fakeElectron({ focused: null, windows: [] })
      expect(await pickFileWithDialog(windowless.electron, purpose, 'x')).not.toBeNull()
      expect(windowless.calls).toHaveLength(1)
      expect('window' in windowless.calls[0]!, purpose).toBe(false)
    }
  })
})
