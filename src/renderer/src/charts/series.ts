import type { KpiName } from '../../../shared/frame'
import type { KpiColumns } from '../telemetry/kpiHistory'
import type { Slo } from '../session/slo'

/** The CSS custom properties (styles.css) a chart paints with, so charts follow the theme. */
export type ChartColor = '--series-1' | '--series-2' | '--series-3' | '--series-4' | '--slo'

export interface SeriesDef {
  /** the KPI drawn, or the SLO target as a flat line */
  kpi: KpiName | 'slo'
  label: string
  color: ChartColor
  dash?: boolean
}

export interface ChartDef {
  id: string
  title: string
  unit: string
  series: SeriesDef[]
  /** which SLO target a 'slo' series draws */
  slo?: keyof Slo
}

/**
 * The streaming charts, x = simulated seconds. Latency gets two charts because TTFT (hundreds
 * of ms to seconds) and TPOT (tens of ms) share no useful scale; each draws its SLO target.
 */
export const CHARTS: ChartDef[] = [
  {
    id: 'throughput',
    title: 'Throughput',
    unit: 'tok/s',
    series: [
      { kpi: 'outputTokensPerS', label: 'output', color: '--series-1' },
      { kpi: 'inputTokensPerS', label: 'input', color: '--series-2' }
    ]
  },
  {
    id: 'ttft',
    title: 'Time to first token',
    unit: 'ms',
    slo: 'ttftMs',
    series: [
      { kpi: 'ttftP50Ms', label: 'p50', color: '--series-1' },
      { kpi: 'ttftP99Ms', label: 'p99', color: '--series-3' },
      { kpi: 'slo', label: 'SLO', color: '--slo', dash: true }
    ]
  },
  {
    id: 'tpot',
    title: 'Time per output token',
    unit: 'ms',
    slo: 'tpotMs',
    series: [
      { kpi: 'tpotP50Ms', label: 'p50', color: '--series-1' },
      { kpi: 'tpotP99Ms', label: 'p99', color: '--series-3' },
      { kpi: 'slo', label: 'SLO', color: '--slo', dash: true }
    ]
  },
  {
    id: 'power',
    title: 'Power',
    unit: 'kW',
    series: [{ kpi: 'powerKW', label: 'power', color: '--series-4' }]
  }
]

/** every KPI some chart draws: what a replay asks runs.kpis for */
export const CHART_KPIS: KpiName[] = [
  ...new Set(
    CHARTS.flatMap((chart) => chart.series.map((s) => s.kpi)).filter(
      (kpi): kpi is KpiName => kpi !== 'slo'
    )
  )
]

/** uPlot's aligned columns: x, then one column per series (null: a gap, no value) */
export type ChartData = [number[], ...(number | null)[][]]

/**
 * One chart's columns from KPI columns (the live history's or a saved run's). NaN (no value
 * in that window: no request finished) becomes a gap rather than a zero that would read as
 * "instant"; a KPI the source lacks is all gaps.
 */
export function buildChartData(chart: ChartDef, source: KpiColumns, slo: Slo): ChartData {
  const n = source.timesS.length
  const x = Array.from(source.timesS)
  const columns = chart.series.map((series) => {
    const column = new Array<number | null>(n)
    if (series.kpi === 'slo') return column.fill(chart.slo ? slo[chart.slo] : null)
    const values = source.kpis[series.kpi]
    for (let i = 0; i < n; i++) {
      const value = values?.[i]
      column[i] = value === undefined || !Number.isFinite(value) ? null : value
    }
    return column
  })
  return [x, ...columns]
}

/** whether a chart has anything to draw besides its SLO line */
export function hasValues(chart: ChartDef, data: ChartData): boolean {
  return chart.series.some(
    (series, i) => series.kpi !== 'slo' && data[i + 1]!.some((value) => value !== null)
  )
}

/** axis numbers: short, so a narrow column keeps its plot ("1.2k", "301k", "0.5") */
export function formatAxis(value: number): string {
  const magnitude = Math.abs(value)
  if (magnitude >= 1e6) return `${trim(value / 1e6)}M`
  if (magnitude >= 1e3) return `${trim(value / 1e3)}k`
  return trim(value)
}

function trim(value: number): string {
  return String(Number(value.toFixed(Math.abs(value) >= 10 ? 0 : 1)))
}
