import type { RunStatus, TwinEvent, TwinParsedArgs, TwinResults } from '../../shared/api'
import {
  IDLE_COMPARISON,
  type ComparisonMemberState,
  type ComparisonStatus
} from '../../shared/comparison'
import { TwinError } from '../../shared/errors'
import { parseScenario, ScenarioError } from '../../shared/scenario'
import { compareRuns, type ComparedRun } from '../../engine/serving/kpiCompare'
import { planServing } from '../../engine/serving/plan'
import { buildWorkload } from '../../engine/serving/run'
import { TraceError } from '../../engine/serving/workload'
import { validationRows } from '../../engine/perf/calibration'
import type { ComparisonLibrary, LoadedComparison } from './comparisons'
import { LibraryError, type RunStore } from './library/runStore'
import type { RunHost } from './runHost'
import type { ScenarioLibrary, ScenarioSource } from './scenarios'

type Method =
  | 'comparisons.list'
  | 'comparisons.run'
  | 'comparisons.cancel'
  | 'comparisons.status'
  | 'runs.compare'
  | 'validation.get'
export type CompareHandlers = {
  [M in Method]: (args: TwinParsedArgs<M>) => TwinResults[M] | Promise<TwinResults[M]>
}

export interface CompareApiDeps {
  comparisons: ComparisonLibrary
  library: ScenarioLibrary
  runs: RunHost
  store: RunStore | null
  unavailable: string
  /** starts a saved run of a scenario through the service's run.start path */
  startRun(source: ScenarioSource, name: string, speed: number | 'max'): RunStatus
  emit(event: TwinEvent): void
}

/** A comparison or trace error as the caller's typed error, at the comparison id. */
function asIdError(error: unknown): never {
  if (error instanceof ScenarioError || error instanceof TraceError) {
    throw new TwinError({ code: 'invalid-argument', message: error.message, field: 'id' })
  }
  throw error
}

/**
 * Runs a comparison's members one after another (the RunHost runs one run at a time): each
 * starts when the run before it reports 'finished', each is saved in the run library. A member
 * that fails, is stopped, or is replaced by another run ends the comparison.
 */
export class ComparisonRunner {
  private current: ComparisonStatus = { ...IDLE_COMPARISON }
  private sources: ScenarioSource[] = []
  private speed: number | 'max' = 'max'
  /** the run id of the member running now */
  private memberRunId: string | null = null
  private starting = false
  private readonly unsubscribe: () => void

  constructor(private readonly deps: CompareApiDeps) {
    this.unsubscribe = deps.runs.onStatus((status) => this.onRunStatus(status))
  }

  status(): ComparisonStatus {
    return structuredClone(this.current)
  }

  run(loaded: LoadedComparison, speed: number | 'max', durationS?: number): ComparisonStatus {
    if (this.current.state === 'running') {
      throw new TwinError({
        code: 'invalid-argument',
        message: `comparison '${this.current.comparisonId}' is running; cancel it first`,
        field: 'id'
      })
    }
    // every member is checked before the first starts, so a bad one never leaves half a comparison
    const sources = loaded.members.map(({ source }) => {
      try {
        const scenario =
          durationS === undefined
            ? source.scenario
            : parseScenario({ ...source.scenario, durationS }, source.origin)
        const checked = { ...source, scenario }
        planServing(scenario)
        buildWorkload(scenario, this.deps.library.trace(checked))
        return checked
      } catch (error) {
        return asIdError(error)
      }
    })
    this.sources = sources
    this.speed = speed
    this.current = {
      state: 'running',
      comparisonId: loaded.id,
      name: loaded.comparison.name,
      members: loaded.members.map((m, i) => ({
        ...m.summary,
        scenarioName: sources[i]!.scenario.name,
        runId: null,
        state: 'pending'
      })),
      current: null,
      done: 0,
      total: sources.length,
      runIds: [],
      error: null
    }
    this.startMember(0)
    return this.status()
  }

  cancel(): ComparisonStatus {
    if (this.current.state !== 'running') return this.status()
    this.end('cancelled', 'cancelled', null)
    this.deps.runs.stop()
    return this.status()
  }

  dispose(): void {
    this.unsubscribe()
  }

