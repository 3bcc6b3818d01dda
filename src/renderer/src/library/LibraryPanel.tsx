import { useEffect, useRef } from 'react'
import type { RunRecord, SystemSummary, TwinApi } from '../../../shared/api'
import type { Perform } from '../session/feedback'
import { RunRow } from './RunRow'
import { useRunLibrary } from './useRunLibrary'

export interface LibraryPanelProps {
  api: TwinApi
  perform: Perform
  systems: SystemSummary[]
  /** the run being replayed, marked in the list */
  replayingId: string | null
  onReplay(run: RunRecord): void
  onRerun(run: RunRecord): void
  /** whether focus moves in on mount (the user opened it), and back where it was on unmount */
  autoFocus?: boolean
}

/**
 * The saved runs, newest first, in the left column under the scenario picker. Opened by the
 * user (L or the column's button), focus moves into the panel and back where it was when it
 * closes, so keyboard users land in the list and return to where they were.
 */
export function LibraryPanel(props: LibraryPanelProps) {
  const { api, perform, systems, replayingId, onReplay, onRerun, autoFocus = false } = props
  const library = useRunLibrary(api, perform)
  const panelRef = useRef<HTMLElement>(null)
  const autoFocusRef = useRef(autoFocus)

  useEffect(() => {
    if (!autoFocusRef.current) return
    const before = document.activeElement
    panelRef.current?.focus()
    return () => {
      if (before instanceof HTMLElement && before !== document.body && before.isConnected) {
        before.focus()
      }
    }
  }, [])

  const systemName = (id: string): string => systems.find((s) => s.id === id)?.name ?? id
  const { runs, error } = library

  return (
    <section ref={panelRef} className="panel library" aria-labelledby="library-title" tabIndex={-1}>
      <div className="library__header">
        <h2 className="library__title">
          <span id="library-title">Run library</span>
          {runs && runs.length > 0 && (
            <span className="panel__note" aria-label={`${runs.length} saved`}>
              {runs.length}
            </span>
          )}
        </h2>
        <button
          type="button"
          className="run-button"
          aria-label="Import runs from .twinrun files"
          onClick={library.importRuns}
        >
          Import…
        </button>
      </div>
      {error !== null ? (
        <p className="library__empty" role="alert">
          The saved runs could not be read: {error}
        </p>
      ) : runs === null ? (
        <p className="library__empty">Loading the saved runs…</p>
      ) : runs.length === 0 ? (
        <p className="library__empty">
          No saved runs yet. Runs you start are saved here automatically, to replay, re-run or
          export later. Runs exported elsewhere come in with Import….
        </p>
      ) : (
        <ul className="library__list" aria-label="Saved runs">
          {runs.map((run) => (
            <RunRow
              key={run.id}
              run={run}
              systemName={systemName(run.system)}
              replaying={run.id === replayingId}
              library={library}
              onReplay={onReplay}
              onRerun={onRerun}
            />
          ))}
        </ul>
      )}
    </section>
  )
}
