import type { RunEvent } from '../../../shared/api'
import { formatSimSeconds } from './kpiFormat'

const KIND_LABELS: Record<RunEvent['kind'], string> = {
  'die-failure': 'die failed',
  'npu-failure': 'NPU failed',
  'link-degradation': 'link degraded',
  'subplane-degradation': 'sub-plane degraded',
  'slow-chip': 'slow chip',
  recovered: 'recovered',
  'slo-breach': 'SLO breach',
  'slo-met': 'SLO met again'
}

/** how an entry reads at a glance: something broke, something got better, or a warning */
function tone(kind: RunEvent['kind']): 'bad' | 'good' | 'warn' {
  if (kind === 'recovered' || kind === 'slo-met') return 'good'
  if (kind === 'slo-breach' || kind === 'slow-chip' || kind.endsWith('degradation')) return 'warn'
  return 'bad'
}

/**
 * The run's faults, recoveries and SLO breaches, newest first so the latest is always in view
 * without scrolling.
 */
export function EventLog({ events }: { events: readonly RunEvent[] }) {
  return (
    <section className="panel event-log" aria-label="Run events">
      <h2 className="panel__title">
        Events
        {events.length > 0 && <span className="panel__note">{events.length}</span>}
      </h2>
      {events.length === 0 ? (
        <p className="event-log__empty">No faults or SLO breaches so far</p>
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
                <span className="event__kind">{KIND_LABELS[event.kind] ?? event.kind}</span>
                <span className="event__target">{event.target}</span>
                <span className="event__message">{event.message}</span>
              </li>
            ))}
        </ol>
      )}
    </section>
  )
}