  private startMember(index: number): void {
    const source = this.sources[index]!
    this.starting = true
    let status: RunStatus
    try {
      status = this.deps.startRun(source, source.scenario.name, this.speed)
    } catch (error) {
      this.starting = false
      this.end('failed', 'failed', error instanceof Error ? error.message : String(error))
      return
    } finally {
      this.starting = false
    }
    this.memberRunId = status.runId
    const member = this.current.members[index]!
    member.runId = status.runId
    member.state = 'running'
    this.current.current = index
    this.publish()
  }

  private onRunStatus(status: RunStatus): void {
    if (this.current.state !== 'running' || this.starting) return
    const index = this.current.current
    if (index === null) return
    if (status.runId !== this.memberRunId) {
      if (status.state === 'running' || status.state === 'paused') {
        this.end('cancelled', 'cancelled', `another run (${status.scenarioName}) replaced it`)
      }
      return
    }
    if (status.state === 'finished') {
      const member = this.current.members[index]!
      member.state = 'finished'
      this.current.done++
      this.current.runIds.push(status.runId!)
      if (index + 1 < this.current.total) {
        this.current.current = null
        this.publish()
        // after this status has reached every listener
        setImmediate(() => {
          if (this.current.state === 'running') this.startMember(index + 1)
        })
      } else {
        this.current.state = 'finished'
        this.current.current = null
        this.memberRunId = null
        this.publish()
      }
    } else if (status.state === 'failed') {
      this.end('failed', 'failed', status.error ?? 'the run failed')
    } else if (status.state === 'stopped') {
      this.end('cancelled', 'cancelled', 'the run was stopped')
    }
  }

  private end(
    state: 'failed' | 'cancelled',
    memberState: ComparisonMemberState,
    error: string | null
  ): void {
    const index = this.current.current
    if (index !== null) this.current.members[index]!.state = memberState
    for (const m of this.current.members) if (m.state === 'pending') m.state = 'cancelled'
    this.current.state = state
    this.current.current = null
    this.current.error = error
    this.memberRunId = null
    this.publish()
  }

  private publish(): void {
    this.deps.emit({ type: 'comparison.status', status: this.status() })
  }
}

/**
 * comparisons.* (the built-in comparisons and running one), runs.compare (the KPI table of
 * saved runs, engine/serving/kpiCompare.ts) and validation.get (engine/perf/calibration.ts).
 */
export function compareHandlers(deps: CompareApiDeps, runner: ComparisonRunner): CompareHandlers {
  const store = (): RunStore => {
    if (!deps.store) throw new TwinError({ code: 'unavailable', message: deps.unavailable })
    return deps.store
  }
  const load = (id: string, durationS?: number): LoadedComparison => {
    try {
      // the members' warm-ups (load 'capacity') depend on the duration they run for
      return deps.comparisons.load(id, durationS)
    } catch (error) {
      return asIdError(error)
    }
  }
  return {
    'comparisons.list': () => {
      try {
        return deps.comparisons.list()
      } catch (error) {
        return asIdError(error)
      }
    },
    'comparisons.run': ({ id, speed, durationS }) => {
      store()
      return runner.run(load(id, durationS), speed, durationS)
    },
    'comparisons.cancel': () => runner.cancel(),
    'comparisons.status': () => runner.status(),
    'runs.compare': ({ ids }) => {
      const runs: ComparedRun[] = ids.map((id, i) => {
        const field = `ids.${i}`
        try {
          const run = store().require(id)
          if (!run.summary) {
            throw new TwinError({
              code: 'invalid-argument',
              message: `run '${run.name}' (${id}) has no summary yet (${run.status}); compare finished runs`,
              field
            })
          }
          const scenario = parseScenario(store().scenarioOf(id), `run ${id}`)
          return { id, name: run.name, summary: run.summary, scenario }
        } catch (error) {
          if (error instanceof LibraryError)
            throw new TwinError({ code: 'not-found', message: error.message, field })
          if (error instanceof ScenarioError)
            throw new TwinError({ code: 'invalid-argument', message: error.message, field })
          throw error
        }
      })
      return compareRuns(runs)
    },
    'validation.get': () => validationRows()
  }
}
