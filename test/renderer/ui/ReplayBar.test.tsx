import { act, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFrame } from '../../../src/shared/frame'
import type { RunEvent } from '../../../src/shared/api'
import { twinStats } from '../../../src/renderer/src/twinStats'
import type { fakeTwin } from '../fakeTwin'
import { hallCounts, savedRun } from '../fakeTwin'
import {
  appWith,
  click,
  leftColumnToggle,
  libraryPanel,
  openLibrary,
  press,
  row
} from '../library/appHarness'

const baseline = savedRun({ id: 'r1', name: 'Baseline', simulatedS: 300, frameCount: 301 })
const other = savedRun({ id: 'r2', name: 'Other' })
const events: RunEvent[] = [
  { atS: 30, kind: 'die-failure', target: 'node-05.npu-3.die-1', message: 'die failed' },
  { atS: 200, kind: 'recovered', target: 'node-05.npu-3.die-1', message: 'back in service' }
]

const replayBar = () => screen.queryByRole('group', { name: 'Replay controls' })
const slider = () => screen.getByRole('slider', { name: 'Replay position' })
const replayTime = () => screen.getByTestId('replay-time')
const kpiNote = () => screen.getByRole('region', { name: 'Key figures' })
const sample = () => act(() => vi.advanceTimersByTimeAsync(300))

/** the app with the default run live at 123 s, then "Baseline" opened for replay */
async function replaying(overrides: Parameters<typeof fakeTwin>[0] = {}) {
  vi.useFakeTimers({ shouldAdvanceTime: true })
  const twin = await appWith({ runs: [baseline, other], events: { r1: events } }, overrides)
  act(() => twin.sendFrame(createFrame(123, 123, hallCounts).buffer))
  await openLibrary()
  await click(within(await row('Baseline')).getByRole('button', { name: 'Replay “Baseline”' }))
  twin.invoke.mockClear()
  return twin
}

afterEach(() => {
  vi.useRealTimers()
})

