import { useEffect, useRef } from 'react'
import type { RunKpiSeries } from '../../../shared/api'
import { type ChartFactory, type ChartSpec, uplotCharts } from '../charts/chartEngine'
import '../charts/charts.css'
import type { Theme } from '../view/viewState'
import {
  COMPARE_CHARTS,
  type CompareChartDef,
  RUN_COLORS,
  misaligned,
  overlayData
} from './compareSeries'

export const COMPARE_PLOT_HEIGHT = 160

export interface CompareChartsProps {
  runs: { id: string; name: string }[]
  /** each run's saved KPI series, in run order; null while they load */
  series: RunKpiSeries[] | null
  theme: Theme
  factory?: ChartFactory
}

function color(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback
}

function OverlayChart({
  def,
  runs,
  series,
  theme,
  factory
}: {
  def: CompareChartDef
  runs: CompareChartsProps['runs']
  series: RunKpiSeries[]
  theme: Theme
  factory: ChartFactory
}) {
  const plotRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const target = plotRef.current!
    const spec: ChartSpec = {
      series: runs.map((run, i) => ({
        label: run.name,
        color: color(RUN_COLORS[i] ?? '--series-4', '#7fb6e6'),
        dash: false
      })),
      axisColor: color('--muted', '#9aa5b3'),
      gridColor: color('--chart-grid', '#2a313c'),
      markerColor: color('--text', '#e3e8ef'),
      font: `11px ${getComputedStyle(target).fontFamily || 'sans-serif'}`,
      width: Math.max(target.clientWidth, 200),
      height: COMPARE_PLOT_HEIGHT
    }
    const handle = factory(target, spec)
    handle.setData(overlayData(def, series), null)
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(([entry]) => {
            const width = Math.floor(entry?.contentRect.width ?? 0)
            if (width > 0) handle.setSize(width, COMPARE_PLOT_HEIGHT)
          })
    observer?.observe(target)
    return () => {
      observer?.disconnect()
      handle.destroy()
      target.replaceChildren()
    }
  }, [def, runs, series, theme, factory])

  return (
    <figure className="chart compare-chart" data-testid={`chart-${def.id}`}>
      <figcaption className="chart__caption">
        <span className="chart__title">
          {def.title} <span className="chart__unit">({def.unit})</span>
        </span>
        <ul className="chart__legend" aria-label={`${def.title}: runs`}>
          {runs.map((run, i) => (
            <li key={run.id} className="chart__key">
              <span
                className={`chart__swatch chart__swatch${RUN_COLORS[i] ?? '--series-4'}`}
                aria-hidden="true"
              />
              {i + 1}. {run.name}
            </li>
          ))}
        </ul>
      </figcaption>
      <div
        ref={plotRef}
        className="chart__plot compare-chart__plot"
        role="img"
        aria-label={`${def.title} in ${def.unit} over simulated time, one line per run`}
      />
    </figure>
  )
}

/** The runs' KPIs over simulated time, overlaid: one uPlot chart per KPI, one line per run. */
export function CompareCharts({ runs, series, theme, factory = uplotCharts }: CompareChartsProps) {
  return (
    <section className="compare-charts" aria-label="Charts overlaid">
      <h3 className="compare-section__title">Over time</h3>
      {series === null ? (
        <p className="dialog-empty">Loading the runs’ KPIs…</p>
      ) : (
        <>
          {misaligned(series) && (
            <p className="dialog-empty">
              These runs saved frames at different times: their lines show gaps where the other runs
              have a point.
            </p>
          )}
          <div className="compare-charts__grid">
            {COMPARE_CHARTS.map((def) => (
              <OverlayChart
                key={def.id}
                def={def}
                runs={runs}
                series={series}
                theme={theme}
                factory={factory}
              />
            ))}
          </div>
        </>
      )}
    </section>
  )
}
