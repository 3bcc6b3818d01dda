import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type {
  RunStatus,
  ScenarioPreset,
  SystemSummary,
  TwinApi,
  Unsubscribe
} from '../../../shared/api'
import { call } from '../../../shared/api'
import { TwinError } from '../../../shared/errors'
import type { Topology } from '../../../engine/topology/types'
import { TelemetryStore } from '../telemetry/telemetryStore'
import { RunController, type RunSpeed } from './runController'
import { throttleStatus } from './statusThrottle'

/** The hall is CloudMatrix384's: the only system with a part-level topology so far. */
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
      topology: Topology
      telemetry: TelemetryStore
      scenarios: ScenarioPreset[]
      systems: SystemSummary[]
    }

/** a refused or failed command, shown until the next one succeeds or it is dismissed */
export interface Problem {
  title: string
  message: string
  code: string | null
}

export interface RunCommands {
  start(scenario: string, speed: RunSpeed): void
  pause(): void
  resume(): void
  stop(): void
  setSpeed(speed: RunSpeed): void
  dismissProblem(): void
}

export interface TwinSession {
  state: SessionState
  /** the newest run status, throttled to a few updates a second while a run progresses */
  run: RunStatus | null
  problem: Problem | null
  commands: RunCommands
}

function problemOf(title: string, error: unknown): Problem {
  return {
    title,
    message: error instanceof Error ? error.message : String(error),
    code: error instanceof TwinError ? error.code : null
  }
}

/** the preset to start with: 'default' when the list has it, else the first */
export function initialScenario(scenarios: ScenarioPreset[]): ScenarioPreset | null {
  return scenarios.find((s) => s.id === DEFAULT_SCENARIO) ?? scenarios[0] ?? null
}

/**
 * Loads what the UI needs (the hall's topology, the systems, the scenario presets), subscribes
 * to frames and run statuses, then starts the default preset. Subscribing before the start
 * means the first frames are not lost; frames only reach the store, never React state.
 */
export function useTwinSession(connect: () => TwinApi): TwinSession {
  const [state, setState] = useState<SessionState>({ phase: 'loading' })
  const [run, setRun] = useState<RunStatus | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const controllerRef = useRef<RunController | null>(null)

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
      if (cancelled) return
      const telemetry = new TelemetryStore({
        dies: topology.dies.length,
        cpus: topology.cpus.length,
        links: topology.links.length
      })
      const controller = new RunController(api, telemetry)
      unsubscribes.push(api.onFrame((frame) => telemetry.push(frame)))
      unsubscribes.push(controller.connect())
      unsubscribes.push(controller.onStatus((status) => throttle.push(status)))
      controllerRef.current = controller
      setState({ phase: 'ready', topology, telemetry, scenarios, systems })

      const first = initialScenario(scenarios)
      if (!first) return
      try {
        await controller.start(first.id, DEFAULT_SPEED)
      } catch (error) {
        if (!cancelled) setProblem(problemOf(`Could not start “${first.name}”`, error))
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
      controllerRef.current = null
      for (const unsubscribe of unsubscribes) unsubscribe()
    }
  }, [connect])

  const command = useCallback(
    (title: string, action: (controller: RunController) => Promise<unknown>): void => {
      const controller = controllerRef.current
      if (!controller) return
      action(controller).then(
        () => setProblem(null),
        (error: unknown) => setProblem(problemOf(title, error))
      )
    },
    []
  )

  const commands = useMemo<RunCommands>(
    () => ({
      start: (scenario, speed) =>
        command('Could not start the run', (c) => c.start(scenario, speed)),
      pause: () => command('Could not pause the run', (c) => c.pause()),
      resume: () => command('Could not resume the run', (c) => c.resume()),
      stop: () => command('Could not stop the run', (c) => c.stop()),
      setSpeed: (speed) => command('Could not change the speed', (c) => c.setSpeed(speed)),
      dismissProblem: () => setProblem(null)
    }),
    [command]
  )

  return { state, run, problem, commands }
}
