import './present.css'
import { useCallback, useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { type ListedTour, type TwinApi, call } from '../../../shared/api'
import { type KpiName, kpi } from '../../../shared/frame'
import type { Perform } from '../session/feedback'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { useLatestFrame } from '../telemetry/useSampled'
import { twinStats } from '../twinStats'
import { MISSING } from '../ui/kpiFormat'
import { ariaKeyShortcuts } from '../ui/shortcuts'
import { useNamedShortcuts } from '../ui/useShortcuts'
import type { ViewState } from '../view/viewState'
import {
  DEFAULT_DWELL_S,
  TOUR_KPIS,
  applyStep,
  kpiCallout,
  stepFromView,
  withStep
} from './tourPlayer'

export interface PresenterProps {
  api: TwinApi
  view: ViewState
  telemetry: TelemetryStore
  /** present mode is on (the app owns this, so its P shortcut can turn it on) */
  active: boolean
  onActiveChange(active: boolean): void
  /** the saved run in view (replayed, or live and being saved): tours are saved with it */
  runInView: string | null
  /** where the replay in view is, seconds; null when none is open */
  replayTimeS: number | null
  /** opens a saved run's replay paused at `atS`; rejects when it cannot */
  showReplay(runId: string, atS: number): Promise<void>
  /** the app's feedback: saving and deleting tours report through it */
  perform: Perform
}

const tourKey = (t: ListedTour): string => `${t.runId ?? 'built-in'}/${t.tour.name}`

/** the built-in tours and the run's; an error in words instead of a rejection */
async function listTours(
  api: TwinApi,
  runId: string | null
): Promise<{ tours: ListedTour[]; error: string | null }> {
  try {
    return { tours: await call(api, 'tours.list', runId ? { runId } : {}), error: null }
  } catch (error) {
    return { tours: [], error: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * Present mode's controls in the top bar (Present, and the Tours menu where tours are picked,
 * made from the current view and deleted) and, while presenting, the full-screen overlay.
 */
export function Presenter(props: PresenterProps) {
  const { api, runInView, active, onActiveChange, perform } = props
  const [tours, setTours] = useState<ListedTour[] | null>(null)
  const [picked, setPicked] = useState<string | null>(null)
  const [menuOpen, setMenuOpen] = useState(false)
  const [loadError, setLoadError] = useState<string | null>(null)

  const show = useCallback((listed: { tours: ListedTour[]; error: string | null }) => {
    setTours(listed.tours)
    setLoadError(listed.error)
  }, [])
  const load = useCallback(
    async () => show(await listTours(api, runInView)),
    [api, runInView, show]
  )

  // the list is read when it is needed (menu or present mode), and again for another run
  useEffect(() => {
    if (!menuOpen && !active) return
    let cancelled = false
    void listTours(api, runInView).then((listed) => {
      if (!cancelled) show(listed)
    })
    return () => {
      cancelled = true
    }
  }, [menuOpen, active, api, runInView, show])

  const current = tours?.find((t) => tourKey(t) === picked) ?? tours?.[0] ?? null

  return (
    <>
      <button
        type="button"
        className="view-control__button present-button"
        aria-keyshortcuts={ariaKeyShortcuts('present')}
        title="Present a guided tour, full screen (P)"
        onClick={() => onActiveChange(true)}
      >
        Present
      </button>
      <button
        type="button"
        className="view-control__button"
        aria-expanded={menuOpen}
        aria-controls="tour-menu"
        title="Tours: pick one to present, or add the current view as a step"
        onClick={() => setMenuOpen((open) => !open)}
      >
        Tours
      </button>
      {menuOpen && (
        <TourMenu
          {...props}
          tours={tours}
          current={current}
          loadError={loadError}
          onPick={setPicked}
          onClose={() => setMenuOpen(false)}
          save={async (tour) => {
            if (!runInView) return
            await perform('Could not save the tour', async () => {
              const saved = await call(api, 'tours.save', { runId: runInView, tour })
              await load()
              setPicked(tourKey(saved))
              return `Saved the step in “${saved.tour.name}” (${saved.tour.steps.length} steps)`
            })
          }}
          remove={async (t) => {
            if (!t.runId) return
            await perform('Could not delete the tour', async () => {
              await call(api, 'tours.delete', { runId: t.runId!, name: t.tour.name })
              setPicked(null)
              await load()
              return `Deleted the tour “${t.tour.name}”`
            })
          }}
        />
      )}
      {active &&
        createPortal(
          <PresentOverlay
            {...props}
            tour={current}
            loading={tours === null}
            loadError={loadError}
            onExit={() => onActiveChange(false)}
          />,
          document.body
        )}
    </>
  )
}

function TourMenu({
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
}: PresenterProps & {
  tours: ListedTour[] | null
  current: ListedTour | null
  loadError: string | null
  onPick(key: string): void
  onClose(): void
  save(tour: ListedTour['tour']): Promise<void>
  remove(tour: ListedTour): Promise<void>
}) {
  const [caption, setCaption] = useState('')
  const [kpiName, setKpiName] = useState<KpiName>('outputTokensPerS')
  const editable = current && !current.builtIn && current.runId === runInView ? current : null
  // the tour steps are added to: the one picked when it is this run's, unless typed
  const [typedName, setName] = useState<string | null>(null)
  const name = typedName ?? editable?.tour.name ?? 'My tour'

  const addStep = (): void => {
    const existing = tours?.find(
      (t) => !t.builtIn && t.runId === runInView && t.tour.name === name.trim()
    )
    const step = stepFromView(view, {
      caption,
      kpi: kpiName,
      runId: runInView,
      timeS: replayTimeS ?? telemetry.latest?.simTimeS ?? null
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
          value={current ? `${current.runId ?? 'built-in'}/${current.tour.name}` : ''}
          onChange={(event) => onPick(event.target.value)}
          disabled={!tours || tours.length === 0}
        >
          {(tours ?? []).map((t) => (
            <option
              key={`${t.runId ?? 'built-in'}/${t.tour.name}`}
              value={`${t.runId ?? 'built-in'}/${t.tour.name}`}
            >
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
        <button type="button" onClick={addStep}>
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

function PresentOverlay({
  view,
  telemetry,
  showReplay,
  tour: listed,
  loading,
  loadError,
  onExit
}: PresenterProps & {
  tour: ListedTour | null
  loading: boolean
  loadError: string | null
  onExit(): void
}) {
  const tour = listed?.tour ?? null
  const steps = tour?.steps.length ?? 0
  const [index, setIndex] = useState(0)
  const [auto, setAuto] = useState(false)
  // a step's problem (its run cannot be shown), for that step only
  const [problem, setProblem] = useState<{ index: number; text: string | null } | null>(null)
  const message = problem?.index === index ? problem.text : null
  const rootRef = useRef<HTMLDivElement>(null)
  const step = tour?.steps[Math.min(index, steps - 1)] ?? null
  const last = index >= steps - 1

  const next = (): void => {
    if (last) setAuto(false)
    else setIndex(index + 1)
  }
  const previous = (): void => setIndex(Math.max(0, index - 1))
  useNamedShortcuts(
    {
      presentNext: next,
      presentPrevious: previous,
      presentAuto: () => setAuto((on) => !on && !last),
      presentExit: onExit
    },
    { exclusive: true }
  )

  const onExitRef = useRef(onExit)
  useEffect(() => {
    onExitRef.current = onExit
  })

  // chrome hidden, full screen where the browser allows it; Esc that leaves full screen (the
  // browser's own) leaves present mode too
  useEffect(() => {
    const root = document.documentElement
    root.dataset.presenting = 'true'
    rootRef.current?.focus()
    let entered = false
    const onChange = (): void => {
      if (document.fullscreenElement) entered = true
      else if (entered) onExitRef.current()
    }
    document.addEventListener('fullscreenchange', onChange)
    if (typeof root.requestFullscreen === 'function' && !document.fullscreenElement) {
      root.requestFullscreen().catch(() => {
        // refused (no user gesture, a test, a kiosk): presenting in the window is fine
      })
    }
    return () => {
      document.removeEventListener('fullscreenchange', onChange)
      delete root.dataset.presenting
      if (document.fullscreenElement && typeof document.exitFullscreen === 'function') {
        document.exitFullscreen().catch(() => {})
      }
      twinStats().present = { active: false, step: 0, steps: 0 }
    }
  }, [])
  // each step, once, as it comes
  useEffect(() => {
    twinStats().present = { active: true, step: index, steps }
    if (!step) return
    let cancelled = false
    void applyStep(step, { view, showReplay }).then((text) => {
      if (!cancelled) setProblem({ index, text })
    })
    return () => {
      cancelled = true
    }
    // showReplay and view are the app's, stable for a step
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, index, steps])

  useEffect(() => {
    if (!auto || !step) return
    const timer = setTimeout(next, (step.dwellS ?? DEFAULT_DWELL_S) * 1000)
    return () => clearTimeout(timer)
  })

  return (
    <div
      ref={rootRef}
      className="present"
      role="region"
      aria-label="Present mode"
      tabIndex={-1}
      data-testid="present"
    >
      {step ? (
        <>
          <KpiCallout telemetry={telemetry} name={step.kpi as KpiName} />
          <div className="present__card">
            <p className="present__progress">
              {tour!.name} · step {index + 1} of {steps}
              {last ? ' · end of the tour (Esc leaves)' : ''}
            </p>
            <p className="present__caption" data-testid="present-caption">
              {step.caption}
            </p>
            {message && (
              <p className="present__message" role="alert">
                {message}
              </p>
            )}
          </div>
        </>
      ) : (
        <div className="present__card">
          <p className="present__caption" role={loadError ? 'alert' : undefined}>
            {loading
              ? 'Loading the tours…'
              : loadError
                ? `Could not list the tours: ${loadError}`
                : 'No tour to present.'}
          </p>
        </div>
      )}
      <div className="present__controls" role="group" aria-label="Tour controls">
        <button
          type="button"
          onClick={previous}
          disabled={index === 0}
          aria-keyshortcuts="ArrowLeft"
        >
          ← Previous
        </button>
        <button
          type="button"
          onClick={() => setAuto((on) => !on && !last)}
          aria-pressed={auto}
          aria-keyshortcuts="A"
        >
          {auto ? 'Stop' : 'Play'}
        </button>
        <button type="button" onClick={next} disabled={last} aria-keyshortcuts="ArrowRight Space">
          Next →
        </button>
        <button type="button" onClick={onExit} aria-keyshortcuts="Escape">
          Leave (Esc)
        </button>
      </div>
    </div>
  )
}

function KpiCallout({ telemetry, name }: { telemetry: TelemetryStore; name: KpiName }) {
  const frame = useLatestFrame(telemetry)
  const { label, unit, format } = kpiCallout(name)
  const value = frame ? kpi(frame, name) : NaN
  const text = Number.isFinite(value) ? format(value) : MISSING
  return (
    <div className="present__kpi" data-testid="present-kpi" data-kpi={name}>
      <span className="present__kpi-label">{label}</span>
      <span className="present__kpi-value">
        {text}
        {text !== MISSING && unit ? <span className="present__kpi-unit"> {unit}</span> : null}
      </span>
    </div>
  )
}
