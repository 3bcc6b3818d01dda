import type { RunEvent, RunOverview } from '../../../shared/api'
import { formatSimSeconds } from '../ui/kpiFormat'
import { type EventTone, kindLabel, tone } from './eventKinds'

export interface Marker {
  key: string
  atS: number
  /** where on the track, 0..100 */
  leftPct: number
  tone: EventTone
  /** what a tooltip and a screen reader say */
  text: string
}

const clampPct = (value: number): number => Math.min(Math.max(value, 0), 100)

/** The run's events as ticks on a track spanning 0..endS (events past the end sit at the end). */
export function eventMarkers(events: readonly RunEvent[], endS: number): Marker[] {
  const span = endS > 0 ? endS : 1
  return events.map((event, i) => ({
    key: `${i}:${event.atS}:${event.kind}`,
    atS: event.atS,
    leftPct: clampPct((event.atS / span) * 100),
    tone: tone(event.kind),
    text: `${formatSimSeconds(event.atS)} s · ${kindLabel(event.kind)} · ${event.target}: ${event.message}`
  }))
}

/** the strip's drawing box: x in percent of the run, y in tenths of a percent of height */
export const STRIP_VIEWBOX = { width: 100, height: 20 }

/**
 * The overview strip's area: mean die compute (0..1) over the run, as an SVG path in
 * STRIP_VIEWBOX (stretched to the track). Each overview point closes an interval, so the
 * area steps at the points' times. Null when there is nothing to draw.
 */
export function overviewPath(overview: RunOverview | null, endS: number): string | null {
  if (!overview || overview.timesS.length === 0 || !(endS > 0)) return null
  const { width, height } = STRIP_VIEWBOX
  const x = (timeS: number): number => round((clampPct((timeS / endS) * 100) / 100) * width)
  const y = (value: number): number =>
    round(height - Math.min(Math.max(Number.isFinite(value) ? value : 0, 0), 1) * height)
  let path = `M0 ${height}`
  let fromX = 0
  overview.timesS.forEach((timeS, i) => {
    const level = y(overview.dieCompute[i] ?? 0)
    path += ` L${fromX} ${level} L${x(timeS)} ${level}`
    fromX = x(timeS)
  })
  return `${path} L${fromX} ${height} Z`
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
