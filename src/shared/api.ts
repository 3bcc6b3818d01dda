import type { z } from 'zod'
import type { RunEvent } from '../engine/serving/faults'
import type { RunSummary } from '../engine/serving/summary'
import type { Topology } from '../engine/topology/types'
import type { ScenarioInput } from './scenario'
import type { ReplayStatus, RunKpiSeries, RunOverview, RunRecord } from './library'
import type { TwinErrorData } from './errors'
import { TwinError } from './errors'
import type { requestSchemas } from './requests'
import type { SystemId } from './systems'
import type { ScenarioValidation } from './scenario'
import type { ComparisonPreset, ComparisonStatus } from './comparison'
import type { ListedTour } from './tour'
import type { KpiComparison } from '../engine/serving/kpiCompare'
import type { KpiProvenance, ValidationRow } from '../engine/perf/calibration'
import type { ExportSaved } from './exports'
import type { OpenedFile } from './openFiles'

export type { ScenarioIssue, ScenarioValidation } from './scenario'
export type { ComparisonPreset, ComparisonStatus } from './comparison'
export type { ListedTour, Tour, TourStep } from './tour'
export type { KpiComparison, KpiComparisonRow } from '../engine/serving/kpiCompare'
export type { KpiProvenance, ValidationRow }
export type { ExportKind, ExportSaved } from './exports'
export type { OpenedFile } from './openFiles'

/**
 * The one contract between the UI and the twin. Every transport (Electron IPC in the app,
 * WebSocket in the browser view) carries exactly this; main validates every argument with the
 * schemas in requests.ts before a service sees it.
 */
export type TwinMethod = keyof typeof requestSchemas

/** What a caller passes (defaults may be left out). */
export type TwinArgs<M extends TwinMethod> = z.input<(typeof requestSchemas)[M]>
/** What a handler receives after validation (defaults filled in). */
export type TwinParsedArgs<M extends TwinMethod> = z.output<(typeof requestSchemas)[M]>

export interface AppInfo {
  name: string
  version: string
  versions: Record<string, string>
}

export interface SystemSummary {
  id: SystemId
  name: string
  /** whether the 3D view can draw it part by part */
  hasTopology: boolean
}

export type { RunEvent, RunSummary }
export type { ReplayStatus, RunKpiSeries, RunOverview, RunRecord } from './library'

/** A built-in scenario, as the scenario picker lists it. */
export interface ScenarioPreset {
  id: string
  name: string
  description: string
  system: SystemId
}

export type RunState = 'idle' | 'running' | 'paused' | 'finished' | 'stopped' | 'failed'

/** Where the current run is; sent as an event whenever it changes, and at most twice a second. */
export interface RunStatus {
  state: RunState
  runId: string | null
  /** the preset the run came from, or null for a scenario passed inline */
  scenarioId: string | null
  scenarioName: string | null
  system: SystemId | null
  durationS: number
  sampleIntervalS: number
  simTimeS: number
  framesSent: number
  /** simulated seconds per wall second; null runs as fast as possible */
  speed: number | null
  /** faults, recoveries and SLO breaches so far */
  events: RunEvent[]
  summary: RunSummary | null
  /** why the run failed, when state is 'failed' */
  error: string | null
  /** whether the run is being saved to the run library (its runId is then its library id) */
  saved: boolean
}

/** No run yet (what main reports before the first start). */
export const IDLE_RUN: RunStatus = {
  state: 'idle',
  runId: null,
  scenarioId: null,
  scenarioName: null,
  system: null,
  durationS: 0,
  sampleIntervalS: 0,
  simTimeS: 0,
  framesSent: 0,
  speed: null,
  events: [],
  summary: null,
  error: null,
  saved: false
}

