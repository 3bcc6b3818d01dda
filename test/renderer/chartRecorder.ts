import type {
  ChartFactory,
  ChartHandle,
  ChartSpec
} from '../../src/renderer/src/charts/chartEngine'
import type { ChartData } from '../../src/renderer/src/charts/series'

/** what one chart was told, as the app told it (jsdom has no canvas to draw on) */
export interface RecordedChart {
  id: string
  spec: ChartSpec
  data: ChartData | null
  xRange: [number, number] | null
  marker: number | null
  setDataCalls: number
  destroyed: boolean
}

/**
 * A ChartFactory that draws nothing and records what each chart receives, by the chart's id
 * (its figure's data-testid, "chart-<id>"). Remade charts (a theme change) replace the old.
 */
export function recordingCharts() {
  const charts = new Map<string, RecordedChart>()
  const made: RecordedChart[] = []
  const factory: ChartFactory = (target, spec): ChartHandle => {
    const figure = target.closest('[data-testid^="chart-"]')
    const id = figure?.getAttribute('data-testid')?.slice('chart-'.length) ?? '?'
    const chart: RecordedChart = {
      id,
      spec,
      data: null,
      xRange: null,
      marker: null,
      setDataCalls: 0,
      destroyed: false
    }
    charts.set(id, chart)
    made.push(chart)
    return {
      setData(data, xRange) {
        chart.data = data
        chart.xRange = xRange
        chart.setDataCalls++
      },
      setMarker(x) {
        chart.marker = x
      },
      setSize() {},
      destroy() {
        chart.destroyed = true
      }
    }
  }
  return {
    factory,
    /** the newest chart of this id */
    chart(id: string): RecordedChart {
      const chart = charts.get(id)
      if (!chart) throw new Error(`no chart '${id}' was made`)
      return chart
    },
    made
  }
}
