import { vi } from 'vitest'
import { getTopology, hasTopology } from '../../src/engine/topology'
import { bytesToBase64 } from '../../src/renderer/src/api/base64'
import { createFrame } from '../../src/shared/frame'
import type { ScenarioInput } from '../../src/shared/scenario'
import {
  IDLE_RUN,
  type RunEvent,
  type RunKpiSeries,
  type RunOverview,
  type RunRecord,
  type RunStatus,
  type RunSummary,
  type ScenarioPreset,
  type SystemSummary,
  type TwinApi,
  type TwinEvent,
  type TwinMethod,
  type TwinResponse,
  type TwinResults
} from '../../src/shared/api'
import type { TwinErrorData } from '../../src/shared/errors'
import { CLOSED_REPLAY, REPLAY_SPEEDS, type ReplayStatus } from '../../src/shared/library'
import { SYSTEM_IDS, type SystemId, isSystemId } from '../../src/shared/systems'

export const topology = getTopology('cloudmatrix384')
export const hallCounts = {
  dies: topology.dies.length,
  cpus: topology.cpus.length,
  links: topology.links.length
}

/** the entity counts of a system's frames: its topology's, or none (a system without one) */
export function countsOfSystem(system: string): { dies: number; cpus: number; links: number } {
  const id = system as SystemId
  if (!isSystemId(id) || !hasTopology(id)) return { dies: 0, cpus: 0, links: 0 }
  const t = getTopology(id)
  return { dies: t.dies.length, cpus: t.cpus.length, links: t.links.length }
}

export const presets: ScenarioPreset[] = [
  {
    id: 'default',
    name: 'CloudMatrix384 · Azure conversations',
    description: 'The default workload.',
    system: 'cloudmatrix384'
  },
  {
    id: 'faults',
    name: 'CloudMatrix384 · faults and what-ifs',
    description: 'A die fails at 60 s.',
    system: 'cloudmatrix384'
  },
  {
    id: 'h800',
    name: 'H800 · DeepSeek serving',
    description: 'An HGX cluster, with a part-level topology of its own.',
    system: 'h800-deepseek'
  },
  {
    id: 'gb200',
    name: 'GB200 NVL72 · SGLang layout',
    description: 'A system without a part-level topology.',
    system: 'gb200-nvl72'
  }
]

const SYSTEM_NAMES: Record<SystemId, string> = {
  cloudmatrix384: 'Huawei CloudMatrix384',
  'h800-deepseek': 'NVIDIA H800 (DeepSeek)',
  'h100-sglang': 'NVIDIA H100 (SGLang)',
  'gb200-nvl72': 'NVIDIA GB200 NVL72'
}

/** as the engine has them: every system but GB200 NVL72 has a part-level topology */
export const systems: SystemSummary[] = SYSTEM_IDS.map((id) => ({
  id,
  name: SYSTEM_NAMES[id],
  hasTopology: hasTopology(id)
}))

export const idleStatus: RunStatus = IDLE_RUN

export const closedReplay: ReplayStatus = CLOSED_REPLAY

const percentiles = (p50: number) => ({ p50, p90: p50 * 1.5, p99: p50 * 2 })

/** a finished run's summary, with the figures the library shows set to round numbers */
export const summaryFixture: RunSummary = {
  system: 'cloudmatrix384',
  simulatedS: 600,
  requests: { arrived: 1000, completed: 990, failed: 0, inFlight: 10 },
  tokens: { input: 1_155_000, output: 211_000, cachedInput: 0 },
  throughput: {
    inputTokensPerS: 1925,
    outputTokensPerS: 351.7,
    outputTokensPerSPerDecodeChip: 1943.4,
    inputTokensPerSPerPrefillChip: 5655,
    outputTokensPerSPerTflops: 2.5
  },
  latency: { ttftMs: percentiles(412.4), tpotMs: percentiles(38.26), e2eS: percentiles(9) },
  slo: {
    ttftMs: 2000,
    tpotMs: 50,
    attainment: 0.9734,
    goodputRequestsPerS: 1.6,
    goodputOutputTokensPerS: 340
  },
  decode: {
    meanBatchPerChip: 20,
    meanKvTokens: 1300,
    meanStepMs: 21,
    steps: 28_000,
    tokensPerSPerChipWhileBusy: 2000
  },
  cache: { prefixHitRate: 0.56, capacityTokens: 1e9 },
  power: { meanKW: 812, outputTokensPerJoule: 0.37 },
  events: [],
  performanceModelEvaluations: 100
}

