import type { RunEvent } from '../../../shared/api'
import { kindLabel, tone } from '../timeline/eventKinds'
import { formatSimSeconds } from './kpiFormat'

/**
 * The run's faults, recoveries and SLO breaches, newest first so the latest is always in view
 * without scrolling.
 */
export function EventLog({
  events,
  emptyText = 'No faults or SLO breaches so far'
}: {
  events: readonly RunEvent[]
  /** what an empty log says (a replayed run with none at all says so) */
  emptyText?: string
}) {
  return (
    <section className="panel event-log" aria-label="Run events">
      <h2 className="panel__title">
        Events
        {events.length > 0 && <span className="panel__note">{events.length}</span>}
      </h2>
      {events.length === 0 ? (
        <p className="event-log__empty">{emptyText}</p>
      ) : (
        <ol className="event-log__list">
          {events
            .map((event, i) => ({ event, i }))
            .reverse()
            .map(({ event, i }) => (
              <li
                key={i}
                className={`event event--${tone(event.kind)}`}
                title={`${event.target}: ${event.message}`}
              >
                <span className="event__time">{formatSimSeconds(event.atS)} s</span>
                <span className="event__kind">{kindLabel(event.kind)}</span>
                <span className="event__target">{event.target}</span>
                <span className="event__message">{event.message}</span>
              </li>
            ))}
        </ol>
      )}
    </section>
  )
}
