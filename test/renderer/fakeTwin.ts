import { vi } from 'vitest'
import { getTopology } from '../../src/engine/topology'
import type {
  RunStatus,
  ScenarioPreset,
  SystemSummary,
  TwinApi,
  TwinEvent,
  TwinMethod,
  TwinResponse,
  TwinResults
} from '../../src/shared/api'
import type { TwinErrorData } from '../../src/shared/errors'

export const topology = getTopology('cloudmatrix384')
export const hallCounts = {
  dies: topology.dies.length,
  cpus: topology.cpus.length,
  links: topology.links.length
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
    description: 'A system without a part-level topology.',
    system: 'h800-deepseek'
  }
]

export const systems: SystemSummary[] = [
  { id: 'cloudmatrix384', name: 'Huawei CloudMatrix384', hasTopology: true },
  { id: 'h800-deepseek', name: 'NVIDIA H800 (DeepSeek)', hasTopology: false }
]

export const idleStatus: RunStatus = {
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
  error: null
}

type Handler = (args: never) => Promise<TwinResponse<TwinMethod>> | TwinResponse<TwinMethod>
type Overrides = { [M in TwinMethod]?: (args: never) => Promise<TwinResponse<M>> }

export const ok = <M extends TwinMethod>(value: TwinResults[M]): TwinResponse<M> => ({
  ok: true,
  value
})
export const fail = (error: TwinErrorData) => () => Promise.resolve({ ok: false as const, error })

/**
 * A TwinApi held in memory, with a small run host behind it that moves between states as
 * main's does (and, like main, emits a run.status event before each reply). `overrides`
 * replace single methods; frames and further events are pushed by the test.
 */
export function fakeTwin(overrides: Overrides = {}) {
  const frameListeners = new Set<(frame: ArrayBuffer) => void>()
  const eventListeners = new Set<(event: TwinEvent) => void>()
  let status: RunStatus = idleStatus
  let runs = 0
  const sendEvent = (event: TwinEvent): void => eventListeners.forEach((l) => l(event))
  const update = (next: RunStatus): TwinResponse<TwinMethod> => {
    status = next
    sendEvent({ type: 'run.status', status })
    return ok(status)
  }
  const live = (): boolean => status.state === 'running' || status.state === 'paused'

  const host: Record<TwinMethod, Handler> = {
    'app.info': () => ok({ name: 'Supernode Twin', version: '0.0.0', versions: {} }),
    'systems.list': () => ok(systems),
    'topology.get': () => ok(topology),
    'scenarios.list': () => ok(presets),
    'scenarios.get': () => ({ ok: false, error: { code: 'internal', message: 'not faked' } }),
    'run.start': (args: { scenario: string; speed?: number | 'max' }) => {
      const preset = presets.find((p) => p.id === args.scenario)!
      const speed = args.speed ?? 10
      return update({
        ...idleStatus,
        state: 'running',
        runId: `run-${++runs}`,
        scenarioId: preset.id,
        scenarioName: preset.name,
        system: preset.system,
        durationS: 600,
        sampleIntervalS: 1,
        speed: speed === 'max' ? null : speed
      })
    },
    'run.pause': () =>
      status.state === 'running' ? update({ ...status, state: 'paused' }) : ok(status),
    'run.resume': () =>
      status.state === 'paused' ? update({ ...status, state: 'running' }) : ok(status),
    'run.stop': () => (live() ? update({ ...status, state: 'stopped' }) : ok(status)),
    'run.setSpeed': (args: { speed: number | 'max' }) =>
      update({ ...status, speed: args.speed === 'max' ? null : args.speed }),
    'run.status': () => ok(status)
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
    sendFrame: (frame: ArrayBuffer) => frameListeners.forEach((l) => l(frame)),
    /** pushes a status as main would (e.g. the run finishing or failing on its own) */
    pushStatus: (next: Partial<RunStatus>) => update({ ...status, ...next }),
    sendEvent,
    status: () => status,
    listenerCount: () => frameListeners.size + eventListeners.size
  }
}