/** a saved run: a complete 600 s CloudMatrix384 run unless told otherwise */
export function savedRun(fields: Partial<RunRecord> & { id: string; name: string }): RunRecord {
  return {
    system: 'cloudmatrix384',
    scenarioName: 'CloudMatrix384 · Azure conversations',
    status: 'complete',
    createdAt: '2025-07-01T09:30:00.000Z',
    finishedAt: '2025-07-01T09:31:00.000Z',
    durationS: 600,
    sampleIntervalS: 1,
    seed: 1,
    simulatedS: 600,
    frameCount: 601,
    summary: summaryFixture,
    error: null,
    ...fields
  }
}

export interface FakeLibrary {
  /** the saved runs, newest first */
  runs?: RunRecord[]
  /** the saved events of runs, by id (runs.get) */
  events?: Record<string, RunEvent[]>
  /** the scenarios saved runs were made from, by id (runs.get); `{}` unless given */
  scenarios?: Record<string, ScenarioInput>
  /** runs' KPI columns, by id (runs.kpis); one point at the run's end unless given */
  kpis?: Record<string, RunKpiSeries>
  /** runs' overviews, by id (runs.overview); one point at the run's end unless given */
  overviews?: Record<string, RunOverview>
}

/** the SLO of each preset's scenario (scenarios.get); a preset left out has the schema's */
export const presetSlos: Record<string, { ttftMs: number; tpotMs: number }> = {
  default: { ttftMs: 1000, tpotMs: 40 }
}

/** a preset's scenario as scenarios.get returns it: just enough for the renderer */
export function presetScenario(id: string): ScenarioInput {
  const preset = presets.find((p) => p.id === id)!
  return {
    name: preset.name,
    system: preset.system,
    workload: { kind: 'trace', trace: 'azure-conv' },
    durationS: 600,
    ...(presetSlos[id] ? { slo: presetSlos[id] } : {})
  }
}

type Handler = (args: never) => Promise<TwinResponse<TwinMethod>> | TwinResponse<TwinMethod>
type Overrides = { [M in TwinMethod]?: (args: never) => Promise<TwinResponse<M>> }

export const ok = <M extends TwinMethod>(value: TwinResults[M]): TwinResponse<M> => ({
  ok: true,
  value
})
export const fail = (error: TwinErrorData) => () => Promise.resolve({ ok: false as const, error })

const refuse = (
  code: TwinErrorData['code'],
  message: string,
  field?: string
): TwinResponse<TwinMethod> => ({
  ok: false,
  error: field ? { code, message, field } : { code, message }
})

/**
 * A TwinApi held in memory, with a small run host, run library and replay player behind it
 * that move between states as main's do (and, like main, emit their status events and send
 * replay frames before each reply). `overrides` replace single methods; live frames and
 * further events are pushed by the test. Unlike main, starting a preset saves nothing (tests
 * seed the library with `library.runs`); a re-run is saved, as "<name> (re-run)".
 */
