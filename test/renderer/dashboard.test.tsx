import { act, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { KPI_INDEX, type KpiName, createFrame } from '../../src/shared/frame'
import { CHART_KPIS } from '../../src/renderer/src/charts/series'
import { hallCounts, presetScenario, savedRun } from './fakeTwin'
import { appWith, click, openLibrary, press, row } from './library/appHarness'

/** the KPI tiles and charts in the app: which SLO they read against, and which data they draw */

function frame(index: number, simTimeS: number, kpis: Partial<Record<KpiName, number>>) {
  const made = createFrame(index, simTimeS, hallCounts)
  for (const [name, value] of Object.entries(kpis)) made.kpis[KPI_INDEX[name as KpiName]] = value
  return made.buffer
}

const sample = () => act(() => vi.advanceTimersByTimeAsync(300))
const slo = (name: KpiName) => screen.getByTestId(`kpi-slo-${name}`)

const baseline = savedRun({ id: 'r1', name: 'Baseline', simulatedS: 300, frameCount: 301 })
const tight = savedRun({ id: 'r2', name: 'Tight SLO' })
const library = {
  runs: [baseline, tight],
  scenarios: {
    r1: { ...presetScenario('faults'), slo: { ttftMs: 1500, tpotMs: 45 } },
    r2: { ...presetScenario('faults'), slo: { ttftMs: 3000, tpotMs: 80 } }
  },
  kpis: {
    r1: {
      timesS: [0, 100, 200, 300],
      kpis: {
        ttftP50Ms: [1000, 1200, 1400, 1600],
        powerKW: [700, 720, 740, 760],
        decodeStepMs: [1, 2, 3, 4]
      }
    }
  }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('the dashboard, live', () => {
  it('reads the latency tiles and the SLO lines against the running preset’s own SLO', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const twin = await appWith(library)
    act(() => {
      twin.sendFrame(frame(1, 1, { ttftP50Ms: 900, tpotP99Ms: 30, outputTokensPerS: 2e5 }))
      twin.sendFrame(frame(2, 2, { ttftP50Ms: 950, tpotP99Ms: 41, outputTokensPerS: 2.1e5 }))
    })
    await sample()
    // the default preset asks 1000 ms / 40 ms (fakeTwin's presetSlos), not the schema's 2000 / 50
    expect(slo('ttftP50Ms')).toHaveTextContent('near SLO · target 1,000 ms')
    expect(slo('ttftP50Ms')).not.toHaveTextContent('default')
    expect(slo('tpotP99Ms')).toHaveTextContent('over SLO · target 40.0 ms')
    expect(twin.charts.chart('ttft').data?.[3]).toEqual([1000, 1000])
    expect(twin.charts.chart('throughput').data?.slice(0, 2)).toEqual([
      [1, 2],
      [2e5, 2.1e5]
    ])
  })

  it('takes a re-run’s SLO from its saved scenario', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const twin = await appWith(library)
    await openLibrary()
    await click(within(await row('Tight SLO')).getByRole('button', { name: /^re-run/i }))
    expect(twin.invoke).toHaveBeenCalledWith('runs.get', { id: twin.status().runId })
    act(() => twin.sendFrame(frame(0, 0, { ttftP99Ms: 2900 })))
    await sample()
    expect(slo('ttftP99Ms')).toHaveTextContent('near SLO · target 3,000 ms')
  })
})

describe('the dashboard, replaying', () => {
  it('draws the run’s whole KPI series, with a line that follows the replay', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const twin = await appWith(library)
    await openLibrary()
    await click(within(await row('Baseline')).getByRole('button', { name: 'Replay “Baseline”' }))
    expect(twin.invoke).toHaveBeenCalledWith('runs.kpis', { id: 'r1', names: CHART_KPIS })
    expect(twin.invoke).toHaveBeenCalledWith('runs.overview', { id: 'r1' })
    await act(async () => {})
    const ttft = twin.charts.chart('ttft')
    expect(ttft.xRange).toEqual([0, 300])
    expect(ttft.data).toEqual([
      [0, 100, 200, 300],
      [1000, 1200, 1400, 1600],
      [null, null, null, null],
      // the replayed run's SLO, from its saved scenario
      [1500, 1500, 1500, 1500]
    ])
    expect(ttft.marker).toBe(0)
    act(() => void twin.playTo(142))
    expect(ttft.marker).toBe(142)
    expect(twin.charts.chart('power').marker).toBe(142)

    // the tiles too read against the replayed run's SLO
    act(() => void twin.playTo(200))
    expect(slo('ttftP50Ms')).toHaveTextContent('target 1,500 ms')

    await press('Escape', document.body)
    expect(ttft.marker).toBeNull()
    expect(ttft.xRange).toBeNull()
    expect(slo('ttftP50Ms')).toHaveTextContent('target 1,000 ms')
  })

  it('says where the charts would be when the KPI series cannot be read, and keeps the replay', async () => {
    const twin = await appWith(library, {
      'runs.kpis': async () => ({ ok: false, error: { code: 'internal', message: 'disk gone' } })
    })
    await openLibrary()
    await click(within(await row('Baseline')).getByRole('button', { name: 'Replay “Baseline”' }))
    await act(async () => {})
    expect(screen.getByTestId('charts-empty')).toHaveTextContent(
      'The run’s KPIs could not be read: disk gone'
    )
    expect(twin.replay().state).toBe('paused')
    expect(screen.getByRole('group', { name: 'Replay controls' })).toBeInTheDocument()
  })
})
