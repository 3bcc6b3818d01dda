import type {
  AppCommand,
  AppInfo,
  TwinEvent,
  TwinMethod,
  TwinParsedArgs,
  TwinResponse,
  TwinResults
} from '../../shared/api'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname } from 'node:path'
import { parseRequest } from '../../shared/requests'
import { TwinError } from '../../shared/errors'
import { SYSTEM_IDS, type SystemId } from '../../shared/systems'
import { deployments } from '../../engine/catalog/deployments'
import { planServing } from '../../engine/serving/plan'
import { buildWorkload } from '../../engine/serving/run'
import { TraceError } from '../../engine/serving/workload'
import { getTopology, hasTopology, noTopologyMessage } from '../../engine/topology'
import { parseScenario, ScenarioError } from '../../shared/scenario'
import { Emitter } from './emitter'
import { ReplayPlayer } from './library/replay'
import type { RunStore } from './library/runStore'
import { type FilePicker, libraryHandlers } from './libraryApi'
import type { RunHost } from './runHost'
import { parseJson, type ScenarioLibrary, type ScenarioSource } from './scenarios'
import { compareHandlers, ComparisonRunner, type CompareApiDeps } from './compareApi'
import { ComparisonLibrary } from './comparisons'
import { scenarioEditorHandlers } from './scenarioEditorApi'
import { tourHandlers } from './tourApi'
import { exportHandlers, type PdfPrinter } from './exportsApi'
import { openHandlers } from './openFilesApi'

type Handlers = {
  [M in TwinMethod]: (args: TwinParsedArgs<M>) => TwinResults[M] | Promise<TwinResults[M]>
}

export interface TwinServiceDeps {
  runs: RunHost
  library: ScenarioLibrary
  appInfo: AppInfo
  /** the saved-run library, closed by dispose; null when it could not be opened (then `libraryError` says why) */
  store?: RunStore | null
  libraryError?: string
  /** the desktop app's file dialogs, for exports and imports without a path */
  pickFile?: FilePicker
  /** the desktop app's PDF printer (exports.pdf); absent in the browser view */
  printPdf?: PdfPrinter
}

/**
 * The main-process implementation of TwinApi, independent of transport: the Electron IPC
 * adapter and the browser view's WebSocket server both call `dispatch` with raw, untrusted
 * input and forward `onFrame` / `onEvent` to their clients.
 */
export interface TwinService {
  dispatch(method: unknown, args: unknown): Promise<TwinResponse<TwinMethod>>
  onFrame(listener: (frame: ArrayBuffer) => void): () => void
  onEvent(listener: (event: TwinEvent) => void): () => void
  /** sends a desktop command (menu, command line, OS) to the views on the event stream */
  command(command: AppCommand): void
  dispose(): Promise<void>
}

const readText = (path: string): string => readFileSync(path, 'utf8')

function requireTopology(system: SystemId): SystemId {
  if (!hasTopology(system)) {
    throw new TwinError({
      code: 'not-found',
      message: noTopologyMessage(system),
      field: 'system'
    })
  }
  return system
}

/** A bad scenario or trace, as the caller's typed error, naming the field at fault. */
function asArgumentError(error: unknown): never {
  if (error instanceof ScenarioError) {
    const field = error.field ? `scenario.${error.field}` : 'scenario'
    throw new TwinError({ code: 'invalid-argument', message: error.message, field })
  }
  if (error instanceof TraceError) {
    throw new TwinError({
      code: 'invalid-argument',
      message: error.message,
      field: 'scenario.workload.trace'
    })
  }
  throw error
}

