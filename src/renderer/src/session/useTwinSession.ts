import { useEffect, useState } from 'react'
import { type EngineStatus, type TwinApi, type Unsubscribe, call } from '../../../shared/api'
import { TwinError } from '../../../shared/errors'
import type { SystemId } from '../../../shared/systems'
import type { Topology } from '../../../engine/topology/types'
import { TelemetryStore } from '../telemetry/telemetryStore'

export type LoadingStep = 'topology' | 'engine'

export type SessionState =
  | { phase: 'loading'; step: LoadingStep }
  | { phase: 'error'; step: LoadingStep; message: string; code: string | null }
  | { phase: 'ready'; topology: Topology; telemetry: TelemetryStore }

export interface TwinSession {
  state: SessionState
  /** newest engine status: the start reply, then every engine.status event */
  engine: EngineStatus | null
}

/**
 * Loads the topology, subscribes to frames and events, then starts the engine. Subscribing
 * before the start means the first frames are not lost; frames only reach the store, never
 * React state.
 */
export function useTwinSession(connect: () => TwinApi, system: SystemId): TwinSession {
  const [state, setState] = useState<SessionState>({ phase: 'loading', step: 'topology' })
  const [engine, setEngine] = useState<EngineStatus | null>(null)

  useEffect(() => {
    let cancelled = false
    let step: LoadingStep = 'topology'
    let sawStatusEvent = false
    const unsubscribes: Unsubscribe[] = []

    const run = async (): Promise<void> => {
      const api = connect()
      const topology = await call(api, 'topology.get', { system })
      if (cancelled) return
      const telemetry = new TelemetryStore({
        dies: topology.dies.length,
        cpus: topology.cpus.length,
        links: topology.links.length
      })
      unsubscribes.push(api.onFrame((frame) => telemetry.push(frame)))
      unsubscribes.push(
        api.onEvent((event) => {
          if (event.type !== 'engine.status' || cancelled) return
          sawStatusEvent = true
          setEngine(event.status)
        })
      )
      step = 'engine'
      setState({ phase: 'loading', step })
      const status = await call(api, 'engine.start', { system })
      if (cancelled) return
      // An event may overtake the reply; it is at least as new, so it wins.
      if (!sawStatusEvent) setEngine(status)
      setState({ phase: 'ready', topology, telemetry })
    }

    run().catch((error: unknown) => {
      if (cancelled) return
      setState({
        phase: 'error',
        step,
        message: error instanceof Error ? error.message : String(error),
        code: error instanceof TwinError ? error.code : null
      })
    })
    return () => {
      cancelled = true
      for (const unsubscribe of unsubscribes) unsubscribe()
    }
  }, [connect, system])

  return { state, engine }
}
