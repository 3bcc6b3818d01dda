import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type {
  ReplayStatus,
  RunStatus,
  ScenarioPreset,
  SystemSummary,
  TwinApi,
  Unsubscribe
} from '../../../shared/api'
import { call } from '../../../shared/api'
import type { Topology } from '../../../engine/topology/types'
import { TelemetryStore } from '../telemetry/telemetryStore'
import { type Feedback, problemOf, useFeedback } from './feedback'
import { CLOSED_REPLAY } from '../../../shared/library'
import { ReplayController, isReplaying } from './replayController'
import { RunController, type RunSpeed } from './runController'
import { throttleStatus } from './statusThrottle'
import { TopologyCache, countsOf } from './topologyCache'

export type { Problem } from './feedback'

/**
 * The system the hall draws first, whose topology the app cannot start without. The hall then
 * follows the system shown (session/useShownTopology.ts): the HGX clusters' topologies are
 * loaded at the start too, so their runs' frames are accepted and drawn.
 */
export const HALL_SYSTEM = 'cloudmatrix384'
/** what `npm start` shows at once: the default preset at ten simulated seconds per second */
export const DEFAULT_SCENARIO = 'default'
export const DEFAULT_SPEED: RunSpeed = 10

export type LoadingStep = 'connect' | 'topology' | 'systems' | 'scenarios'

export type SessionState =
  | { phase: 'loading' }
  | { phase: 'error'; step: LoadingStep; message: string; code: string | null }
  | {
      phase: 'ready'
      /** for the parts of the UI that call the twin themselves (the run library) */
      api: TwinApi
      /** HALL_SYSTEM's topology, the hall's first */
      topology: Topology
      /** every system's topology loaded so far (HALL_SYSTEM's, the others' as they come) */
      topologies: TopologyCache
      telemetry: TelemetryStore
      scenarios: ScenarioPreset[]
      systems: SystemSummary[]
    }

/** a saved run as commands name it: by id, and by name in their messages */
export interface SavedRunRef {
  id: string
  name: string
}

export interface RunCommands {
  start(scenario: string, speed: RunSpeed): void
  pause(): void
  resume(): void
  stop(): void
  setSpeed(speed: RunSpeed): void
  rerun(run: SavedRunRef, speed: RunSpeed): void
  dismissProblem(): void
}

export interface ReplayCommands {
  open(run: SavedRunRef): void
  toggle(): void
  setSpeed(speed: number): void
  /** throttled; resolves once this seek (or a newer one) is answered */
  seek(timeS: number): Promise<void>
  nudge(deltaS: number): void
  close(): void
  /** opens a saved run paused at `atS` (present mode's steps); rejects when it cannot */
  show(runId: string, atS: number): Promise<ReplayStatus>
}

export interface TwinSession {
  state: SessionState
  /** the newest run status, throttled to a few updates a second while a run progresses */
  run: RunStatus | null
  /** the newest replay status (main sends at most four a second while it plays) */
  replay: ReplayStatus
  feedback: Feedback
  commands: RunCommands
  replayCommands: ReplayCommands
}

interface Controllers {
  run: RunController
  replay: ReplayController
}

/** loads every system's topology but the hall's first (one that fails is asked again later) */
async function loadOtherTopologies(cache: TopologyCache, systems: SystemSummary[]): Promise<void> {
  const others = systems.filter((s) => s.hasTopology && s.id !== HALL_SYSTEM)
  await Promise.all(others.map((s) => cache.load(s.id).catch(() => null)))
}

/** the preset to start with: 'default' when the list has it, else the first */
export function initialScenario(scenarios: ScenarioPreset[]): ScenarioPreset | null {
  return scenarios.find((s) => s.id === DEFAULT_SCENARIO) ?? scenarios[0] ?? null
}

/**
 * Loads what the UI needs (the hall's topology, the systems, the scenario presets), subscribes
 * to frames, run and replay statuses, then starts the default preset. Subscribing before the
 * start means the first frames are not lost; frames only reach the store, never React state.
 */