export function createTwinService(deps: TwinServiceDeps): TwinService {
  const { runs, library, appInfo } = deps
  const store = deps.store ?? null
  const events = new Emitter<TwinEvent>()
  // one frame stream for the view: the live run's, or the replay's while a replay is open
  const frames = new Emitter<ArrayBuffer>()
  const replay = store
    ? new ReplayPlayer(
        store,
        (frame) => frames.emit(frame),
        (status) => events.emit({ type: 'replay.status', status })
      )
    : null
  const replaying = (): boolean => replay !== null && replay.status().state !== 'closed'
  const unsubscribeFrames = runs.onFrame((frame) => {
    if (!replaying()) frames.emit(frame)
  })
  const unsubscribeStatus = runs.onStatus((status) => {
    events.emit({ type: 'run.status', status })
    // a started or stopped run changes the library later, once the worker wrote it (below)
    if (status.saved && (status.state === 'finished' || status.state === 'failed')) {
      events.emit({ type: 'library.changed' })
    }
  })
  const unsubscribeRecording = runs.onRecordingChanged(() =>
    events.emit({ type: 'library.changed' })
  )

  /** Reads, validates and lays out a run before the worker sees it, so errors reach the caller. */
  const prepare = (
    scenario: string | Record<string, unknown>
  ): { source: ScenarioSource; id: string | null } => {
    try {
      const source: ScenarioSource =
        typeof scenario === 'string'
          ? library.preset(scenario)
          : {
              scenario: parseScenario(scenario, 'scenario'),
              baseDir: process.cwd(),
              origin: 'scenario'
            }
      planServing(source.scenario)
      buildWorkload(source.scenario, library.trace(source))
      return { source, id: typeof scenario === 'string' ? scenario : null }
    } catch (error) {
      return asArgumentError(error)
    }
  }

  const start = (
    scenario: string | Record<string, unknown>,
    speed: number | 'max',
    save: boolean,
    name: string | undefined
  ) => {
    const { source, id } = prepare(scenario)
    return launch(source, id, speed, save, name)
  }

  const launch = (
    source: ScenarioSource,
    id: string | null,
    speed: number | 'max',
    save: boolean,
    name: string | undefined
  ) => {
    // the view follows the run just started, not a replay left open
    if (replaying()) replay?.close()
    const status = runs.start({
      scenario: source.scenario,
      trace: library.trace(source),
      scenarioId: id,
      speed: speed === 'max' ? Infinity : speed,
      saveAs: save && store ? (name ?? source.scenario.name) : null
    })
    // the library changes once the worker has recorded the run (onRecordingChanged above)
    return status
  }

  const unavailable = `the run library is not available${deps.libraryError ? `: ${deps.libraryError}` : ''}`
  const compareDeps: CompareApiDeps = {
    comparisons: new ComparisonLibrary(library),
    library,
    runs,
    store,
    unavailable,
    startRun: (source, name, speed) => launch(source, null, speed, true, name),
    emit: (event) => events.emit(event)
  }
  const comparisonRunner = new ComparisonRunner(compareDeps)

  const handlers: Handlers = {
    'app.info': () => appInfo,
    'systems.list': () =>
      SYSTEM_IDS.map((id) => ({ id, name: deployments[id].name, hasTopology: hasTopology(id) })),
    'topology.get': ({ system }) => getTopology(requireTopology(system)),
    'scenarios.list': () => library.presets() as TwinResults['scenarios.list'],
    'scenarios.get': ({ id }) => {
      try {
        const { origin } = library.preset(id)
        return parseJson(readText(origin), origin) as TwinResults['scenarios.get']
      } catch (error) {
        return asArgumentError(error)
      }
    },
    'run.start': ({ scenario, speed, save, name }) => start(scenario, speed, save, name),
    'run.pause': () => runs.pause(),
    'run.resume': () => runs.resume(),
    'run.stop': () => runs.stop(),
    'run.setSpeed': ({ speed }) => runs.setSpeed(speed === 'max' ? Infinity : speed),
    'run.status': () => runs.status(),
    ...libraryHandlers({
      store,
      replay,
      unavailable: `the run library is not available${deps.libraryError ? `: ${deps.libraryError}` : ''}`,
      rerun: (scenario, name, speed) =>
        start(scenario as Record<string, unknown>, speed, true, name),
      changed: () => events.emit({ type: 'library.changed' }),
      pickFile: deps.pickFile
    }),
    ...scenarioEditorHandlers({ library, pickFile: deps.pickFile }),
    ...compareHandlers(compareDeps, comparisonRunner),
    ...exportHandlers({ pickFile: deps.pickFile, printPdf: deps.printPdf }),
    ...tourHandlers({ resourcesDir: library.resourcesDir, store, unavailable }),
    ...openHandlers({
      service: () => service,
      scenarios: library,
      dropDir: store ? dirname(store.path) : tmpdir()
    })
  }

  const service: TwinService = {
    async dispatch(method, args) {
      const request = parseRequest(method, args)
      if (!request.ok) return request
      const handler = handlers[request.method] as (a: unknown) => unknown
      try {
        const value = (await handler(request.args)) as TwinResults[TwinMethod]
        return { ok: true, value }
      } catch (error) {
        if (error instanceof TwinError) return { ok: false, error: error.toData() }
        console.error(`twin: ${request.method} failed:`, error)
        const message = error instanceof Error ? error.message : String(error)
        return { ok: false, error: { code: 'internal', message: `${request.method}: ${message}` } }
      }
    },
    onFrame: (listener) => frames.on(listener),
    onEvent: (listener) => events.on(listener),
    command: (command) => events.emit({ type: 'app.command', command }),
    async dispose() {
      unsubscribeStatus()
      unsubscribeRecording()
      unsubscribeFrames()
      comparisonRunner.dispose()
      replay?.close()
      events.clear()
      frames.clear()
      await runs.dispose()
      store?.close()
    }
  }
  return service
}
