import type { RunStatus, SystemSummary } from '../../../shared/api'
import type { Note, Problem } from '../session/feedback'

interface Props {
  problem: Problem | null
  onDismiss(): void
  /** a short confirmation of something done (an export, a delete) */
  note?: Note | null
  onDismissNote?(): void
  run: RunStatus | null
  /** the system the run (or the replay) is on, when it has no part-level topology to draw */
  undrawnSystem: (SystemSummary & { what: 'run' | 'replay' }) | null
}

/**
 * Messages over the top of the hall: a refused command, a failed run, a confirmation, and the
 * note that the system being simulated has no hall to draw. The hall and the panels stay
 * usable beneath.
 */
export function Notices(props: Props) {
  const { problem, onDismiss, note, onDismissNote, run, undrawnSystem } = props
  const failed = run?.state === 'failed'
  if (!problem && !failed && !undrawnSystem && !note) return null
  return (
    <div className="notices">
      {problem && (
        <div className="notice notice--error" role="alert">
          <div className="notice__body">
            <strong>{problem.title}</strong>
            <span className="notice__message">{problem.message}</span>
            {problem.code && <span className="notice__code">error code: {problem.code}</span>}
          </div>
          <button
            type="button"
            className="notice__dismiss"
            aria-label="Dismiss this message"
            onClick={onDismiss}
          >
            ×
          </button>
        </div>
      )}
      {failed && (
        <div className="notice notice--error" role="alert">
          <div className="notice__body">
            <strong>The run failed</strong>
            <span className="notice__message">{run.error ?? 'no reason given'}</span>
          </div>
        </div>
      )}
      {note && (
        <div className="notice notice--done" role="status" data-testid="note">
          <div className="notice__body">
            <span className="notice__message">{note.text}</span>
          </div>
          {onDismissNote && (
            <button
              type="button"
              className="notice__dismiss"
              aria-label="Dismiss this confirmation"
              onClick={onDismissNote}
            >
              ×
            </button>
          )}
        </div>
      )}
      {undrawnSystem && (
        <div className="notice" role="status">
          <div className="notice__body">
            <span className="notice__message">
              This {undrawnSystem.what} simulates {undrawnSystem.name}, which has no part-level
              topology in the twin yet: the 3D view has no hall to show. The KPIs and events are the{' '}
              {undrawnSystem.what}&apos;s.
            </span>
          </div>
        </div>
      )}
    </div>
  )
}
