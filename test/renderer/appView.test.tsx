import { act, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { AppCommand } from '../../src/shared/api'
import { App } from '../../src/renderer/src/App'
import type { HallProps } from '../../src/renderer/src/scene/Hall'
import { ViewState } from '../../src/renderer/src/view/viewState'
import { recordingCharts } from './chartRecorder'
import { fakeTwin, idleStatus, ok } from './fakeTwin'
import { click, press } from './library/appHarness'

/** the view tools, the inspector and their keys, as wired in the app (the hall is a stub) */

function StubHall() {
  return <div data-testid="hall" />
}

async function app() {
  const twin = fakeTwin()
  const view = new ViewState()
  const Hall = StubHall as (props: HallProps) => React.JSX.Element
  render(
    <App connect={() => twin.api} hall={Hall} charts={recordingCharts().factory} view={view} />
  )
  await screen.findByText('running')
  return { twin, view }
}

describe('the view tools in the app', () => {
  it('puts search, metric and help in the top bar, the camera views over the hall', async () => {
    await app()
    const tools = screen.getByRole('group', { name: 'View tools' })
    expect(within(tools).getByRole('combobox', { name: 'Find a part by id' })).toBeVisible()
    // the camera views sit over the hall they move
    expect(
      within(screen.getByRole('main', { name: '3D hall' })).getByRole('group', {
        name: 'Camera views'
      })
    ).toBeVisible()
    expect(within(tools).getByRole('button', { name: 'Keyboard shortcuts' })).toBeVisible()
  })

  it('cycles the metric with M and flies to the views with 1-4, around the selection', async () => {
    const { view } = await app()
    const before = view.get().metric
    await press('m', document.body)
    expect(view.get().metric).not.toBe(before)

    await press('2', document.body)
    expect(view.get().camera).toMatchObject({ preset: 'network', part: null })
    act(() => view.select({ kind: 'die', index: 700 }))
    await press('4', document.body)
    // die 700 sits in node 43 (16 dies per node)
    expect(view.get().camera).toMatchObject({ preset: 'node', part: { kind: 'node', index: 43 } })
    await press('1', document.body)
    expect(view.get().camera.preset).toBe('hall')
  })

  it('shows the selected part in the inspector, and Esc clears the selection first', async () => {
    const { view } = await app()
    expect(screen.getByTestId('inspector-empty')).toHaveTextContent('Click a chip')
    act(() => view.select({ kind: 'die', index: 5 }))
    expect(await screen.findByTestId('inspector-id')).toHaveTextContent('die')
    await press('Escape', document.body)
    expect(view.get().selected).toBeNull()
    expect(screen.getByTestId('inspector-empty')).toBeVisible()
  })

  it('focuses the search box with /, and opens the shortcut list with ? or its button', async () => {
    await app()
    await press('/', document.body)
    expect(screen.getByRole('combobox', { name: 'Find a part by id' })).toHaveFocus()

    await press('?')
    // typed into the search box, ? is a character, not the shortcut
    expect(screen.queryByRole('dialog')).toBeNull()
    await click(screen.getByRole('button', { name: 'Keyboard shortcuts' }))
    const help = screen.getByRole('dialog')
    expect(within(help).getByText('Find a part by id')).toBeVisible()
    await press('Escape')
    expect(screen.queryByRole('dialog')).toBeNull()
    await press('?', document.body)
    expect(screen.getByRole('dialog')).toBeVisible()
  })

  it('does what the desktop menu asks: library, theme, shortcuts, export', async () => {
    const { twin, view } = await app()
    const command = (c: AppCommand) =>
      act(() => twin.sendEvent({ type: 'app.command', command: c }))

    await click(screen.getByRole('button', { name: 'Scenarios and run library' }))
    expect(screen.queryByRole('region', { name: 'Run library' })).toBeNull()
    await command({ kind: 'open-library' })
    expect(screen.getByRole('region', { name: 'Run library' })).toBeVisible()

    const theme = view.get().theme
    await command({ kind: 'toggle-theme' })
    expect(view.get().theme).not.toBe(theme)

    await command({ kind: 'show-shortcuts' })
    expect(screen.getByRole('dialog')).toBeVisible()
    await press('Escape')

    // the live default run is not saved in the fake: nothing to export, and it says so
    await command({ kind: 'export-run' })
    expect(twin.methods()).not.toContain('runs.export')
    expect(await screen.findByText(/No saved run in view to export/)).toBeVisible()
  })

  it('follows a run or a replay main already has, instead of starting the default', async () => {
    const busy = fakeTwin({
      'run.status': async () =>
        ok<'run.status'>({
          ...idleStatus,
          state: 'running',
          runId: 'opened-from-the-command-line',
          scenarioName: 'my scenario',
          system: 'cloudmatrix384',
          durationS: 60,
          sampleIntervalS: 1,
          simTimeS: 12,
          speed: 10,
          saved: true
        })
    })
    const Hall = StubHall as (props: HallProps) => React.JSX.Element
    render(<App connect={() => busy.api} hall={Hall} charts={recordingCharts().factory} />)
    expect(await screen.findByText('running')).toBeVisible()
    await waitFor(() => expect(busy.methods()).toContain('replay.status'))
    expect(busy.methods()).not.toContain('run.start')
  })
})
