import type { RunKpiSeries } from '../../../shared/api'
import type { KpiName } from '../../../shared/frame'
import type { ChartColor, ChartData } from '../charts/series'

/** A chart of the compare view: one KPI, one line per run. */
export interface CompareChartDef {
  id: string
  title: string
  unit: string
  kpi: KpiName
  /** multiplies the saved value (none: as saved) */
  scale?: number
}

export const COMPARE_CHARTS: CompareChartDef[] = [
  { id: 'compare-throughput', title: 'Output tokens/s', unit: 'tok/s', kpi: 'outputTokensPerS' },
  { id: 'compare-tpot', title: 'TPOT p99', unit: 'ms', kpi: 'tpotP99Ms' },
  { id: 'compare-power', title: 'Power', unit: 'kW', kpi: 'powerKW' }
]

export const COMPARE_KPIS: KpiName[] = COMPARE_CHARTS.map((c) => c.kpi)

/** the colour of each run's line, in run order */
export const RUN_COLORS: ChartColor[] = ['--series-1', '--series-2', '--series-3']

/**
 * One chart's aligned columns from the runs' saved series: x is every time any run saved a
 * frame at (runs of one comparison share them), then one column per run, null where that run
 * has no value there (no frame at that time, or NaN: nothing finished in that window).
 */
export function overlayData(def: CompareChartDef, runs: readonly RunKpiSeries[]): ChartData {
  const times = [...new Set(runs.flatMap((r) => r.timesS))].sort((a, b) => a - b)
  const columns = runs.map((run) => {
    const values = run.kpis[def.kpi]
    const at = new Map<number, number>()
    run.timesS.forEach((t, i) => {
      const v = values?.[i]
      if (v !== undefined && Number.isFinite(v)) at.set(t, v * (def.scale ?? 1))
    })
    return times.map((t) => at.get(t) ?? null)
  })
  return [times, ...columns]
}

/** whether the runs were sampled at different times (their lines then show gaps) */
export function misaligned(runs: readonly RunKpiSeries[]): boolean {
  const [first, ...rest] = runs
  if (!first) return false
  return rest.some(
    (r) => r.timesS.length !== first.timesS.length || r.timesS.some((t, i) => t !== first.timesS[i])
  )
}
