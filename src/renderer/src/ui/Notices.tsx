import type { RunStatus, SystemSummary } from '../../../shared/api'
import type { Problem } from '../session/useTwinSession'

interface Props {
  problem: Problem | null
  onDismiss(): void
  run: RunStatus | null
  /** the system the run is on, when the hall cannot draw it */
  undrawnSystem: SystemSummary | null
  hallName: string
}

/**
 * Messages over the top of the hall: a refused command, a failed run, and the note that the
 * 3D view is not the system being simulated. The hall and the panels stay usable beneath.
 */
export function Notices({ problem, onDismiss, run, undrawnSystem, hallName }: Props) {
  const failed = run?.state === 'failed'
  if (!problem && !failed && !undrawnSystem) return null
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
      {undrawnSystem && (
        <div className="notice" role="status">
          <div className="notice__body">
            <span className="notice__message">
              This run simulates {undrawnSystem.name}. The 3D view shows {hallName} only for now;
              the KPIs and events are the run&apos;s.
            </span>
          </div>
        </div>
      )}
    </div>
  )
}
