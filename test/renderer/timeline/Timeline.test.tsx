import { act, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RunEvent } from '../../../src/shared/api'
import { savedRun } from '../fakeTwin'
import { appWith, click, openLibrary, row } from '../library/appHarness'

const liveEvents: RunEvent[] = [
  { atS: 60, kind: 'die-failure', target: 'node-05.npu-3.die-1', message: 'expert 17 moved' },
  { atS: 300, kind: 'slo-breach', target: 'service', message: 'p99 TPOT 61.0 ms (SLO 50)' }
]
const baseline = savedRun({ id: 'r1', name: 'Baseline', simulatedS: 400, frameCount: 401 })
const savedEvents: RunEvent[] = [
  { atS: 100, kind: 'die-failure', target: 'node-01.npu-0.die-0', message: 'die failed' },
  { atS: 300, kind: 'recovered', target: 'node-01.npu-0.die-0', message: 'back in service' }
]
const overview = {
  timesS: [200, 400],
  dieCompute: [0.5, 0.25],
  linkUtilization: [0.1, 0.1],
  kpis: {}
}

const timeline = () => screen.getByRole('region', { name: 'Timeline' })
const markerList = () => within(timeline()).queryByRole('list', { name: 'Events on the timeline' })

async function replaying(events: RunEvent[] = savedEvents) {
  const twin = await appWith({
    runs: [baseline],
    events: { r1: events },
    overviews: { r1: overview }
  })
  await openLibrary()
  await click(within(await row('Baseline')).getByRole('button', { name: 'Replay “Baseline”' }))
  twin.invoke.mockClear()
  return twin
}

afterEach(() => {
  vi.useRealTimers()
})

describe('timeline, live', () => {
  it('holds the run controls and the progress over the planned duration, at the bottom', async () => {
    await appWith()
    expect(within(timeline()).getByRole('group', { name: 'Run controls' })).toBeInTheDocument()
    expect(within(timeline()).getByRole('progressbar', { name: 'Simulated time' })).toHaveAttribute(
      'max',
      '600'
    )
    expect(within(timeline()).getByText('Live')).toBeInTheDocument()
    // no events yet: no markers
    expect(markerList()).toBeNull()
  })

  it('marks the run’s events along the track, each focusable with its tooltip', async () => {
    const twin = await appWith()
    act(() => twin.pushStatus({ events: liveEvents }))
    const markers = within(markerList()!).getAllByRole('img')
    expect(markers.map((m) => m.getAttribute('aria-label'))).toEqual([
      '60 s · die failed · node-05.npu-3.die-1: expert 17 moved',
      '300 s · SLO breach · service: p99 TPOT 61.0 ms (SLO 50)'
    ])
    expect(markers.map((m) => m.parentElement!.style.left)).toEqual(['10%', '50%'])
    expect(markers[0]).toHaveAttribute('tabindex', '0')
    expect(markers[0]).toHaveClass('marker--bad')
    expect(markers[1]).toHaveClass('marker--warn')
    expect(markers[0]!.parentElement).toHaveTextContent('60 s · die failed')
    // live, a marker tells; it cannot seek the run
    expect(within(markerList()!).queryByRole('button')).toBeNull()
  })

  it('says how to begin when no run is under way', async () => {
    const twin = await appWith()
    act(() => twin.pushStatus({ state: 'idle', runId: null, durationS: 0 }))
    expect(screen.getByTestId('run-progress')).toHaveTextContent(
      'No run yet. Pick a scenario on the left and press Start.'
    )
  })
})

describe('timeline, replay', () => {
  it('draws the run’s overview behind the slider', async () => {
    await replaying()
    const strip = await screen.findByTestId('overview-strip')
    expect(strip).toHaveAccessibleName('Mean die compute utilization over the run')
    expect(strip.querySelector('path')).toHaveAttribute(
      'd',
      'M0 20 L0 10 L50 10 L50 15 L100 15 L100 20 Z'
    )
    expect(within(timeline()).getByRole('slider', { name: 'Replay position' })).toBeInTheDocument()
  })

  it('marks all the run’s events, and a marker seeks to its event', async () => {
    const twin = await replaying()
    const list = await within(timeline()).findByRole('list', { name: 'Events on the timeline' })
    const markers = within(list).getAllByRole('button')
    expect(markers.map((m) => m.getAttribute('aria-label'))).toEqual([
      'Seek to 100 s · die failed · node-01.npu-0.die-0: die failed',
      'Seek to 300 s · recovered · node-01.npu-0.die-0: back in service'
    ])
    expect(markers.map((m) => m.parentElement!.style.left)).toEqual(['25%', '75%'])
    await click(markers[1]!)
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.seek', { timeS: 300 })
    expect(screen.getByTestId('replay-time')).toHaveTextContent('sim 300 s / 400 s')
  })

  it('says so when the replayed run had no events', async () => {
    await replaying([])
    await act(async () => {})
    expect(markerList()).toBeNull()
    expect(screen.getByRole('region', { name: 'Run events' })).toHaveTextContent(
      'No faults or SLO breaches in this run'
    )
  })
})
