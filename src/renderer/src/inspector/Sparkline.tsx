import { formatFigure } from './partFigures'

export interface SparklineProps {
  times: readonly number[]
  values: readonly number[]
  /** the fixed vertical scale (the metric's legend range), so height reads as the colour does */
  min: number
  max: number
  unit: string
  label: string
  width?: number
  height?: number
}

/**
 * SVG path of a series: x by simulated time over the series' span, y on the fixed min..max
 * scale (clamped: a degraded link may run above 100 %). A missing value (NaN) breaks the line.
 * `end` is the newest point, marked with a dot (a single sample draws no line).
 */
export function sparklineGeometry(
  times: readonly number[],
  values: readonly number[],
  min: number,
  max: number,
  width: number,
  height: number
): { d: string; end: [number, number] | null } {
  const t0 = times[0] ?? 0
  const span = (times[times.length - 1] ?? 0) - t0
  const pad = 1.5
  const x = (t: number): number =>
    span > 0 ? pad + ((t - t0) / span) * (width - 2 * pad) : width - pad
  const y = (v: number): number => {
    const f = Math.min(1, Math.max(0, (v - min) / (max - min)))
    return height - pad - f * (height - 2 * pad)
  }
  let d = ''
  let end: [number, number] | null = null
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      end = null
      return
    }
    const point: [number, number] = [round(x(times[i]!)), round(y(v))]
    d += `${end ? 'L' : 'M'}${point[0]} ${point[1]}`
    end = point
  })
  return { d, end }
}

const round = (n: number): number => Math.round(n * 10) / 10

/**
 * A 120x30 line of the recent values. Inline SVG rather than uPlot: at this size uPlot's axes,
 * legend, cursor and padding would all have to be switched off, its canvas would need re-creating
 * to follow the theme and cannot be read in jsdom; an SVG path is one attribute to update, takes
 * its colour from the CSS variables and stays sharp at any pixel ratio.
 */
export function Sparkline(props: SparklineProps) {
  const { times, values, min, max, unit, label, width = 120, height = 30 } = props
  const { d, end } = sparklineGeometry(times, values, min, max, width, height)
  const finite = values.filter(Number.isFinite)
  const spanS = times.length > 1 ? times[times.length - 1]! - times[0]! : 0
  const summary =
    finite.length === 0
      ? `${label}: no data yet`
      : `${label} over the last ${Math.round(spanS)} s: from ${formatFigure(Math.min(...finite), unit)} to ` +
        `${formatFigure(Math.max(...finite), unit)} ${unit}, now ${formatFigure(values[values.length - 1]!, unit)} ${unit}`
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={summary}
      data-testid="inspector-sparkline"
      data-count={values.length}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <title>{summary}</title>
      <rect className="sparkline__frame" x={0.5} y={0.5} width={width - 1} height={height - 1} />
      <path className="sparkline__line" d={d} />
      {end && <circle className="sparkline__end" cx={end[0]} cy={end[1]} r={1.8} />}
    </svg>
  )
}
