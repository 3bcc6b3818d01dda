import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFrame } from '../../../src/shared/frame'
import { App } from '../../../src/renderer/src/App'
import type { HallProps } from '../../../src/renderer/src/scene/Hall'
import { recordingCharts } from '../chartRecorder'
import { fakeTwin, hallCounts } from '../fakeTwin'

function StubHall() {
  return <div data-testid="hall" />
}
const Hall = StubHall as (props: HallProps) => React.JSX.Element

const button = (name: RegExp) => screen.getByRole('button', { name })
const pause = () => button(/^pause the run/i)
const resume = () => button(/^resume the run/i)
const stop = () => button(/^stop the run/i)
const start = () => button(/^(re)?start /i)

/** renders the app and waits for the default run to be under way */
async function liveApp() {
  const twin = fakeTwin()
  render(<App connect={() => twin.api} hall={Hall} charts={recordingCharts().factory} />)
  await screen.findByText('running')
  // the live run's SLO (for the latency tiles) is asked for once it runs: let that settle too
  await waitFor(() => expect(twin.methods()).toContain('scenarios.get'))
  twin.invoke.mockClear()
  return twin
}

/** a click as the mouse makes it (detail 1), letting the async reply settle */
async function click(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element, { detail: 1 })
  })
}

async function pressSpace(target: Element = document.body) {
  await act(async () => {
    fireEvent.keyDown(target, { key: ' ', code: 'Space' })
  })
}

afterEach(() => {
  vi.useRealTimers()
})

describe('run controls', () => {
  it('enable only what applies to a running run', async () => {
    await liveApp()
    expect(pause()).toBeEnabled()
    expect(resume()).toBeDisabled()
    expect(stop()).toBeEnabled()
    expect(start()).toHaveAccessibleName('Restart CloudMatrix384 · Azure conversations')
    expect(screen.getByRole('button', { name: /10 simulated seconds/ })).toHaveAttribute(
      'aria-pressed',
      'true'
    )
  })

  it('pause, resume and stop call the run methods and switch the buttons', async () => {
    const twin = await liveApp()
    await click(pause())
    expect(twin.invoke).toHaveBeenLastCalledWith('run.pause', {})
    expect(screen.getByTestId('run-state')).toHaveTextContent('paused')
    expect(pause()).toBeDisabled()
    expect(resume()).toBeEnabled()
    expect(stop()).toBeEnabled()

    await click(resume())
    expect(twin.invoke).toHaveBeenLastCalledWith('run.resume', {})
    expect(pause()).toBeEnabled()
    expect(resume()).toBeDisabled()

    await click(stop())
    expect(twin.invoke).toHaveBeenLastCalledWith('run.stop', {})
    expect(screen.getByTestId('run-state')).toHaveTextContent('stopped')
    expect(pause()).toBeDisabled()
    expect(resume()).toBeDisabled()
    expect(stop()).toBeDisabled()
    expect(start()).toHaveAccessibleName('Start CloudMatrix384 · Azure conversations')
    expect(start()).toBeEnabled()
  })

  it('starts the picked scenario at the picked speed', async () => {
    const twin = await liveApp()
    const picker = screen.getByRole('combobox', { name: 'Scenario' })
    fireEvent.change(picker, { target: { value: 'faults' } })
    expect(picker).toHaveAttribute('title', 'A die fails at 60 s.')
    // while a run is live, a new speed goes to it at once
    await click(screen.getByRole('button', { name: /60 simulated seconds/ }))
    expect(twin.invoke).toHaveBeenLastCalledWith('run.setSpeed', { speed: 60 })

    twin.invoke.mockClear()
    await click(start())
    expect(twin.invoke.mock.calls[0]).toEqual(['run.start', { scenario: 'faults', speed: 60 }])
    expect(twin.status().scenarioId).toBe('faults')
    // then the new run's SLO, for the latency tiles
    expect(twin.invoke).toHaveBeenLastCalledWith('scenarios.get', { id: 'faults' })

    await click(screen.getByRole('button', { name: /as fast as possible/ }))
    expect(twin.invoke).toHaveBeenLastCalledWith('run.setSpeed', { speed: 'max' })
  })

  it('keeps a speed chosen between runs for the next start, without sending it', async () => {
    const twin = await liveApp()
    await click(stop())
    await click(screen.getByRole('button', { name: /^speed: 1 simulated/i }))
    expect(twin.methods()).not.toContain('run.setSpeed')
    await click(start())
    expect(twin.invoke).toHaveBeenLastCalledWith('run.start', { scenario: 'default', speed: 1 })
  })

  it('Space pauses and resumes, but not while focus is in a field', async () => {
    const twin = await liveApp()
    await pressSpace()
    expect(twin.invoke).toHaveBeenLastCalledWith('run.pause', {})
    expect(resume()).toBeEnabled()
    await pressSpace()
    expect(twin.invoke).toHaveBeenLastCalledWith('run.resume', {})
    expect(pause()).toBeEnabled()

    twin.invoke.mockClear()
    await pressSpace(screen.getByRole('combobox', { name: 'Scenario' }))
    await pressSpace(stop())
    expect(twin.invoke).not.toHaveBeenCalled()

    await click(stop())
    twin.invoke.mockClear()
    await pressSpace()
    expect(twin.invoke).not.toHaveBeenCalled()
  })

  it('moves keyboard focus from Pause to Resume when Pause is pressed with the keyboard', async () => {
    await liveApp()
    pause().focus()
    // a keyboard activation of a button is a click with detail 0
    await act(async () => {
      fireEvent.click(pause(), { detail: 0 })
    })
    // the focus moves once the paused status has rendered, which may take another tick under load
    await waitFor(() => expect(resume()).toHaveFocus())
  })

  it('shows progress from the run’s newest frame, and its last frame once stopped', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const twin = await liveApp()
    expect(screen.getByTestId('run-progress')).toHaveTextContent('sim 0 s / 600 s')
    act(() => twin.sendFrame(createFrame(41, 42.9, hallCounts).buffer))
    await act(() => vi.advanceTimersByTimeAsync(300))
    expect(screen.getByTestId('run-progress')).toHaveTextContent('sim 42 s / 600 s')
    expect(screen.getByRole('progressbar', { name: 'Simulated time' })).toHaveAttribute(
      'value',
      '42.9'
    )
    await click(stop())
    await act(() => vi.advanceTimersByTimeAsync(300))
    expect(screen.getByTestId('run-progress')).toHaveTextContent('sim 42 s / 600 s')

    // a new run reads its own time, not the old run's last frame
    await click(start())
    await act(() => vi.advanceTimersByTimeAsync(300))
    expect(screen.getByTestId('run-progress')).toHaveTextContent('sim 0 s / 600 s')
  })
})
