import type { TwinParsedArgs, TwinResults, RunStatus } from '../../shared/api'
import type { ScenarioInput } from '../../shared/scenario'
import { TwinError } from '../../shared/errors'
import { exportKpiCsv, exportRun, importRuns } from './library/exchange'
import { decodeStoredFrame } from './library/frameCodec'
import type { ReplayPlayer } from './library/replay'
import { LibraryError, type RunStore } from './library/runStore'

type LibraryMethod = Exclude<
  Extract<keyof TwinResults, `runs.${string}` | `replay.${string}`>,
  'runs.compare' // compareApi.ts
>
export type LibraryHandlers = {
  [M in LibraryMethod]: (args: TwinParsedArgs<M>) => TwinResults[M] | Promise<TwinResults[M]>
}

/** What a file is picked for: the desktop app shows a save or an open dialog to match. */
export type FilePurpose =
  | 'export-run'
  | 'export-csv'
  | 'import-run'
  | 'save-scenario'
  | 'export-png'
  | 'export-webm'
  | 'export-html'
  | 'export-pdf'
/** Asks the user for a file; resolves null when they cancel. */
export type FilePicker = (purpose: FilePurpose, suggestedName: string) => Promise<string | null>

export interface LibraryApiDeps {
  store: RunStore | null
  replay: ReplayPlayer | null
  /** why there is no library, for the errors of its methods */
  unavailable: string
  /** starts a run of a saved run's scenario (the service's own run.start path) */
  rerun(scenario: ScenarioInput, name: string, speed: number | 'max'): RunStatus
  changed(): void
  /** the desktop app's file dialogs; without it, exports and imports need a path */
  pickFile?: FilePicker | undefined
}

/** A file name from a run's name: letters, digits, dashes; never empty. */
export function fileNameFor(name: string, extension: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
  return `${stem || 'run'}.${extension}`
}

/** A library failure as a typed error: missing runs are not-found, the rest name their field. */
function libraryCall<T>(field: string, action: () => T): T {
  try {
    return action()
  } catch (error) {
    if (error instanceof LibraryError) {
      const missing = /^no run '/.test(error.message) || /no run is open/.test(error.message)
      throw new TwinError({
        code: missing ? 'not-found' : 'invalid-argument',
        message: error.message,
        field
      })
    }
    throw error
  }
}

/**
 * The runs.* and replay.* methods of TwinApi: the saved-run library (list, details, rename,
 * delete, export as .twinrun or KPI CSV, import, re-run) and the replay of a saved run.
 */
export function libraryHandlers(deps: LibraryApiDeps): LibraryHandlers {
  const store = (): RunStore => {
    if (!deps.store) throw new TwinError({ code: 'unavailable', message: deps.unavailable })
    return deps.store
  }
  const replay = (): ReplayPlayer => {
    if (!deps.replay) throw new TwinError({ code: 'unavailable', message: deps.unavailable })
    return deps.replay
  }
  const mutate = <T>(field: string, action: () => T): T => {
    const result = libraryCall(field, action)
    deps.changed()
    return result
  }
  /** the path given, or one the user picks (null: cancelled) */
  const pathFor = async (
    given: string | undefined,
    purpose: FilePurpose,
    suggested: () => string
  ): Promise<string | null> => {
    if (given !== undefined) return given
    if (!deps.pickFile) {
      throw new TwinError({
        code: 'invalid-argument',
        message: 'give a path: there is no file dialog here (use the desktop app or `twin runs`)',
        field: 'path'
      })
    }
    return deps.pickFile(purpose, suggested())
  }
  const runName = (id: string): string => libraryCall('id', () => store().require(id).name)
  return {
    'runs.list': () => store().list(),
    'runs.get': ({ id }) =>
      libraryCall('id', () => ({
        run: store().require(id),
        scenario: store().scenarioOf(id) as ScenarioInput,
        events: store().events(id)
      })),
    'runs.overview': ({ id }) => libraryCall('id', () => store().overview(id)),
    'runs.kpis': ({ id, names }) => libraryCall('names', () => store().kpiColumns(id, names)),
    'runs.frameAt': ({ id, atS }) =>
      libraryCall('id', () => {
        const stored = store().frameAt(store().require(id).id, atS)
        if (!stored) throw new LibraryError(`run '${runName(id)}' has no saved frames`)
        const frame = new Uint8Array(decodeStoredFrame(stored.data))
        return {
          index: stored.index,
          simTimeS: stored.simTimeS,
          data: Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64')
        }
      }),
    'runs.rename': ({ id, name }) => mutate('name', () => store().rename(id, name)),
    'runs.delete': ({ id }) =>
      mutate('id', () => {
        if (deps.replay?.status().runId === id) deps.replay.close()
        store().delete(id)
        return { deleted: id }
      }),
    'runs.export': async ({ id, path: given }) => {
      const path = await pathFor(given, 'export-run', () => fileNameFor(runName(id), 'twinrun'))
      if (path !== null) libraryCall('path', () => exportRun(store(), id, path))
      return { path }
    },
    'runs.exportCsv': async ({ id, path: given }) => {
      const path = await pathFor(given, 'export-csv', () => fileNameFor(runName(id), 'csv'))
      if (path !== null) libraryCall('path', () => exportKpiCsv(store(), id, path))
      return { path }
    },
    'runs.import': async ({ path: given, existing }) => {
      store()
      const path = await pathFor(given, 'import-run', () => '')
      return path === null
        ? []
        : mutate('path', () => importRuns(store(), path, undefined, existing))
    },
    'runs.rerun': ({ id, speed }) =>
      libraryCall('id', () => {
        const run = store().require(id)
        return deps.rerun(store().scenarioOf(id) as ScenarioInput, `${run.name} (re-run)`, speed)
      }),
    'replay.open': ({ id, atS }) => libraryCall('id', () => replay().open(id, atS)),
    'replay.play': () => libraryCall('replay', () => replay().play()),
    'replay.pause': () => libraryCall('replay', () => replay().pause()),
    'replay.seek': ({ timeS }) => libraryCall('timeS', () => replay().seek(timeS)),
    'replay.setSpeed': ({ speed }) => libraryCall('speed', () => replay().setSpeed(speed)),
    'replay.close': () => replay().close(),
    'replay.status': () => replay().status()
  }
}
