import { act, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RECORDING_REFRESH_MS } from '../../../src/renderer/src/library/useRunLibrary'
import { fail, ok, savedRun } from '../fakeTwin'
import {
  appWith,
  click,
  leftColumnToggle,
  libraryPanel,
  openLibrary,
  press,
  row
} from './appHarness'

const baseline = savedRun({ id: 'r1', name: 'Baseline' })
const interrupted = savedRun({
  id: 'r2',
  name: 'Faults at 60 s',
  scenarioName: 'CloudMatrix384 · faults and what-ifs',
  status: 'interrupted',
  createdAt: '2025-07-02T14:05:00.000Z',
  finishedAt: null,
  simulatedS: 150,
  summary: null
})
const failed = savedRun({
  id: 'r3',
  name: 'H800 attempt',
  system: 'h800-deepseek',
  status: 'failed',
  error: 'the engine worker exited (code 1)',
  simulatedS: 0,
  frameCount: 0,
  summary: null
})
const runs = [interrupted, baseline, failed]

const noDialog = fail({
  code: 'invalid-argument',
  message: 'give a path: there is no file dialog here (use the desktop app or `twin runs`)',
  field: 'path'
})

afterEach(() => {
  vi.useRealTimers()
})

describe('run library', () => {
  it('lists the saved runs newest first, with what they were and how they did', async () => {
    const twin = await appWith({ runs })
    await openLibrary()
    const items = within(await screen.findByRole('list', { name: 'Saved runs' })).getAllByRole(
      'listitem'
    )
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual([
      'Faults at 60 s',
      'Baseline',
      'H800 attempt'
    ])
    // the list comes from runs.list, asked again whenever the column opens
    await click(leftColumnToggle())
    await click(leftColumnToggle())
    expect(twin.invoke).toHaveBeenCalledWith('runs.list', {})

    const done = await row('Baseline')
    expect(done).toHaveTextContent('Huawei CloudMatrix384 · CloudMatrix384 · Azure conversations')
    expect(done).toHaveTextContent(/2025/)
    expect(done).toHaveTextContent('10 min')
    expect(within(done).getByText('complete')).toBeInTheDocument()
    expect(done).toHaveTextContent('Output per decode chip1,943 tok/s')
    expect(done).toHaveTextContent('TTFT p50412 ms')
    expect(done).toHaveTextContent('TPOT p5038.3 ms')
    expect(done).toHaveTextContent('SLO attainment97.3 %')
    expect(within(done).getByRole('button', { name: 'Replay “Baseline”' })).toBeEnabled()

    const cut = await row('Faults at 60 s')
    expect(cut).toHaveTextContent('2 min 30 s of 10 min')
    expect(within(cut).getByText('interrupted')).toHaveAttribute(
      'title',
      expect.stringMatching(/closed before the run finished/)
    )
    expect(cut).toHaveTextContent('No summary was saved')

    const broken = await row('H800 attempt')
    expect(broken).toHaveTextContent('NVIDIA H800 (DeepSeek)')
    expect(within(broken).getByText('failed')).toHaveAttribute(
      'title',
      'the engine worker exited (code 1)'
    )
    // nothing was saved to replay
    expect(within(broken).getByRole('button', { name: 'Replay “H800 attempt”' })).toBeDisabled()
  })

  it('says what it is for when there is nothing saved yet', async () => {
    await appWith()
    const panel = await openLibrary()
    expect(await within(panel).findByText(/no saved runs yet/i)).toHaveTextContent(
      /runs you start are saved here automatically/i
    )
    expect(screen.queryByRole('list', { name: 'Saved runs' })).not.toBeInTheDocument()
  })

  it('says so when the list cannot be read', async () => {
    await appWith(
      { runs },
      {
        'runs.list': fail({
          code: 'unavailable',
          message: 'the run library is not available: disk full'
        })
      }
    )
    const panel = await openLibrary()
    expect(await within(panel).findByRole('alert')).toHaveTextContent(
      'The saved runs could not be read: the run library is not available: disk full'
    )
  })

  it('sits in the left column, which L or its button hides and shows; Escape inside hides it; L types in a text field', async () => {
    await appWith({ runs })
    // open from the start, without taking focus from the page
    expect(libraryPanel()).toBeInTheDocument()
    expect(libraryPanel()).not.toHaveFocus()
    expect(leftColumnToggle()).toHaveAttribute('aria-expanded', 'true')
    expect(leftColumnToggle()).toHaveAttribute('aria-controls', 'left-column')

    await press('l', document.body)
    expect(libraryPanel()).not.toBeInTheDocument()
    expect(screen.queryByRole('complementary', { name: 'Scenarios and saved runs' })).toBeNull()
    expect(leftColumnToggle()).toHaveAttribute('aria-expanded', 'false')
    await press('l', document.body)
    expect(libraryPanel()).toBeInTheDocument()
    expect(leftColumnToggle()).toHaveAttribute('aria-expanded', 'true')
    // opened by the user, focus moves into the panel, for keyboard users
    expect(libraryPanel()).toHaveFocus()
    await press('Escape')
    expect(libraryPanel()).not.toBeInTheDocument()

    await click(leftColumnToggle())
    expect(libraryPanel()).toBeInTheDocument()
    await click(leftColumnToggle())
    expect(libraryPanel()).not.toBeInTheDocument()

    await press('L', document.body)
    await click(within(await row('Baseline')).getByRole('button', { name: 'Rename “Baseline”' }))
    const field = screen.getByRole('textbox', { name: 'New name for “Baseline”' })
    await press('l', field)
    expect(libraryPanel()).toBeInTheDocument()
    // with Ctrl it belongs to the browser
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'l', ctrlKey: true })
    })
    expect(libraryPanel()).toBeInTheDocument()
  })

  it('Escape outside the left column leaves it open', async () => {
    const twin = await appWith({ runs })
    await press('Escape', document.body)
    expect(libraryPanel()).toBeInTheDocument()
    expect(twin.methods()).not.toContain('replay.close')
  })

  it('refreshes when main says the library changed, and not while closed', async () => {
    const twin = await appWith({ runs: [baseline] })
    await openLibrary()
    await row('Baseline')
    act(() => twin.addRun(savedRun({ id: 'r9', name: 'Just finished' })))
    expect(await row('Just finished')).toBeInTheDocument()

    await press('l', document.body)
    expect(libraryPanel()).not.toBeInTheDocument()
    twin.invoke.mockClear()
    act(() => twin.addRun(savedRun({ id: 'r10', name: 'Later' })))
    expect(twin.methods()).not.toContain('runs.list')
  })

  it('reads the list again every few seconds while a run in it is being recorded', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const recording = savedRun({ id: 'r7', name: 'Recording', status: 'running', simulatedS: 10 })
    const twin = await appWith({ runs: [recording, baseline] })
    await openLibrary()
    await row('Recording')
    twin.invoke.mockClear()
    await act(() => vi.advanceTimersByTimeAsync(RECORDING_REFRESH_MS + 100))
    expect(twin.methods()).toContain('runs.list')

    // once nothing in the list is recording, it waits for main to say the library changed
    act(() => twin.savedRuns().splice(0, 1, { ...recording, status: 'stopped' }))
    await act(() => vi.advanceTimersByTimeAsync(RECORDING_REFRESH_MS + 100))
    twin.invoke.mockClear()
    await act(() => vi.advanceTimersByTimeAsync(3 * RECORDING_REFRESH_MS))
    expect(twin.methods()).not.toContain('runs.list')
  })

  it('renames inline: Enter saves, Escape cancels and keeps the library open', async () => {
    const twin = await appWith({ runs })
    await openLibrary()
    const renameButton = within(await row('Baseline')).getByRole('button', {
      name: 'Rename “Baseline”'
    })
    await click(renameButton)
    const field = screen.getByRole('textbox', { name: 'New name for “Baseline”' })
    expect(field).toHaveFocus()
    expect(field).toHaveValue('Baseline')
    fireEvent.change(field, { target: { value: 'Ignore me' } })
    await press('Escape', field)
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument()
    expect(libraryPanel()).toBeInTheDocument()
    expect(twin.methods()).not.toContain('runs.rename')
    expect(within(await row('Baseline')).getByRole('button', { name: /^rename/i })).toHaveFocus()

    await click(within(await row('Baseline')).getByRole('button', { name: /^rename/i }))
    const again = screen.getByRole('textbox', { name: 'New name for “Baseline”' })
    fireEvent.change(again, { target: { value: '  Baseline, 10x  ' } })
    await press('Enter', again)
    expect(twin.invoke).toHaveBeenCalledWith('runs.rename', { id: 'r1', name: 'Baseline, 10x' })
    expect(await row('Baseline, 10x')).toBeInTheDocument()
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument()
  })

  it('keeps the name field open and says why when a rename is refused', async () => {
    await appWith(
      { runs },
      {
        'runs.rename': fail({ code: 'not-found', message: "no run 'r1'", field: 'id' })
      }
    )
    await openLibrary()
    await click(within(await row('Baseline')).getByRole('button', { name: /^rename/i }))
    const field = screen.getByRole('textbox', { name: 'New name for “Baseline”' })
    fireEvent.change(field, { target: { value: 'Other' } })
    await press('Enter', field)
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('Could not rename “Baseline”')
    expect(alert).toHaveTextContent("no run 'r1'")
    expect(field).toBeInTheDocument()
  })

  it('asks before deleting, and Cancel or Escape keeps the run', async () => {
    const twin = await appWith({ runs })
    await openLibrary()
    await click(within(await row('Baseline')).getByRole('button', { name: 'Delete “Baseline”' }))
    const confirm = screen.getByRole('group', { name: 'Confirm deleting “Baseline”' })
    expect(confirm).toHaveTextContent('Delete “Baseline”?')
    // a stray Enter lands on Cancel
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    await click(within(confirm).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('group', { name: /confirm deleting/i })).not.toBeInTheDocument()
    expect(within(await row('Baseline')).getByRole('button', { name: /^delete/i })).toHaveFocus()

    await click(within(await row('Baseline')).getByRole('button', { name: /^delete/i }))
    await press('Escape')
    expect(screen.queryByRole('group', { name: /confirm deleting/i })).not.toBeInTheDocument()
    expect(libraryPanel()).toBeInTheDocument()
    expect(twin.methods()).not.toContain('runs.delete')

    await click(within(await row('Baseline')).getByRole('button', { name: /^delete/i }))
    await click(screen.getByRole('button', { name: 'Yes, delete “Baseline”' }))
    expect(twin.invoke).toHaveBeenCalledWith('runs.delete', { id: 'r1' })
    expect(screen.queryByRole('listitem', { name: 'Baseline' })).not.toBeInTheDocument()
    expect(screen.getByTestId('note')).toHaveTextContent('Deleted “Baseline”')
  })

  it('re-runs a saved run live at the chosen speed, and gives focus back to the page', async () => {
    const twin = await appWith({ runs })
    await click(screen.getByRole('button', { name: /^speed: 60 simulated/i }))
    await openLibrary()
    const rerun = within(await row('Faults at 60 s')).getByRole('button', { name: /^re-run/i })
    rerun.focus()
    await click(rerun)
    expect(twin.invoke).toHaveBeenCalledWith('runs.rerun', { id: 'r2', speed: 60 })
    // the hall shows the new run beside the library; Space now pauses it instead of re-running
    expect(libraryPanel()).toBeInTheDocument()
    expect(rerun).not.toHaveFocus()
    await press(' ', document.body)
    expect(twin.invoke).toHaveBeenLastCalledWith('run.pause', {})
    await press(' ', document.body)
    expect(twin.status()).toMatchObject({ state: 'running', saved: true })
    expect(twin.savedRuns()[0]!.name).toBe('Faults at 60 s (re-run)')
    expect(screen.getByTestId('run-state')).toHaveTextContent('run running')
  })

  it('exports a run and its KPIs, and confirms briefly where they went', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const twin = await appWith({ runs })
    await openLibrary()
    const baselineRow = await row('Baseline')
    await click(within(baselineRow).getByRole('button', { name: /^export “baseline”/i }))
    expect(twin.invoke).toHaveBeenCalledWith('runs.export', { id: 'r1' })
    expect(screen.getByTestId('note')).toHaveTextContent(
      'Exported “Baseline” to /home/ada/r1.twinrun'
    )
    await click(within(baselineRow).getByRole('button', { name: /^export the kpis/i }))
    expect(twin.invoke).toHaveBeenCalledWith('runs.exportCsv', { id: 'r1' })
    expect(screen.getByTestId('note')).toHaveTextContent(
      'Exported the KPIs of “Baseline” to /home/ada/r1.csv'
    )
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    // a confirmation goes by itself
    await act(() => vi.advanceTimersByTimeAsync(6500))
    expect(screen.queryByTestId('note')).not.toBeInTheDocument()
  })

  it('shows nothing when the save dialog is cancelled', async () => {
    const twin = await appWith(
      { runs },
      {
        'runs.export': async () => ok<'runs.export'>({ path: null }),
        'runs.import': async () => ok<'runs.import'>([])
      }
    )
    await openLibrary()
    await click(within(await row('Baseline')).getByRole('button', { name: /^export “/i }))
    await click(screen.getByRole('button', { name: /^import runs/i }))
    expect(twin.methods()).toEqual(expect.arrayContaining(['runs.export', 'runs.import']))
    expect(screen.queryByTestId('note')).not.toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('explains, as one problem, that the browser view has no file dialog', async () => {
    await appWith({ runs }, { 'runs.export': noDialog, 'runs.import': noDialog })
    await openLibrary()
    await click(within(await row('Baseline')).getByRole('button', { name: /^export “/i }))
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('Could not export “Baseline”')
    expect(alert).toHaveTextContent('use the desktop app or `twin runs`')
    expect(alert).toHaveTextContent('error code: invalid-argument')

    await click(screen.getByRole('button', { name: /^import runs/i }))
    expect(screen.getAllByRole('alert')).toHaveLength(1)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not import runs')
  })

  it('imports runs and says how many came in', async () => {
    await appWith(
      { runs },
      {
        'runs.import': async () =>
          ok<'runs.import'>([
            savedRun({ id: 'x1', name: 'From Ada' }),
            savedRun({ id: 'x2', name: 'From Bo' })
          ])
      }
    )
    await openLibrary()
    await click(screen.getByRole('button', { name: /^import runs/i }))
    expect(screen.getByTestId('note')).toHaveTextContent('Imported 2 runs')
  })
})
