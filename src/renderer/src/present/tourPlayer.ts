import type { Tour, TourStep } from '../../../shared/api'
import { TwinError } from '../../../shared/errors'
import { type FrameView, type KpiName, KPI_NAMES, kpi } from '../../../shared/frame'
import { KPI_DETAILS, KPI_TILES } from '../ui/KpiPanel'
import { MISSING, formatNumber } from '../ui/kpiFormat'
import type { Topology } from '../../../engine/topology/types'
import type { DieMetric } from '../view/dieMetrics'
import { PART_KIND_LABELS, partId } from '../view/parts'
import type { CameraPreset, PartRef, ViewState } from '../view/viewState'

/** seconds a step stays on screen when the tour plays by itself, unless the step says */
export const DEFAULT_DWELL_S = 8

/** what applying a step needs from the app */
export interface StepTarget {
  view: ViewState
  /**
   * opens a saved run's replay paused at `atS`, resolving once the hall shows the run's system;
   * rejects when it cannot
   */
  showReplay(runId: string, atS: number): Promise<void>
}

/**
 * Shows a step: colours the dies by its metric, opens the run it names (if any) at its time,
 * then flies the camera to its waypoint. The run comes first: opening a run of another system
 * switches the hall to that system (showReplay resolves once it has), and the switch puts the
 * camera over the whole hall; the waypoint is for the run's hall. A run that cannot be opened
 * (deleted since the tour was made) is not an error of the tour: the step holds its view and
 * the message says what is missing, so the presenter goes on. Resolves with that message, or
 * null. `current` says whether the step is still the one shown when the run has opened: a step
 * left meanwhile does not move the camera.
 */
export async function applyStep(
  step: TourStep,
  target: StepTarget,
  current: () => boolean = () => true
): Promise<string | null> {
  target.view.setMetric(step.metric as DieMetric)
  const problem = step.runId === undefined ? null : await openStepRun(step.runId, step, target)
  if (current()) {
    target.view.flyTo(step.camera.preset as CameraPreset, step.camera.part as PartRef | null)
  }
  return problem
}

async function openStepRun(
  runId: string,
  step: TourStep,
  target: StepTarget
): Promise<string | null> {
  try {
    await target.showReplay(runId, step.timeS ?? 0)
    return null
  } catch (error) {
    if (error instanceof TwinError && error.code === 'not-found') {
      return `This step shows the saved run “${runId}”, which is no longer in the library: its view is shown without it.`
    }
    const reason = error instanceof Error ? error.message : String(error)
    return `Could not open the saved run “${runId}” for this step (${reason}): its view is shown without it.`
  }
}

/**
 * Why a step's waypoint cannot be framed in the hall shown, or null: a rack or node view of a
 * part that hall does not have (a tour made on another system: the built-in one names
 * CloudMatrix384's racks and nodes) shows the whole hall instead.
 */
export function stepPartProblem(step: TourStep, topology: Topology | null): string | null {
  const part = step.camera.part as PartRef | null
  if (!part || !topology || (step.camera.preset !== 'rack' && step.camera.preset !== 'node')) {
    return null
  }
  if (partId(topology, part) !== null) return null
  return `This step frames ${PART_KIND_LABELS[part.kind]} ${part.index}, which the ${topology.name} hall does not have: the whole hall is shown instead.`
}

/** the step the view shows now, for "Add the current view as a step" */
export function stepFromView(
  view: ViewState,
  fields: {
    caption: string
    kpi: KpiName
    runId: string | null
    timeS: number | null
    /** seconds on screen when the tour plays by itself (and in its video); null: the default */
    dwellS?: number | null
  }
): TourStep {
  const { metric, camera } = view.get()
  return {
    camera: { preset: camera.preset, part: camera.part ? { ...camera.part } : null },
    caption: fields.caption.trim() || 'A view of the hall.',
    metric,
    kpi: fields.kpi,
    ...(fields.runId ? { runId: fields.runId } : {}),
    ...(fields.runId && fields.timeS !== null ? { timeS: Math.max(0, fields.timeS) } : {}),
    ...(fields.dwellS != null ? { dwellS: fields.dwellS } : {})
  }
}

/** the step's seconds on screen as typed: null for the default, or why it cannot be used */
export function parseDwell(text: string): { dwellS: number | null } | { error: string } {
  if (text.trim() === '') return { dwellS: null }
  const value = Number(text)
  return Number.isFinite(value) && value >= 1 && value <= 600
    ? { dwellS: value }
    : { error: 'must be a number of seconds from 1 to 600' }
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

/**
 * A KPI called out in a frame, as words: its label, the value formatted (MISSING without a
 * value) and its unit (empty when missing). Present mode shows it; the tour video draws it.
 */
export function kpiCalloutText(
  frame: FrameView | null,
  name: KpiName
): { label: string; text: string; unit: string } {
  const { label, unit, format } = kpiCallout(name)
  const value = frame ? kpi(frame, name) : NaN
  const text = Number.isFinite(value) ? format(value) : MISSING
  return { label, text, unit: text === MISSING ? '' : unit }
}

export const TOUR_KPIS: readonly KpiName[] = KPI_NAMES
