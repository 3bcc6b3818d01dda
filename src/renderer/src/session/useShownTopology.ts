import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { SystemSummary } from '../../../shared/api'
import type { Topology } from '../../../engine/topology/types'
import { sceneCaptureOf } from '../scene/captureRegistry'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import type { ViewState } from '../view/viewState'
import { type SystemIdOf, type TopologyCache, countsOf } from './topologyCache'

/**
 * What the hall area shows for the system shown: its hall ('drawn'), nothing because the system
 * has no part-level topology ('none'), or nothing yet ('loading') or at all ('failed') because
 * its topology did not come.
 */
export type HallState = 'drawn' | 'none' | 'loading' | 'failed'

export interface ShownHall {
  /** the system the hall area is for; null for one the twin did not list */
  summary: SystemSummary | null
  system: string
  /** the topology the hall draws and the view tools address; null unless 'drawn' */
  topology: Topology | null
  state: HallState
  /** why the topology did not come ('failed') */
  error: string | null
  /**
   * Resolves once the hall area shows `system` (switched, and a new hall mounted), or after a
   * few seconds whatever happened: present mode opens a step's run, waits for this, then sets
   * the step's camera, which the switch would otherwise reset.
   */
  settle(system: string): Promise<void>
}

/** what the session gives the hook */
export interface ShownTopologySource {
  topology: Topology
  topologies: TopologyCache
  telemetry: TelemetryStore
  systems: SystemSummary[]
}

/** the longest a step waits for the hall to switch (a hall that never comes must not stall) */
export const SETTLE_TIMEOUT_MS = 5000

interface Hall {
  system: string
  topology: Topology | null
  state: HallState
  error: string | null
}

interface Waiter {
  system: string
  resolve(): void
}

/** a topology load that failed, for the system shown when it did */
interface Failure {
  system: string
  error: string
}

/** the hall `system` wants now: its topology when kept, else why there is none (yet) */
function hallFor(source: ShownTopologySource, system: string, failure: Failure | null): Hall {
  const summary = source.systems.find((s) => s.id === system)
  if (!summary?.hasTopology) return { system, topology: null, state: 'none', error: null }
  const topology = source.topologies.get(system)
  if (topology) return { system, topology, state: 'drawn', error: null }
  if (failure?.system === system)
    return { system, topology: null, state: 'failed', error: failure.error }
  return { system, topology: null, state: 'loading', error: null }
}

/**
 * The hall follows the system shown (the replayed run's while a replay is open, else the live
 * run's; the last one shown while neither names one). When its topology changes, a layout
 * effect (before the screen shows anything of it) points the telemetry store's hall frame at
 * the new topology, clears the selection and hover (parts of the old topology) and asks the
 * camera for the whole hall; the app mounts a new hall for the new topology. Topologies are
 * loaded once per system (TopologyCache); one that failed is asked for again the next time its
 * system is shown.
 */
export function useShownTopology(
  source: ShownTopologySource | null,
  shownSystem: string | null | undefined,
  view: ViewState
): ShownHall | null {
  // the system shown last: the hall stays on it while no run or replay names one
  const [lastSystem, setLastSystem] = useState<string | null>(null)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [, setLoads] = useState(0)
  const system = shownSystem ?? lastSystem ?? source?.topology.system ?? null
  if (shownSystem && shownSystem !== lastSystem) {
    // adjusting state as the system shown changes: a failed load is asked for again next time
    setLastSystem(shownSystem)
    if (failure && failure.system !== shownSystem) setFailure(null)
  }
  const hall = source && system ? hallFor(source, system, failure) : null
  const loading = hall?.state === 'loading' ? hall.system : null

  useEffect(() => {
    if (!source || loading === null) return
    source.topologies.load(loading as SystemIdOf).then(
      () => setLoads((n) => n + 1),
      (error: unknown) =>
        setFailure({
          system: loading,
          error: error instanceof Error ? error.message : String(error)
        })
    )
  }, [source, loading])

  // the topology the store and the view were set for last (the session's first to begin with)
  const drawnFor = useRef<Topology | null | undefined>(undefined)
  // the hall committed last and the steps waiting for a hall, read by settle() between renders
  const committed = useRef<Hall | null>(null)
  const waiters = useRef<Waiter[]>([])

  useLayoutEffect(() => {
    if (!source || !hall) return
    drawnFor.current ??= source.topology
    if (drawnFor.current !== hall.topology) {
      source.telemetry.drawTopology(hall.topology ? countsOf(hall.topology) : null)
      view.select(null)
      view.hover(null)
      view.flyTo('hall')
      drawnFor.current = hall.topology
    }
    committed.current = hall
    if (hall.state === 'loading') return
    const ready = waiters.current.filter((w) => w.system === hall.system)
    waiters.current = waiters.current.filter((w) => w.system !== hall.system)
    for (const waiter of ready) waiter.resolve()
  })

  // nothing waits on a hall that will not switch any more
  useEffect(
    () => () => {
      for (const waiter of waiters.current) waiter.resolve()
      waiters.current = []
    },
    []
  )

  const settle = useCallback(async (system: string): Promise<void> => {
    const started = Date.now()
    const shown = committed.current
    if (!(shown && shown.system === system && shown.state !== 'loading')) {
      await new Promise<void>((resolve) => {
        const waiter: Waiter = {
          system,
          resolve: () => {
            clearTimeout(timer)
            resolve()
          }
        }
        const timer = setTimeout(() => {
          waiters.current = waiters.current.filter((w) => w !== waiter)
          resolve()
        }, SETTLE_TIMEOUT_MS)
        waiters.current.push(waiter)
      })
    }
    // the new hall mounts after the switch: wait until it can be drawn and captured
    if (committed.current?.system === system && committed.current.state === 'drawn') {
      await sceneCaptureOf(system, Math.max(0, SETTLE_TIMEOUT_MS - (Date.now() - started)))
    }
  }, [])

  if (!source || !hall) return null
  return {
    summary: source.systems.find((s) => s.id === hall.system) ?? null,
    ...hall,
    settle
  }
}
