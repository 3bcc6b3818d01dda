import { type RefObject, useEffect, useRef } from 'react'
import type { Topology } from '../../../engine/topology/types'
import type { ListedTour } from '../../../shared/api'
import type { KpiName } from '../../../shared/frame'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { useLatestFrame } from '../telemetry/useSampled'
import { twinStats } from '../twinStats'
import { type StepTarget, kpiCalloutText, stepPartProblem } from './tourPlayer'
import { useTourPlayback } from './useTourPlayback'

export interface PresentOverlayProps extends StepTarget {
  telemetry: TelemetryStore
  tour: ListedTour | null
  loading: boolean
  loadError: string | null
  onExit(): void
  /** the hall shown (null: none), to say when a step's rack or node is not in it */
  topology?: Topology | null
}

/**
 * Present mode on screen: chrome hidden, full screen where the browser allows, the step's KPI
 * called out big, its caption, and the controls that the keyboard also drives.
 */
export function PresentOverlay({
  view,
  telemetry,
  showReplay,
  tour: listed,
  loading,
  loadError,
  onExit,
  topology = null
}: PresentOverlayProps) {
  const tour = listed?.tour ?? null
  const rootRef = useRef<HTMLDivElement>(null)
  const { index, step, steps, last, auto, message, next, previous, toggleAuto } = useTourPlayback(
    tour,
    { view, showReplay, onExit }
  )
  usePresentingScreen(rootRef, onExit)
  const problem = message ?? (step ? stepPartProblem(step, topology) : null)

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
            {problem && (
              <p className="present__message" role="alert">
                {problem}
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
        <button type="button" onClick={toggleAuto} aria-pressed={auto} aria-keyshortcuts="A">
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

/**
 * Chrome hidden (html[data-presenting]) and full screen where the browser allows it, for as
 * long as the overlay is mounted. Esc that leaves full screen (the browser's own) leaves
 * present mode too.
 */
function usePresentingScreen(rootRef: RefObject<HTMLDivElement | null>, onExit: () => void): void {
  const onExitRef = useRef(onExit)
  useEffect(() => {
    onExitRef.current = onExit
  })

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
    // once per presentation: onExit is read through its ref, so a new one does not restart it
  }, [rootRef])
}

function KpiCallout({ telemetry, name }: { telemetry: TelemetryStore; name: KpiName }) {
  const { label, text, unit } = kpiCalloutText(useLatestFrame(telemetry), name)
  return (
    <div className="present__kpi" data-testid="present-kpi" data-kpi={name}>
      <span className="present__kpi-label">{label}</span>
      <span className="present__kpi-value">
        {text}
        {unit ? <span className="present__kpi-unit"> {unit}</span> : null}
      </span>
    </div>
  )
}
