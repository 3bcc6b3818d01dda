import type { ReactNode } from 'react'
import type { RunEvent, RunOverview } from '../../../shared/api'
import { STRIP_VIEWBOX, eventMarkers, overviewPath } from './markers'

interface MarkersProps {
  events: readonly RunEvent[]
  endS: number
  /** in a replay a marker seeks to its event; live, markers only tell */
  onSeek?: (atS: number) => void
}

/**
 * The run's faults, recoveries and SLO breaches as ticks along the track. Each is reachable
 * with Tab and shows its tooltip on focus as on hover; in a replay, Enter (or a click) seeks
 * to it.
 */
function EventMarkers({ events, endS, onSeek }: MarkersProps) {
  const markers = eventMarkers(events, endS)
  if (markers.length === 0) return null
  return (
    <ol className="markers" aria-label="Events on the timeline">
      {markers.map((marker) => (
        <li
          key={marker.key}
          className={`marker-slot${marker.leftPct > 70 ? ' marker-slot--end' : ''}`}
          style={{ left: `${marker.leftPct}%` }}
        >
          {onSeek ? (
            <button
              type="button"
              className={`marker marker--${marker.tone}`}
              aria-label={`Seek to ${marker.text}`}
              onClick={() => onSeek(marker.atS)}
            />
          ) : (
            <span
              className={`marker marker--${marker.tone}`}
              role="img"
              tabIndex={0}
              aria-label={marker.text}
            />
          )}
          <span className="marker__tip" aria-hidden="true">
            {marker.text}
          </span>
        </li>
      ))}
    </ol>
  )
}

/** The replayed run at a glance behind its track: mean die compute over time. */
function OverviewStrip({ overview, endS }: { overview: RunOverview; endS: number }) {
  const path = overviewPath(overview, endS)
  if (!path) return null
  return (
    <svg
      className="overview-strip"
      data-testid="overview-strip"
      viewBox={`0 0 ${STRIP_VIEWBOX.width} ${STRIP_VIEWBOX.height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label="Mean die compute utilization over the run"
    >
      <path d={path} />
    </svg>
  )
}

interface TrackProps extends MarkersProps {
  overview?: RunOverview | null
  /** the bar itself: the live run's progress or the replay's slider */
  children: ReactNode
}

/** One track for live and replay: markers over the bar, the overview strip behind it. */
export function TimelineTrack({ events, endS, onSeek, overview, children }: TrackProps) {
  return (
    <div className="track">
      <div className="track__bar">
        {overview && <OverviewStrip overview={overview} endS={endS} />}
        {children}
      </div>
      <EventMarkers events={events} endS={endS} onSeek={onSeek} />
    </div>
  )
}
