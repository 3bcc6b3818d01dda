import './present.css'
import { useCallback, useEffect, useState } from 'react'
import { createPortal } from 'react-dom'
import type { Topology } from '../../../engine/topology/types'
import { type ListedTour, type TwinApi, call } from '../../../shared/api'
import type { Perform } from '../session/feedback'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { ariaKeyShortcuts } from '../ui/shortcuts'
import type { ViewState } from '../view/viewState'
import { PresentOverlay } from './PresentOverlay'
import { TourMenu } from './TourMenu'
import { listTours, tourKey } from './tourList'

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
  /** the hall shown (null: none): a step's rack or node it does not have is said so */
  topology?: Topology | null
}

/**
 * Present mode's controls in the top bar (Present, and the Tours menu where tours are picked,
 * made from the current view and deleted) and, while presenting, the full-screen overlay.
 * The tour list lives here, shared by the menu and the overlay.
 */
export function Presenter(props: PresenterProps) {
  const { api, view, telemetry, runInView, active, onActiveChange, perform } = props
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

  const save = async (tour: ListedTour['tour']): Promise<void> => {
    if (!runInView) return
    await perform('Could not save the tour', async () => {
      const saved = await call(api, 'tours.save', { runId: runInView, tour })
      await load()
      setPicked(tourKey(saved))
      return `Saved the step in “${saved.tour.name}” (${saved.tour.steps.length} steps)`
    })
  }
  const remove = async (t: ListedTour): Promise<void> => {
    if (!t.runId) return
    await perform('Could not delete the tour', async () => {
      await call(api, 'tours.delete', { runId: t.runId!, name: t.tour.name })
      setPicked(null)
      await load()
      return `Deleted the tour “${t.tour.name}”`
    })
  }

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
          view={view}
          telemetry={telemetry}
          runInView={runInView}
          replayTimeS={props.replayTimeS}
          tours={tours}
          current={current}
          loadError={loadError}
          onPick={setPicked}
          onClose={() => setMenuOpen(false)}
          save={save}
          remove={remove}
        />
      )}
      {active &&
        createPortal(
          <PresentOverlay
            view={view}
            telemetry={telemetry}
            showReplay={props.showReplay}
            tour={current}
            loading={tours === null}
            loadError={loadError}
            onExit={() => onActiveChange(false)}
            topology={props.topology ?? null}
          />,
          document.body
        )}
    </>
  )
}
