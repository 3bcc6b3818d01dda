import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { ChartHandle, ChartSpec } from './chartEngine'
import { formatAxis } from './series'

/** y always starts at zero (a throughput or a latency read against nothing is misleading) */
function yRange(_u: uPlot, _min: number | null, max: number | null): uPlot.Range.MinMax {
  if (max === null || !Number.isFinite(max) || max <= 0) return [0, 1]
  return [0, max * 1.08]
}

/**
 * A uPlot line chart behind the app's ChartHandle. uPlot draws on canvas and positions its
 * parts through element.style (CSSOM), which the page's CSP allows; it injects no <style>.
 */
export function createUPlotChart(target: HTMLElement, spec: ChartSpec): ChartHandle {
  let marker: number | null = null
  let xRange: [number, number] | null = null
  const axis = (size: number): uPlot.Axis => ({
    stroke: spec.axisColor,
    font: spec.font,
    size,
    gap: 3,
    grid: { stroke: spec.gridColor, width: 1 },
    ticks: { stroke: spec.gridColor, width: 1, size: 4 },
    values: (_u, splits) => splits.map(formatAxis)
  })
  const options: uPlot.Options = {
    width: spec.width,
    height: spec.height,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: {
        time: false,
        range: (_u, min, max) => xRange ?? (min === max ? [min - 1, max + 1] : [min, max])
      },
      y: { range: yRange }
    },
    axes: [axis(24), axis(40)],
    series: [
      {},
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: s.dash ? 1 : 1.5,
        dash: s.dash ? [5, 4] : undefined,
        points: { show: false }
      }))
    ],
    hooks: {
      draw: [
        (u) => {
          if (marker === null) return
          const x = u.valToPos(marker, 'x', true)
          const { top, height } = u.bbox
          const ctx = u.ctx
          ctx.save()
          ctx.strokeStyle = spec.markerColor
          ctx.lineWidth = 2 * devicePixelRatio
          ctx.beginPath()
          ctx.moveTo(x, top)
          ctx.lineTo(x, top + height)
          ctx.stroke()
          ctx.restore()
        }
      ]
    }
  }
  const empty: uPlot.AlignedData = [[], ...spec.series.map(() => [])]
  const plot = new uPlot(options, empty, target)
  return {
    setData(data, range) {
      xRange = range
      plot.setData(data as uPlot.AlignedData, true)
    },
    setMarker(x) {
      marker = x
      plot.redraw(false, false)
    },
    setSize(width, height) {
      plot.setSize({ width, height })
    },
    destroy() {
      plot.destroy()
    }
  }
}
