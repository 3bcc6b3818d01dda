import { useState } from 'react'
import type { ListedTour } from '../../../shared/api'
import type { KpiName } from '../../../shared/frame'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import type { ViewState } from '../view/viewState'
import { tourKey } from './tourList'
import {
  DEFAULT_DWELL_S,
  TOUR_KPIS,
  kpiCallout,
  parseDwell,
  stepFromView,
  withStep
} from './tourPlayer'

export interface TourMenuProps {
  view: ViewState
  telemetry: TelemetryStore
  /** the saved run in view: steps are saved with it, and only its tours can be edited */
  runInView: string | null
  /** where the replay in view is, seconds; null when none is open */
  replayTimeS: number | null
  /** the tours listed (null while loading) and the one present mode would play */
  tours: ListedTour[] | null
  current: ListedTour | null
  loadError: string | null
  onPick(key: string): void
  onClose(): void
  save(tour: ListedTour['tour']): Promise<void>
  remove(tour: ListedTour): Promise<void>
}

/**
 * The Tours menu: picks the tour to present, adds the current view (camera, metric, KPI, run
 * and time) as a step of a tour saved with the run in view, and deletes that run's tours.
 */
export function TourMenu({
  view,
  telemetry,
  runInView,
  replayTimeS,
  tours,
  current,
  loadError,
  onPick,
  onClose,
  save,
  remove
}: TourMenuProps) {
  const [caption, setCaption] = useState('')
  const [kpiName, setKpiName] = useState<KpiName>('outputTokensPerS')
  const [dwellText, setDwellText] = useState('')
  const dwell = parseDwell(dwellText)
  const editable = current && !current.builtIn && current.runId === runInView ? current : null
  // the tour steps are added to: the one picked when it is this run's, unless typed
  const [typedName, setName] = useState<string | null>(null)
  const name = typedName ?? editable?.tour.name ?? 'My tour'

  const addStep = (): void => {
    if ('error' in dwell) return
    const existing = tours?.find(
      (t) => !t.builtIn && t.runId === runInView && t.tour.name === name.trim()
    )
    const step = stepFromView(view, {
      caption,
      kpi: kpiName,
      runId: runInView,
      timeS: replayTimeS ?? telemetry.latest?.simTimeS ?? null,
      dwellS: dwell.dwellS
    })
    void save(withStep(existing?.tour ?? null, name.trim() || 'My tour', step)).then(() =>
      setCaption('')
    )
  }

  return (
    <div
      id="tour-menu"
      className="tour-menu"
      role="dialog"
      aria-label="Tours"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onClose()
        }
      }}
    >
      <label className="tour-menu__field">
        Tour to present
        <select
          value={current ? tourKey(current) : ''}
          onChange={(event) => onPick(event.target.value)}
          disabled={!tours || tours.length === 0}
        >
          {(tours ?? []).map((t) => (
            <option key={tourKey(t)} value={tourKey(t)}>
              {t.tour.name} ({t.builtIn ? 'built in' : 'saved with this run'}, {t.tour.steps.length}{' '}
              steps)
            </option>
          ))}
        </select>
      </label>
      {loadError && (
        <p className="tour-menu__error" role="alert">
          Could not list the tours: {loadError}
        </p>
      )}
      <fieldset className="tour-menu__add" disabled={!runInView}>
        <legend>Add the current view as a step</legend>
        {!runInView && (
          <p className="tour-menu__hint">
            Tours are saved with a run: replay a saved run (or run one with saving on) first.
          </p>
        )}
        <label className="tour-menu__field">
          Tour name
          <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="tour-menu__field">
          Caption
          <textarea
            value={caption}
            maxLength={2000}
            rows={3}
            onChange={(e) => setCaption(e.target.value)}
          />
        </label>
        <label className="tour-menu__field">
          KPI called out
          <select value={kpiName} onChange={(e) => setKpiName(e.target.value as KpiName)}>
            {TOUR_KPIS.map((k) => (
              <option key={k} value={k}>
                {kpiCallout(k).label}
              </option>
            ))}
          </select>
        </label>
        <label className="tour-menu__field">
          Seconds on screen (playing by itself and in the video)
          <input
            type="text"
            inputMode="decimal"
            placeholder={String(DEFAULT_DWELL_S)}
            value={dwellText}
            aria-invalid={'error' in dwell ? true : undefined}
            aria-describedby={'error' in dwell ? 'tour-dwell-error' : undefined}
            onChange={(e) => setDwellText(e.target.value)}
          />
        </label>
        {'error' in dwell && (
          <p className="field-error" id="tour-dwell-error">
            {dwell.error}
          </p>
        )}
        <button type="button" onClick={addStep} disabled={'error' in dwell}>
          Add the current view as a step
        </button>
      </fieldset>
      {editable && (
        <button type="button" className="tour-menu__delete" onClick={() => void remove(editable)}>
          Delete “{editable.tour.name}”
        </button>
      )}
      <button type="button" className="tour-menu__close" onClick={onClose}>
        Close
      </button>
    </div>
  )
}
