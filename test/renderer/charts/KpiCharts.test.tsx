import { act, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { KPI_INDEX, type KpiName, createFrame } from '../../../src/shared/frame'
import type { RunKpiSeries } from '../../../src/shared/api'
import { deferredChart } from '../../../src/renderer/src/charts/chartEngine'
import { KpiCharts, type KpiChartsProps } from '../../../src/renderer/src/charts/KpiCharts'
import { TelemetryStore } from '../../../src/renderer/src/telemetry/telemetryStore'
import { recordingCharts } from '../chartRecorder'

const counts = { dies: 4, cpus: 2, links: 3 }
const slo = { ttftMs: 1000, tpotMs: 40 }

function frame(index: number, simTimeS: number, kpis: Partial<Record<KpiName, number>>) {
  const made = createFrame(index, simTimeS, counts)
  for (const [name, value] of Object.entries(kpis)) made.kpis[KPI_INDEX[name as KpiName]] = value
  return made.buffer
}

function setup(props: Partial<KpiChartsProps> = {}) {
  const telemetry = new TelemetryStore(counts)
  const charts = recordingCharts()
  const all: KpiChartsProps = {
    telemetry,
    replay: null,
    slo,
    theme: 'dark',
    factory: charts.factory,
    ...props
  }
  const view = render(<KpiCharts {...all} />)
  const rerender = (more: Partial<KpiChartsProps>) =>
    view.rerender(<KpiCharts {...all} {...more} />)
  return { telemetry, charts, rerender }
}

const tick = () => act(() => vi.advanceTimersByTimeAsync(250))

afterEach(() => {
  vi.useRealTimers()
})

describe('KPI charts, live', () => {
  it('makes one chart per figure, labelled, and says how they fill before any frame', () => {
    const { charts } = setup()
    expect(charts.made.map((c) => c.id)).toEqual(['throughput', 'ttft', 'tpot', 'power'])
    expect(screen.getByRole('region', { name: 'KPI charts' })).toBeInTheDocument()
    expect(screen.getByRole('img', { name: 'Time to first token in ms over simulated time' }))
    expect(screen.getByTestId('charts-empty')).toHaveTextContent(/fill in as the run’s frames/)
    expect(screen.getByTestId('chart-ttft')).toHaveTextContent('SLO 1,000 ms')
    expect(charts.chart('ttft').spec.series.map((s) => [s.label, s.dash])).toEqual([
      ['p50', false],
      ['p99', false],
      ['SLO', true]
    ])
  })

  it('streams the history on a timer, a few times a second, not per frame', async () => {
    vi.useFakeTimers()
    const { telemetry, charts } = setup()
    const ttft = charts.chart('ttft')
    const calls = ttft.setDataCalls
    act(() => {
      telemetry.push(frame(1, 1, { ttftP50Ms: 400, ttftP99Ms: 900, outputTokensPerS: 3e5 }))
      telemetry.push(frame(2, 2, { ttftP50Ms: 410, ttftP99Ms: Number.NaN }))
      telemetry.push(frame(3, 3, { ttftP50Ms: 420, ttftP99Ms: 1200 }))
    })
    // nothing drawn on the frames themselves
    expect(ttft.setDataCalls).toBe(calls)
    await tick()
    expect(ttft.setDataCalls).toBe(calls + 1)
    expect(ttft.data).toEqual([
      [1, 2, 3],
      [400, 410, 420],
      [900, null, 1200],
      [1000, 1000, 1000]
    ])
    // live, the x axis fits the data
    expect(ttft.xRange).toBeNull()
    expect(charts.chart('throughput').data?.[1]).toEqual([3e5, null, null])
    expect(screen.queryByTestId('charts-empty')).not.toBeInTheDocument()
    // no new frame, nothing redrawn
    await tick()
    expect(ttft.setDataCalls).toBe(calls + 1)
  })

  it('redraws the SLO line when the run’s SLO becomes known', async () => {
    vi.useFakeTimers()
    const { telemetry, charts, rerender } = setup()
    act(() => telemetry.push(frame(1, 1, { tpotP50Ms: 30 })))
    await tick()
    expect(charts.chart('tpot').data?.[3]).toEqual([40])
    rerender({ slo: { ttftMs: 1000, tpotMs: 60 } })
    expect(charts.chart('tpot').data?.[3]).toEqual([60])
  })

  it('remakes the charts in the new theme’s colours, with their data', async () => {
    vi.useFakeTimers()
    const style = document.createElement('style')
    style.textContent = `:root { --series-1: #111111 } :root[data-theme='light'] { --series-1: #0072b2 }`
    document.head.append(style)
    try {
      const { telemetry, charts, rerender } = setup()
      act(() => telemetry.push(frame(1, 1, { powerKW: 800 })))
      await tick()
      const darkPower = charts.chart('power')
      const darkThroughput = charts.chart('throughput')
      expect(darkThroughput.spec.series[0]!.color).toBe('#111111')
      document.documentElement.dataset.theme = 'light'
      rerender({ theme: 'light' })
      expect(darkPower.destroyed).toBe(true)
      const lightPower = charts.chart('power')
      expect(lightPower).not.toBe(darkPower)
      expect(lightPower.data?.[1]).toEqual([800])
      const colour = (id: string) => charts.chart(id).spec.series[0]!.color
      expect(colour('throughput')).toBe('#0072b2')
      expect(darkThroughput.destroyed).toBe(true)
    } finally {
      style.remove()
    }
  })
})

const series: RunKpiSeries = {
  timesS: [0, 100, 200, 300],
  kpis: { ttftP50Ms: [300, 350, Number.NaN, 500], powerKW: [700, 750, 800, 760] }
}

describe('KPI charts, replay', () => {
  it('draws the whole run over its length, with a line at the replay position', () => {
    const { charts, rerender } = setup({ replay: { series, positionS: 0, endS: 300 } })
    const ttft = charts.chart('ttft')
    expect(ttft.xRange).toEqual([0, 300])
    expect(ttft.data).toEqual([
      [0, 100, 200, 300],
      [300, 350, null, 500],
      [null, null, null, null],
      [1000, 1000, 1000, 1000]
    ])
    expect(charts.chart('power').data?.[1]).toEqual([700, 750, 800, 760])
    expect(ttft.marker).toBe(0)
    expect(screen.getByRole('region', { name: 'KPI charts' })).toHaveTextContent(
      'line at the replay position'
    )
    rerender({ replay: { series, positionS: 142, endS: 300 } })
    expect(ttft.marker).toBe(142)
    expect(charts.chart('power').marker).toBe(142)
  })

  it('says when the series is on its way, or when the run saved none', () => {
    const { rerender } = setup({ replay: { series: null, positionS: 0, endS: 300 } })
    expect(screen.getByTestId('charts-empty')).toHaveTextContent('Loading the run’s KPIs')
    rerender({ replay: { series: { timesS: [], kpis: {} }, positionS: 0, endS: 0 } })
    expect(screen.getByTestId('charts-empty')).toHaveTextContent('saved no frames')
  })

  it('goes back to the live history, without a marker, when the replay closes', async () => {
    vi.useFakeTimers()
    const { telemetry, charts, rerender } = setup()
    act(() => telemetry.push(frame(1, 5, { powerKW: 640 })))
    await tick()
    rerender({ replay: { series, positionS: 200, endS: 300 } })
    expect(charts.chart('power').data?.[0]).toEqual([0, 100, 200, 300])
    rerender({ replay: null })
    const power = charts.chart('power')
    expect(power.marker).toBeNull()
    expect(power.data).toEqual([[5], [640]])
    expect(power.xRange).toBeNull()
  })
})

describe('a chart that loads later', () => {
  it('hands over the newest data, marker and size once made', async () => {
    const target = document.createElement('div')
    const made = recordingCharts()
    let resolve!: (handle: ReturnType<typeof made.factory>) => void
    const handle = deferredChart(new Promise((r) => (resolve = r)), target)
    handle.setData([[1], [2]], null)
    handle.setData(
      [
        [1, 2],
        [2, 3]
      ],
      [0, 10]
    )
    handle.setMarker(4)
    const figure = document.createElement('figure')
    figure.dataset.testid = 'chart-late'
    figure.append(target)
    resolve(made.factory(target, {} as never))
    await act(async () => {})
    expect(made.chart('late')).toMatchObject({
      data: [
        [1, 2],
        [2, 3]
      ],
      xRange: [0, 10],
      marker: 4
    })
    expect(made.chart('late').setDataCalls).toBe(1)
  })

  it('is destroyed if it arrives after its chart went, and says so if it cannot load', async () => {
    const made = recordingCharts()
    const late = document.createElement('div')
    let resolve!: (handle: ReturnType<typeof made.factory>) => void
    deferredChart(new Promise((r) => (resolve = r)), late).destroy()
    resolve(made.factory(late, {} as never))
    await act(async () => {})
    expect(made.made[0]!.destroyed).toBe(true)

    const broken = document.createElement('div')
    deferredChart(Promise.reject(new Error('matchMedia is not defined')), broken)
    await act(async () => {})
    expect(broken).toHaveTextContent('Chart unavailable: matchMedia is not defined')
  })
})