export function fakeTwin(overrides: Overrides = {}, library: FakeLibrary = {}) {
  const frameListeners = new Set<(frame: ArrayBuffer) => void>()
  const eventListeners = new Set<(event: TwinEvent) => void>()
  let status: RunStatus = idleStatus
  let runs = 0
  let saved: RunRecord[] = [...(library.runs ?? [])]
  let replay: ReplayStatus = closedReplay
  const scenarios: Record<string, ScenarioInput> = { ...library.scenarios }
  const sendEvent = (event: TwinEvent): void => eventListeners.forEach((l) => l(event))
  const sendFrame = (frame: ArrayBuffer): void => frameListeners.forEach((l) => l(frame))
  const update = (next: RunStatus): TwinResponse<TwinMethod> => {
    status = next
    sendEvent({ type: 'run.status', status })
    return ok(status)
  }
  const live = (): boolean => status.state === 'running' || status.state === 'paused'
  const changed = (): void => sendEvent({ type: 'library.changed' })

  const find = (id: string): RunRecord | undefined => saved.find((r) => r.id === id)
  const missing = (id: string) => refuse('not-found', `no run '${id}'`, 'id')
  const setReplay = (next: ReplayStatus): TwinResponse<TwinMethod> => {
    replay = next
    sendEvent({ type: 'replay.status', status: replay })
    return ok(replay)
  }
  /** like main's player: the stored frame at or before `timeS`, sent before the status */
  const showReplayAt = (run: RunRecord, timeS: number): number => {
    const positionS =
      Math.floor(Math.min(Math.max(timeS, 0), run.simulatedS) / run.sampleIntervalS) *
      run.sampleIntervalS
    const counts = countsOfSystem(run.system)
    sendFrame(createFrame(Math.round(positionS / run.sampleIntervalS), positionS, counts).buffer)
    return positionS
  }
  const closeReplay = (): void => {
    if (replay.state !== 'closed') setReplay({ ...closedReplay, speed: replay.speed })
  }
  const openRun = (): RunRecord | undefined => (replay.runId ? find(replay.runId) : undefined)
  const notOpen = () => refuse('not-found', 'no run is open for replay', 'replay')
  const startRun = (preset: {
    id: string | null
    name: string
    system: RunStatus['system']
    speed: number | 'max' | undefined
    saved: boolean
  }): TwinResponse<TwinMethod> => {
    // the view follows the run just started, not a replay left open
    closeReplay()
    const speed = preset.speed ?? 10
    return update({
      ...idleStatus,
      state: 'running',
      runId: `run-${++runs}`,
      scenarioId: preset.id,
      scenarioName: preset.name,
      system: preset.system,
      durationS: 600,
      sampleIntervalS: 1,
      speed: speed === 'max' ? null : speed,
      saved: preset.saved
    })
  }

  const notYet = (method: string) => refuse('unavailable', `${method} is not in the fake twin`)

  const host: Record<TwinMethod, Handler> = {
    'app.info': () => ok({ name: 'Supernode Twin', version: '0.0.0', versions: {} }),
    'systems.list': () => ok(systems),
    'topology.get': ({ system }: { system: SystemId }) =>
      isSystemId(system) && hasTopology(system)
        ? ok(getTopology(system))
        : refuse('not-found', `${system} has no part-level topology yet`, 'system'),
    'scenarios.list': () => ok(presets),
    'scenarios.get': ({ id }: { id: string }) =>
      presets.some((p) => p.id === id)
        ? ok(presetScenario(id))
        : refuse('not-found', `no scenario '${id}'`, 'id'),
    'run.start': (args: { scenario: string; speed?: number | 'max' }) => {
      const preset = presets.find((p) => p.id === args.scenario)!
      return startRun({ ...preset, speed: args.speed, saved: false })
    },
    'run.pause': () =>
      status.state === 'running' ? update({ ...status, state: 'paused' }) : ok(status),
    'run.resume': () =>
      status.state === 'paused' ? update({ ...status, state: 'running' }) : ok(status),
    'run.stop': () => (live() ? update({ ...status, state: 'stopped' }) : ok(status)),
    'run.setSpeed': (args: { speed: number | 'max' }) =>
      update({ ...status, speed: args.speed === 'max' ? null : args.speed }),
    'run.status': () => ok(status),
    'runs.list': () => ok([...saved]),
    'runs.get': ({ id }: { id: string }) => {
      const run = find(id)
      if (!run) return missing(id)
      const scenario = scenarios[id] ?? ({} as ScenarioInput)
      return ok({ run, scenario, events: library.events?.[id] ?? [] })
    },
    'runs.overview': ({ id }: { id: string }) => {
      const run = find(id)
      if (!run) return missing(id)
      return ok(
        library.overviews?.[id] ?? {
          timesS: [run.simulatedS],
          dieCompute: [0.5],
          linkUtilization: [0.25],
          kpis: {}
        }
      )
    },
    'runs.kpis': ({ id, names }: { id: string; names?: string[] }) => {
      const run = find(id)
      if (!run) return missing(id)
      const series = library.kpis?.[id] ?? { timesS: [run.simulatedS], kpis: {} }
      // like main: only the columns asked for
      const kpis = Object.fromEntries(
        Object.entries(series.kpis).filter(([name]) => !names || names.includes(name))
      )
      return ok({ timesS: series.timesS, kpis })
    },
    'runs.frameAt': ({ id, atS }: { id: string; atS: number }) => {
      const run = find(id)
      if (!run) return missing(id)
      // like the library: the last frame at or before the time, one a second; every die of a
      // run with parts as busy as the frame's time is far into the run
      const at = Math.min(Math.floor(atS), run.simulatedS)
      const counts = countsOfSystem(run.system)
      const frame = createFrame(at, at, counts)
      frame.dieCompute.fill(at / Math.max(1, run.simulatedS))
      return ok({ index: at, simTimeS: at, data: bytesToBase64(new Uint8Array(frame.buffer)) })
    },
    // issue 7's editor, comparison and validation calls: no renderer view uses them yet
    'scenarios.validate': () => notYet('scenarios.validate'),
    'scenarios.save': () => notYet('scenarios.save'),
    'comparisons.list': () => notYet('comparisons.list'),
    'comparisons.run': () => notYet('comparisons.run'),
    'comparisons.cancel': () => notYet('comparisons.cancel'),
    'comparisons.status': () => notYet('comparisons.status'),
    'runs.compare': () => notYet('runs.compare'),
    'validation.get': () => notYet('validation.get'),
    // present mode's tours: test/renderer/present/fakeTours.ts gives them as overrides
    'tours.list': () => ok<'tours.list'>([]),
    'tours.save': () => notYet('tours.save'),
    'tours.delete': () => notYet('tours.delete'),
    // the export menu: test/renderer/export/fakeExports.ts gives them as overrides
    'exports.save': () => notYet('exports.save'),
    'exports.pdf': () => notYet('exports.pdf'),
    // a dropped file: test/renderer/ui/useFileDrop.test.tsx gives them as overrides
    'app.openPath': () => notYet('app.openPath'),
    'app.openDropped': () => notYet('app.openDropped'),
    'runs.rename': ({ id, name }: { id: string; name: string }) => {
      const run = find(id)
      if (!run) return missing(id)
      const renamed = { ...run, name: name.trim() }
      saved = saved.map((r) => (r.id === id ? renamed : r))
      changed()
      return ok(renamed)
    },
    'runs.delete': ({ id }: { id: string }) => {
      if (!find(id)) return missing(id)
      if (replay.runId === id) closeReplay()
      saved = saved.filter((r) => r.id !== id)
      changed()
      return ok({ deleted: id })
    },
    'runs.export': ({ id }: { id: string }) => {
      const run = find(id)
      return run ? ok({ path: `/home/ada/${run.id}.twinrun` }) : missing(id)
    },
    'runs.exportCsv': ({ id }: { id: string }) => {
      const run = find(id)
      return run ? ok({ path: `/home/ada/${run.id}.csv` }) : missing(id)
    },
    // as when the user cancels the dialog
    'runs.import': () => ok([]),
    'runs.rerun': ({ id, speed }: { id: string; speed?: number | 'max' }) => {
      const run = find(id)
      if (!run) return missing(id)
      const system = run.system as RunStatus['system']
      const reply = startRun({ id: null, name: run.scenarioName, system, speed, saved: true })
      // saved with the scenario it re-runs
      if (scenarios[id]) scenarios[status.runId!] = scenarios[id]
      saved = [
        savedRun({
          id: status.runId!,
          name: `${run.name} (re-run)`,
          system: run.system,
          scenarioName: run.scenarioName,
          status: 'running',
          simulatedS: 0,
          frameCount: 0,
          summary: null,
          finishedAt: null
        }),
        ...saved
      ]
      changed()
      return reply
    },
    'replay.open': ({ id, atS }: { id: string; atS?: number }) => {
      const run = find(id)
      if (!run) return missing(id)
      if (run.frameCount === 0) {
        return refuse('invalid-argument', `run '${run.name}' has no saved frames to replay`, 'id')
      }
      return setReplay({
        state: 'paused',
        runId: run.id,
        name: run.name,
        system: run.system,
        endS: run.simulatedS,
        sampleIntervalS: run.sampleIntervalS,
        positionS: showReplayAt(run, atS ?? 0),
        speed: replay.speed
      })
    },
    'replay.seek': ({ timeS }: { timeS: number }) => {
      const run = openRun()
      return run ? setReplay({ ...replay, positionS: showReplayAt(run, timeS) }) : notOpen()
    },
    'replay.play': () => (openRun() ? setReplay({ ...replay, state: 'playing' }) : notOpen()),
    'replay.pause': () => (openRun() ? setReplay({ ...replay, state: 'paused' }) : notOpen()),
    'replay.setSpeed': ({ speed }: { speed: number }) => {
      if (!(speed >= REPLAY_SPEEDS.min && speed <= REPLAY_SPEEDS.max)) {
        return refuse('invalid-argument', `replay speed must be from 0.25x to 64x`, 'speed')
      }
      return openRun() ? setReplay({ ...replay, speed }) : notOpen()
    },
    'replay.close': () => {
      closeReplay()
      return ok(replay)
    },
    'replay.status': () => ok(replay)
  }

  /** how many frame and event listeners were subscribed when each method was called */
  const listenersAtCall: { method: TwinMethod; listeners: number }[] = []
  const invoke = vi.fn(async (method: TwinMethod, args: unknown) => {
    listenersAtCall.push({ method, listeners: frameListeners.size + eventListeners.size })
    const handler = (overrides[method] ?? host[method]) as (a: unknown) => unknown
    return handler(args) as TwinResponse<TwinMethod>
  })
  const api: TwinApi = {
    invoke: invoke as unknown as TwinApi['invoke'],
    onFrame(listener) {
      frameListeners.add(listener)
      return () => frameListeners.delete(listener)
    },
    onEvent(listener) {
      eventListeners.add(listener)
      return () => eventListeners.delete(listener)
    }
  }
  return {
    api,
    invoke,
    /** the methods called so far, in order */
    methods: () => invoke.mock.calls.map(([method]) => method),
    listenersWhenCalled: (method: TwinMethod) =>
      listenersAtCall.find((c) => c.method === method)?.listeners,
    sendFrame,
    /** pushes a status as main would (e.g. the run finishing or failing on its own) */
    pushStatus: (next: Partial<RunStatus>) => update({ ...status, ...next }),
    /** moves an open replay as its playback would, sending its frame and status */
    playTo: (timeS: number) => {
      const run = openRun()
      if (!run) throw new Error('no replay is open')
      return setReplay({ ...replay, positionS: showReplayAt(run, timeS) })
    },
    /** saves a run as main does when one starts elsewhere, and says the library changed */
    addRun: (run: RunRecord) => {
      saved = [run, ...saved]
      changed()
    },
    sendEvent,
    status: () => status,
    replay: () => replay,
    savedRuns: () => saved,
    listenerCount: () => frameListeners.size + eventListeners.size
  }
}
