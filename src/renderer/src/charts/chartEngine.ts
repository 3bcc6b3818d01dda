import type { ChartData } from './series'

/** How one chart looks: resolved colours, since a canvas cannot read CSS custom properties. */
export interface ChartSpec {
  series: { label: string; color: string; dash: boolean }[]
  axisColor: string
  gridColor: string
  /** the replay position's line */
  markerColor: string
  font: string
  width: number
  height: number
}

/** What the app asks of a chart; uPlot behind it in the app, a recorder in component tests. */
export interface ChartHandle {
  /** `xRange` fixes the x axis (a replay's whole run); null fits it to the data */
  setData(data: ChartData, xRange: [number, number] | null): void
  /** a vertical line at this x (the replay position), or none */
  setMarker(x: number | null): void
  setSize(width: number, height: number): void
  destroy(): void
}

export type ChartFactory = (target: HTMLElement, spec: ChartSpec) => ChartHandle

/**
 * A handle usable at once whose chart arrives later (the charting library loads in its own
 * chunk): it keeps the newest data, marker and size, and hands them over when the chart is
 * made. If the chart cannot be made, the target says so instead of staying blank.
 */
export function deferredChart(made: Promise<ChartHandle>, target: HTMLElement): ChartHandle {
  let chart: ChartHandle | null = null
  let destroyed = false
  let data: Parameters<ChartHandle['setData']> | null = null
  let marker: number | null = null
  let size: [number, number] | null = null
  made.then(
    (ready) => {
      if (destroyed) {
        ready.destroy()
        return
      }
      chart = ready
      if (size) chart.setSize(...size)
      if (data) chart.setData(...data)
      chart.setMarker(marker)
    },
    (error: unknown) => {
      if (destroyed) return
      target.textContent = `Chart unavailable: ${error instanceof Error ? error.message : String(error)}`
      target.classList.add('chart__plot--failed')
    }
  )
  return {
    setData(...args) {
      data = args
      chart?.setData(...args)
    },
    setMarker(x) {
      marker = x
      chart?.setMarker(x)
    },
    setSize(width, height) {
      size = [width, height]
      chart?.setSize(width, height)
    },
    destroy() {
      destroyed = true
      chart?.destroy()
      chart = null
    }
  }
}

/** uPlot charts, loaded with the first chart made (it is not needed to show the hall) */
export const uplotCharts: ChartFactory = (target, spec) =>
  deferredChart(
    import('./uplotChart').then((m) => m.createUPlotChart(target, spec)),
    target
  )
