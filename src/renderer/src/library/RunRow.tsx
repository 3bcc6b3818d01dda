import { useEffect, useRef, useState } from 'react'
import type { RunRecord } from '../../../shared/api'
import { formatCount } from '../ui/kpiFormat'
import { STATUS_LABELS, formatCoverage, formatWhen, headlineKpis, statusTitle } from './format'
import { ConfirmDelete, RenameForm } from './RowEditors'
import type { RunLibrary } from './useRunLibrary'

export interface RunRowProps {
  run: RunRecord
  systemName: string
  /** whether this run is the one being replayed */
  replaying: boolean
  library: RunLibrary
  onReplay(run: RunRecord): void
  onRerun(run: RunRecord): void
}

type Mode = 'view' | 'rename' | 'delete'

function RunKpis({ run }: { run: RunRecord }) {
  if (!run.summary) {
    return (
      <p className="saved-run__no-kpis">
        {run.status === 'running' ? 'Figures when the run ends' : 'No summary was saved'}
      </p>
    )
  }
  return (
    <dl className="saved-run__kpis">
      {headlineKpis(run.summary).map((k) => (
        <div key={k.label} className="saved-run__kpi">
          <dt>{k.label}</dt>
          <dd>
            {k.value} <span className="kpi__unit">{k.unit}</span>
          </dd>
        </div>
      ))}
      {run.summary.window && (
        <div className="saved-run__kpi" title="the figures leave out the run's warm-up">
          <dt>Measured from</dt>
          <dd>
            {formatCount(run.summary.window.fromS)} <span className="kpi__unit">s</span>
          </dd>
        </div>
      )}
    </dl>
  )
}

/** One saved run: what it was, how it did, and what can be done with it. */
export function RunRow({ run, systemName, replaying, library, onReplay, onRerun }: RunRowProps) {
  const [mode, setMode] = useState<Mode>('view')
  const name = `“${run.name}”`

  // back from renaming or confirming, focus returns to the button that started it
  const renameRef = useRef<HTMLButtonElement>(null)
  const deleteRef = useRef<HTMLButtonElement>(null)
  const returnTo = useRef<Mode | null>(null)
  useEffect(() => {
    if (mode !== 'view' || returnTo.current === null) return
    ;(returnTo.current === 'rename' ? renameRef : deleteRef).current?.focus()
    returnTo.current = null
  }, [mode])
  const back = (from: Mode): void => {
    returnTo.current = from
    setMode('view')
  }

  return (
    <li className={`saved-run${replaying ? ' saved-run--replaying' : ''}`} aria-label={run.name}>
      <div className="saved-run__head">
        {mode === 'rename' ? (
          <RenameForm
            name={run.name}
            onSave={(next) => {
              void library.rename(run, next).then((done) => {
                if (done) back('rename')
              })
            }}
            onCancel={() => back('rename')}
          />
        ) : (
          <h3 className="saved-run__name">{run.name}</h3>
        )}
        {replaying && <span className="replay-badge">Replaying</span>}
        <span className={`status-badge status-badge--${run.status}`} title={statusTitle(run)}>
          {STATUS_LABELS[run.status]}
        </span>
      </div>
      <p className="saved-run__meta">
        {systemName} · {run.scenarioName}
      </p>
      <p className="saved-run__meta">
        <time dateTime={run.createdAt}>{formatWhen(run.createdAt)}</time> · {formatCoverage(run)}
        {run.status === 'failed' && run.error ? ` · ${run.error}` : ''}
      </p>
      <RunKpis run={run} />
      {mode === 'delete' ? (
        <ConfirmDelete
          name={run.name}
          onConfirm={() => {
            void library.remove(run).then((done) => {
              if (!done) back('delete')
            })
          }}
          onCancel={() => back('delete')}
        />
      ) : (
        <div className="saved-run__actions">
          <button
            type="button"
            className="run-button run-button--start"
            aria-label={`Replay ${name}`}
            title={run.frameCount === 0 ? 'Nothing saved to replay yet' : undefined}
            disabled={run.frameCount === 0}
            onClick={() => onReplay(run)}
          >
            ▶ Replay
          </button>
          <button
            ref={renameRef}
            type="button"
            className="run-button"
            aria-label={`Rename ${name}`}
            onClick={() => setMode('rename')}
          >
            Rename
          </button>
          <button
            type="button"
            className="run-button"
            aria-label={`Re-run ${name}`}
            title="Run its scenario again, live"
            onClick={() => onRerun(run)}
          >
            Re-run
          </button>
          <button
            type="button"
            className="run-button"
            aria-label={`Export ${name} as a .twinrun file`}
            onClick={() => library.exportRun(run)}
          >
            Export
          </button>
          <button
            type="button"
            className="run-button"
            aria-label={`Export the KPIs of ${name} as CSV`}
            onClick={() => library.exportCsv(run)}
          >
            CSV
          </button>
          <button
            ref={deleteRef}
            type="button"
            className="run-button run-button--danger"
            aria-label={`Delete ${name}`}
            onClick={() => setMode('delete')}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  )
}
