import type { Tour, TourStep } from '../../../shared/api'
import { TwinError } from '../../../shared/errors'
import { type KpiName, KPI_NAMES } from '../../../shared/frame'
import { KPI_DETAILS, KPI_TILES } from '../ui/KpiPanel'
import { formatNumber } from '../ui/kpiFormat'
import type { DieMetric } from '../view/dieMetrics'
import type { CameraPreset, PartRef, ViewState } from '../view/viewState'

/** seconds a step stays on screen when the tour plays by itself, unless the step says */
export const DEFAULT_DWELL_S = 8

/** what applying a step needs from the app */
export interface StepTarget {
  view: ViewState
  /** opens a saved run's replay paused at `atS`; rejects when it cannot */
  showReplay(runId: string, atS: number): Promise<void>
}

/**
 * Shows a step: colours the dies by its metric, flies the camera to its waypoint and, when it
 * names a run, opens that run's replay at its time. A run that cannot be opened (deleted since
 * the tour was made) is not an error of the tour: the step holds its view and the message says
 * what is missing, so the presenter goes on. Resolves with that message, or null.
 */
export async function applyStep(step: TourStep, target: StepTarget): Promise<string | null> {
  target.view.setMetric(step.metric as DieMetric)
  target.view.flyTo(step.camera.preset as CameraPreset, step.camera.part as PartRef | null)
  if (step.runId === undefined) return null
  try {
    await target.showReplay(step.runId, step.timeS ?? 0)
    return null
  } catch (error) {
    if (error instanceof TwinError && error.code === 'not-found') {
      return `This step shows the saved run “${step.runId}”, which is no longer in the library: its view is shown without it.`
    }
    const reason = error instanceof Error ? error.message : String(error)
    return `Could not open the saved run “${step.runId}” for this step (${reason}): its view is shown without it.`
  }
}

/** the step the view shows now, for "Add the current view as a step" */
export function stepFromView(
  view: ViewState,
  fields: { caption: string; kpi: KpiName; runId: string | null; timeS: number | null }
): TourStep {
  const { metric, camera } = view.get()
  return {
    camera: { preset: camera.preset, part: camera.part ? { ...camera.part } : null },
    caption: fields.caption.trim() || 'A view of the hall.',
    metric,
    kpi: fields.kpi,
    ...(fields.runId ? { runId: fields.runId } : {}),
    ...(fields.runId && fields.timeS !== null ? { timeS: Math.max(0, fields.timeS) } : {})
  }
}

/** appends a step to a tour, or starts a tour named `name` with it */
export function withStep(tour: Tour | null, name: string, step: TourStep): Tour {
  return tour ? { ...tour, steps: [...tour.steps, step] } : { name, description: '', steps: [step] }
}

/** how a KPI is called out: the dashboard's label and unit when it has one */
export function kpiCallout(name: KpiName): {
  label: string
  unit: string
  format: (v: number) => string
} {
  const known = [...KPI_TILES, ...KPI_DETAILS].find((s) => s.name === name)
  if (known) return { label: known.label, unit: known.unit, format: known.format }
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase()
  const unit = /Ms$/.test(name) ? 'ms' : /S$/.test(name) ? 's' : ''
  return {
    label: words.charAt(0).toUpperCase() + words.slice(1).replace(/ (ms|s)$/, ''),
    unit,
    format: formatNumber
  }
}

export const TOUR_KPIS: readonly KpiName[] = KPI_NAMES