export function useTwinSession(connect: () => TwinApi): TwinSession {
  const [state, setState] = useState<SessionState>({ phase: 'loading' })
  const [run, setRun] = useState<RunStatus | null>(null)
  const [replay, setReplay] = useState<ReplayStatus>(CLOSED_REPLAY)
  const feedback = useFeedback()
  const { perform, report } = feedback
  const controllersRef = useRef<Controllers | null>(null)

  useEffect(() => {
    let cancelled = false
    let failedStep: LoadingStep | null = null
    const unsubscribes: Unsubscribe[] = []
    const throttle = throttleStatus((status) => {
      if (!cancelled) setRun(status)
    })

    const load = async (): Promise<void> => {
      const api = connect()
      const step = <T>(name: LoadingStep, promise: Promise<T>): Promise<T> =>
        promise.catch((error: unknown) => {
          // Promise.all reports the first failure; name that step, not a later one
          failedStep ??= name
          throw error
        })
      const [topology, systems, scenarios] = await Promise.all([
        step('topology', call(api, 'topology.get', { system: HALL_SYSTEM })),
        step('systems', call(api, 'systems.list', {})),
        step('scenarios', call(api, 'scenarios.list', {}))
      ])
      // frames of runs on the other systems with a topology carry their parts: accepted, and
      // drawn when the hall shows that system. Not a loading step that can fail: a topology
      // that does not come now is asked for again when its system is shown.
      const telemetry = new TelemetryStore(countsOf(topology))
      const topologies = new TopologyCache(api, (t) => telemetry.knowTopologies([countsOf(t)]))
      topologies.add(topology)
      await loadOtherTopologies(topologies, systems)
      if (cancelled) return
      const controller = new RunController(api, telemetry)
      const replayer = new ReplayController(api, telemetry, (error) => {
        if (!cancelled) report('Could not seek the replay', error)
      })
      unsubscribes.push(api.onFrame((frame) => telemetry.push(frame)))
      unsubscribes.push(controller.connect())
      unsubscribes.push(controller.onStatus((status) => throttle.push(status)))
      unsubscribes.push(replayer.connect())
      unsubscribes.push(replayer.onStatus((status) => setReplay(status)))
      controllersRef.current = { run: controller, replay: replayer }
      setState({ phase: 'ready', api, topology, topologies, telemetry, scenarios, systems })

      // A view that connects to a twin already busy (a reload, a second window, a run or replay
      // opened from the desktop's command line) follows what it is doing instead of replacing it.
      const [live, replaying] = await Promise.all([controller.refresh(), replayer.refresh()])
      if (cancelled) return
      if (live.state === 'running' || live.state === 'paused' || isReplaying(replaying)) return

      const first = initialScenario(scenarios)
      if (!first) return
      try {
        await controller.start(first.id, DEFAULT_SPEED)
      } catch (error) {
        if (!cancelled) report(`Could not start “${first.name}”`, error)
      }
    }

    load().catch((error: unknown) => {
      if (cancelled) return
      const { message, code } = problemOf('', error)
      setState({ phase: 'error', step: failedStep ?? 'connect', message, code })
    })
    return () => {
      cancelled = true
      throttle.cancel()
      controllersRef.current = null
      for (const unsubscribe of unsubscribes) unsubscribe()
    }
  }, [connect, report])

  const command = useCallback(
    (title: string, action: (controllers: Controllers) => Promise<unknown>): void => {
      const controllers = controllersRef.current
      if (!controllers) return
      void perform(title, async () => {
        await action(controllers)
      })
    },
    [perform]
  )

  const commands = useMemo<RunCommands>(
    () => ({
      start: (scenario, speed) =>
        command('Could not start the run', (c) => c.run.start(scenario, speed)),
      pause: () => command('Could not pause the run', (c) => c.run.pause()),
      resume: () => command('Could not resume the run', (c) => c.run.resume()),
      stop: () => command('Could not stop the run', (c) => c.run.stop()),
      setSpeed: (speed) => command('Could not change the speed', (c) => c.run.setSpeed(speed)),
      rerun: (saved, speed) =>
        command(`Could not re-run “${saved.name}”`, (c) => c.run.rerun(saved.id, speed)),
      dismissProblem: feedback.dismissProblem
    }),
    [command, feedback.dismissProblem]
  )

  const replayCommands = useMemo<ReplayCommands>(
    () => ({
      open: (saved) =>
        command(`Could not open “${saved.name}” for replay`, (c) => c.replay.open(saved.id)),
      toggle: () => command('Could not play or pause the replay', (c) => c.replay.toggle()),
      setSpeed: (speed) =>
        command('Could not change the replay speed', (c) => c.replay.setSpeed(speed)),
      seek: (timeS) => controllersRef.current?.replay.seek(timeS) ?? Promise.resolve(),
      nudge: (deltaS) => void controllersRef.current?.replay.nudge(deltaS),
      close: () => command('Could not close the replay', (c) => c.replay.close()),
      show: async (runId, atS) => {
        const replay = controllersRef.current?.replay
        if (!replay) throw new Error('the twin is not connected')
        return replay.open(runId, atS)
      }
    }),
    [command]
  )

  return { state, run, replay, feedback, commands, replayCommands }
}