describe('replay', () => {
  it('opens from the library in place of the run controls, and says it is a replay', async () => {
    const twin = await replaying()
    expect(twin.replay()).toMatchObject({ state: 'paused', runId: 'r1' })
    // the library stays in its column, the replayed run marked
    expect(libraryPanel()).toBeInTheDocument()
    expect(within(await row('Baseline')).getByText('Replaying')).toBeInTheDocument()
    expect(replayBar()).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'Timeline' })).toContainElement(replayBar())
    expect(screen.queryByRole('group', { name: 'Run controls' })).not.toBeInTheDocument()
    expect(screen.getByTestId('replay-label')).toHaveTextContent('Replay of “Baseline” (paused)')
    expect(within(replayBar()!).getByText('Baseline')).toBeInTheDocument()
    expect(replayTime()).toHaveTextContent('sim 0 s / 300 s')
    expect(slider()).toHaveAttribute('max', '300')
    expect(slider()).toHaveAttribute('step', '1')
    await sample()
    // the hall and the KPIs show the replay's frame
    expect(kpiNote()).toHaveTextContent('sim 0 s')
    expect(twinStats()).toMatchObject({ replayState: 'paused', replayPositionS: 0 })
    // the column's switch still reaches the library
    expect(leftColumnToggle()).toHaveAttribute('aria-expanded', 'true')
  })

  it('plays and pauses with its button and with Space, and changes speed', async () => {
    const twin = await replaying()
    await click(screen.getByRole('button', { name: 'Play the replay' }))
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.play', {})
    expect(screen.getByTestId('replay-label')).toHaveTextContent('Replay of “Baseline”')
    expect(screen.getByTestId('replay-label')).not.toHaveTextContent('paused')

    await press(' ', document.body)
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.pause', {})
    expect(screen.getByRole('button', { name: 'Play the replay' })).toBeInTheDocument()
    await press(' ', document.body)
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.play', {})
    expect(screen.getByRole('button', { name: 'Pause the replay' })).toBeInTheDocument()
    // Space no longer drives the live run while a replay has the view
    expect(twin.methods()).not.toContain('run.pause')

    const speed = screen.getByRole('combobox', { name: 'Replay speed' })
    expect(
      within(speed)
        .getAllByRole('option')
        .map((o) => o.textContent)
    ).toEqual(['0.25×', '0.5×', '1×', '2×', '4×', '8×', '16×', '32×', '64×'])
    expect(speed).toHaveValue('1')
    await act(async () => {
      fireEvent.change(speed, { target: { value: '16' } })
    })
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.setSpeed', { speed: 16 })
    expect(speed).toHaveValue('16')
  })

  it('shows the position main reports as the replay plays', async () => {
    const twin = await replaying()
    await click(screen.getByRole('button', { name: 'Play the replay' }))
    act(() => void twin.playTo(42.5))
    expect(replayTime()).toHaveTextContent('sim 42 s / 300 s')
    expect(slider()).toHaveValue('42')
    await sample()
    expect(kpiNote()).toHaveTextContent('sim 42 s')
  })

  it('seeks with the slider, throttled, and follows the hand until the seek lands', async () => {
    const twin = await replaying()
    await act(async () => {
      fireEvent.change(slider(), { target: { value: '150' } })
    })
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.seek', { timeS: 150 })
    expect(replayTime()).toHaveTextContent('sim 150 s / 300 s')
    await sample()
    expect(kpiNote()).toHaveTextContent('sim 150 s')

    // a fast drag: many positions inside one gap make one more seek, to where it stopped
    twin.invoke.mockClear()
    act(() => {
      for (const t of [160, 170, 180, 190, 200])
        fireEvent.change(slider(), { target: { value: t } })
    })
    expect(slider()).toHaveValue('200')
    await act(() => vi.advanceTimersByTimeAsync(150))
    const seeks = twin.invoke.mock.calls.filter(([m]) => m === 'replay.seek')
    expect(seeks.length).toBeLessThanOrEqual(2)
    expect(seeks.at(-1)).toEqual(['replay.seek', { timeS: 200 }])
    expect(replayTime()).toHaveTextContent('sim 200 s / 300 s')
  })

  it('moves 10 s with the arrow keys, but leaves arrows to the slider when it has focus', async () => {
    const twin = await replaying()
    await press('ArrowRight', document.body)
    await act(() => vi.advanceTimersByTimeAsync(150))
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.seek', { timeS: 10 })
    await press('ArrowRight', document.body)
    await act(() => vi.advanceTimersByTimeAsync(150))
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.seek', { timeS: 20 })
    await press('ArrowLeft', document.body)
    await act(() => vi.advanceTimersByTimeAsync(150))
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.seek', { timeS: 10 })
    expect(replayTime()).toHaveTextContent('sim 10 s / 300 s')

    twin.invoke.mockClear()
    slider().focus()
    await press('ArrowRight', slider())
    await act(() => vi.advanceTimersByTimeAsync(150))
    expect(twin.methods()).not.toContain('replay.seek')
  })

  it('Escape closes the left column first when focus is in it, then goes back to live', async () => {
    const twin = await replaying()
    // replaying from the library gave focus back to the page: Escape would end the replay
    expect(libraryPanel()).not.toContainElement(document.activeElement as HTMLElement)
    await press('l', document.body)
    expect(libraryPanel()).not.toBeInTheDocument()
    await press('l', document.body)
    expect(libraryPanel()).toHaveFocus()
    // the replayed run is marked in the list
    expect(within(await row('Baseline')).getByText('Replaying')).toBeInTheDocument()
    await press('Escape')
    expect(libraryPanel()).not.toBeInTheDocument()
    expect(replayBar()).toBeInTheDocument()
    expect(twin.methods()).not.toContain('replay.close')

    await press('Escape', document.body)
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.close', {})
    expect(replayBar()).not.toBeInTheDocument()
    expect(screen.getByRole('group', { name: 'Run controls' })).toBeInTheDocument()
    expect(screen.queryByTestId('replay-label')).not.toBeInTheDocument()
  })

  it('goes back to live with its button', async () => {
    const twin = await replaying()
    await click(screen.getByRole('button', { name: /go back to the live run/i }))
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.close', {})
    expect(replayBar()).not.toBeInTheDocument()
  })

  it('handles time going backwards: a seek back shows the earlier frame, live resumes where it was', async () => {
    const twin = await replaying()
    await act(async () => {
      fireEvent.change(slider(), { target: { value: '250' } })
    })
    await act(() => vi.advanceTimersByTimeAsync(150))
    await act(async () => {
      fireEvent.change(slider(), { target: { value: '40' } })
    })
    await act(() => vi.advanceTimersByTimeAsync(150))
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.seek', { timeS: 40 })
    await sample()
    expect(kpiNote()).toHaveTextContent('sim 40 s')

    await press('Escape', document.body)
    await sample()
    // the live run's last frame is back, and its progress never read the replay's time
    expect(kpiNote()).toHaveTextContent('sim 123 s')
    expect(screen.getByTestId('run-progress')).toHaveTextContent('sim 123 s / 600 s')
  })

  it('shows the replayed run’s events up to the position, not the live run’s', async () => {
    const twin = await replaying()
    const log = () => screen.getByRole('region', { name: 'Run events' })
    await act(async () => {})
    expect(log()).toHaveTextContent('No faults or SLO breaches so far')
    act(() => void twin.playTo(100))
    expect(log()).toHaveTextContent('die failed')
    expect(log()).not.toHaveTextContent('recovered')
    act(() => void twin.playTo(250))
    expect(log()).toHaveTextContent('recovered')
  })

  it('ends when a re-run starts, as main closes it', async () => {
    const twin = await replaying()
    await openLibrary()
    await click(within(await row('Other')).getByRole('button', { name: 'Re-run “Other”' }))
    expect(twin.replay().state).toBe('closed')
    expect(replayBar()).not.toBeInTheDocument()
    expect(screen.getByRole('group', { name: 'Run controls' })).toBeInTheDocument()
    expect(twinStats().replayState).toBe('closed')
  })
})
