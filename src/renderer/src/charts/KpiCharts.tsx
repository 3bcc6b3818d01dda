import { useEffect, useRef, useState } from 'react'
import type { RunKpiSeries } from '../../../shared/api'
import type { Slo } from '../session/slo'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { useSampled } from '../telemetry/useSampled'
import { formatNumber } from '../ui/kpiFormat'
import type { Theme } from '../view/viewState'
import { type ChartFactory, type ChartSpec, uplotCharts } from './chartEngine'
import { ChartFeed } from './chartFeed'
import { CHARTS, CHART_KPIS, type ChartData, type ChartDef, buildChartData } from './series'
import './charts.css'

/** charts redraw at most this often: four times a second reads as live */
export const CHART_REFRESH_MS = 250
export const PLOT_HEIGHT = 84

/** what the charts show of a replay: the whole run, and where the replay is */
export interface ReplayChartInput {
  /** null while runs.kpis is on its way */
  series: RunKpiSeries | null
  /** why the series could not be read */
  error?: string | null
  positionS: number
  endS: number
}

export interface KpiChartsProps {
  telemetry: TelemetryStore
  /** null: the live run, streamed from the telemetry history */
  replay: ReplayChartInput | null
  slo: Slo
  theme: Theme
  /** the charting library; component tests pass a recorder (jsdom has no canvas) */
  factory?: ChartFactory
}

const NO_SERIES: RunKpiSeries = { timesS: [], kpis: {} }

function buildAll(source: Parameters<typeof buildChartData>[1], slo: Slo): Map<string, ChartData> {
  return new Map(CHARTS.map((chart) => [chart.id, buildChartData(chart, source, slo)]))
}

/** the theme's chart colours, read from styles.css's custom properties (canvas cannot) */
function chartColors(): (name: string, fallback: string) => string {
  const style = getComputedStyle(document.documentElement)
  return (name, fallback) => style.getPropertyValue(name).trim() || fallback
}

interface FigureProps {
  chart: ChartDef
  feed: ChartFeed
  factory: ChartFactory
  theme: Theme
  slo: Slo
}

function ChartFigure({ chart, feed, factory, theme, slo }: FigureProps) {
  const plotRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const target = plotRef.current!
    const color = chartColors()
    const spec: ChartSpec = {
      series: chart.series.map((s) => ({
        label: s.label,
        color: color(s.color, '#7fb6e6'),
        dash: s.dash ?? false
      })),
      axisColor: color('--muted', '#9aa5b3'),
      gridColor: color('--chart-grid', '#2a313c'),
      // the page's text colour: it stands out from every series in either theme
      markerColor: color('--text', '#e3e8ef'),
      font: `11px ${getComputedStyle(target).fontFamily || 'sans-serif'}`,
      width: Math.max(target.clientWidth, 120),
      height: PLOT_HEIGHT
    }
    const handle = factory(target, spec)
    const apply = (change: 'data' | 'marker'): void => {
      if (change === 'marker') return handle.setMarker(feed.marker)
      const data = feed.get(chart.id)
      if (data) handle.setData(data, feed.xRange)
    }
    apply('data')
    apply('marker')
    const unsubscribe = feed.subscribe(apply)
    // the chart follows its column's width (jsdom has no ResizeObserver)
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(([entry]) => {
            const width = Math.floor(entry?.contentRect.width ?? 0)
            if (width > 0) handle.setSize(width, PLOT_HEIGHT)
          })
    observer?.observe(target)
    return () => {
      unsubscribe()
      observer?.disconnect()
      handle.destroy()
      target.replaceChildren()
    }
  }, [chart, feed, factory, theme])

  return (
    <figure className="chart" data-testid={`chart-${chart.id}`}>
      <figcaption className="chart__caption">
        <span className="chart__title">
          {chart.title} <span className="chart__unit">({chart.unit})</span>
        </span>
        <ul className="chart__legend" aria-label={`${chart.title}: series`}>
          {chart.series.map((s) => (
            <li key={s.label} className="chart__key">
              <span
                className={`chart__swatch chart__swatch${s.color}${s.dash ? ' chart__swatch--dash' : ''}`}
                aria-hidden="true"
              />
              {s.kpi === 'slo' && chart.slo
                ? `SLO ${formatNumber(slo[chart.slo])} ${chart.unit}`
                : s.label}
            </li>
          ))}
        </ul>
      </figcaption>
      <div
        ref={plotRef}
        className="chart__plot"
        role="img"
        aria-label={`${chart.title} in ${chart.unit} over simulated time`}
      />
    </figure>
  )
}

/**
 * The KPI charts. Live, they stream the telemetry store's history (a ring buffer filled as
 * frames arrive, outside React) and redraw at most four times a second. In a replay they draw
 * the run's whole series from runs.kpis, with a line at the replay position.
 */
export function KpiCharts({
  telemetry,
  replay,
  slo,
  theme,
  factory = uplotCharts
}: KpiChartsProps) {
  const [feed] = useState(() => new ChartFeed())
  const replaying = replay !== null
  const series = replay?.series ?? null
  const endS = replay?.endS ?? 0
  const { ttftMs, tpotMs } = slo

  useEffect(() => {
    if (replaying) return
    const history = telemetry.history
    let seen = -1
    const refresh = (): void => {
      if (history.version === seen) return
      seen = history.version
      feed.publish(buildAll(history.columns(CHART_KPIS), { ttftMs, tpotMs }), null)
    }
    refresh()
    const timer = setInterval(refresh, CHART_REFRESH_MS)
    return () => clearInterval(timer)
  }, [replaying, telemetry, feed, ttftMs, tpotMs])

  useEffect(() => {
    if (!replaying) return
    feed.publish(buildAll(series ?? NO_SERIES, { ttftMs, tpotMs }), [0, Math.max(endS, 1)])
  }, [replaying, series, endS, feed, ttftMs, tpotMs])

  const positionS = replay?.positionS ?? null
  useEffect(() => feed.setMarker(positionS), [feed, positionS])

  const livePoints = useSampled(() => telemetry.history.length)
  const empty = replaying
    ? replay.error
      ? `The run’s KPIs could not be read: ${replay.error}`
      : series === null
        ? 'Loading the run’s KPIs…'
        : series.timesS.length === 0
          ? 'This run saved no frames to chart.'
          : null
    : livePoints === 0
      ? 'The charts fill in as the run’s frames arrive. No run? Start a scenario.'
      : null

  return (
    <section className="panel charts" aria-label="KPI charts">
      <h2 className="panel__title">
        Charts
        <span className="panel__note">
          {replaying ? 'whole run · line at the replay position' : 'live · simulated seconds'}
        </span>
      </h2>
      {empty && (
        <p className="panel__empty" data-testid="charts-empty">
          {empty}
        </p>
      )}
      {CHARTS.map((chart) => (
        <ChartFigure
          key={chart.id}
          chart={chart}
          feed={feed}
          factory={factory}
          theme={theme}
          slo={slo}
        />
      ))}
    </section>
  )
}