export interface TwinResults {
  'app.info': AppInfo
  /** a file dropped on the window, opened as from the command line */
  'app.openPath': OpenedFile
  'app.openDropped': OpenedFile
  'systems.list': SystemSummary[]
  'topology.get': Topology
  'scenarios.list': ScenarioPreset[]
  'scenarios.get': ScenarioInput
  'run.start': RunStatus
  'run.pause': RunStatus
  'run.resume': RunStatus
  'run.stop': RunStatus
  'run.setSpeed': RunStatus
  'run.status': RunStatus
  'runs.list': RunRecord[]
  'runs.get': RunDetails
  'runs.overview': RunOverview
  'runs.kpis': RunKpiSeries
  'runs.frameAt': StoredFrame
  'runs.rename': RunRecord
  'runs.delete': { deleted: string }
  /** the file written; null when the user cancelled the dialog */
  'runs.export': { path: string | null }
  'runs.exportCsv': { path: string | null }
  /** the runs imported; none when the user cancelled the dialog */
  'runs.import': RunRecord[]
  'runs.rerun': RunStatus
  'replay.open': ReplayStatus
  'replay.play': ReplayStatus
  'replay.pause': ReplayStatus
  'replay.seek': ReplayStatus
  'replay.setSpeed': ReplayStatus
  'replay.close': ReplayStatus
  'replay.status': ReplayStatus
  'scenarios.validate': ScenarioValidation
  /** the file written; null when the user cancelled the dialog */
  'scenarios.save': { path: string | null }
  'comparisons.list': ComparisonPreset[]
  'comparisons.run': ComparisonStatus
  'comparisons.cancel': ComparisonStatus
  'comparisons.status': ComparisonStatus
  'runs.compare': KpiComparison
  'validation.get': ValidationReport
  /** built-in tours first, then the run's (by name) */
  'tours.list': ListedTour[]
  'tours.save': ListedTour
  'tours.delete': { deleted: string }
  /** the file written; null when the user cancelled the dialog */
  'exports.save': ExportSaved
  'exports.pdf': ExportSaved
}

/** validation.get: the reference's published figures beside the twin's (engine/perf/calibration.ts). */
export interface ValidationReport {
  tolerancePct: number
  rows: ValidationRow[]
  notModelled: { id: string; label: string; reason: string; source: string }[]
}

/**
 * One saved frame (shared/frame.ts layout) of a run: the last at or before the time asked for
 * (the first when earlier). The bytes travel as base64 so the JSON wire of the browser view
 * carries them as the app's IPC does.
 */
export interface StoredFrame {
  index: number
  simTimeS: number
  data: string
}

/** A saved run with what it was made of. */
export interface RunDetails {
  run: RunRecord
  scenario: ScenarioInput
  events: RunEvent[]
}

export type TwinResponse<M extends TwinMethod> =
  { ok: true; value: TwinResults[M] } | { ok: false; error: TwinErrorData }

export type TwinEvent =
  | { type: 'run.status'; status: RunStatus }
  | { type: 'replay.status'; status: ReplayStatus }
  /** runs were added, renamed, deleted or finished: lists should refresh */
  | { type: 'library.changed' }
  /** a comparison run advanced: which member, how many done, the saved run ids */
  | { type: 'comparison.status'; status: ComparisonStatus }
  /** the desktop app's menu, command line or OS asks the view to do something */
  | { type: 'app.command'; command: AppCommand }

/**
 * What the desktop shell asks of the view. Main has already done its part (a replay named
 * here is open); the renderer shows the result.
 */
export type AppCommand =
  | { kind: 'open-library' }
  | { kind: 'toggle-theme' }
  | { kind: 'show-shortcuts' }
  /** export the run in view (live or replayed) */
  | { kind: 'export-run' }
  /** main opened the replay of this run: show it */
  | { kind: 'replay-run'; runId: string }

export type Unsubscribe = () => void

/**
 * Exposed to the renderer as `window.twin` (Electron preload) or built over a WebSocket
 * (browser view). `invoke` resolves with a response even for a rejected call: errors are data
 * so they survive contextBridge; `call` below turns them into TwinError rejections.
 */
export interface TwinApi {
  invoke<M extends TwinMethod>(method: M, args: TwinArgs<M>): Promise<TwinResponse<M>>
  /** one telemetry frame (shared/frame.ts layout) per call */
  onFrame(listener: (frame: ArrayBuffer) => void): Unsubscribe
  onEvent(listener: (event: TwinEvent) => void): Unsubscribe
}

/** Calls the API and rejects with a TwinError when the call was refused or failed. */
export async function call<M extends TwinMethod>(
  api: TwinApi,
  method: M,
  args: TwinArgs<M>
): Promise<TwinResults[M]> {
  const response = await api.invoke(method, args)
  if (!response.ok) throw new TwinError(response.error)
  return response.value
}
