import { type SystemSummary, type TwinApi, call } from '../../../shared/api'
import type { EntityCounts } from '../../../shared/frame'
import type { Topology } from '../../../engine/topology/types'

export type SystemIdOf = SystemSummary['id']

export const countsOf = (t: Topology): EntityCounts => ({
  dies: t.dies.length,
  cpus: t.cpus.length,
  links: t.links.length
})

/**
 * The part-level topologies of the session's systems, each asked of the twin once
 * (`topology.get`) and kept: the hall switches between them as the system shown changes. A
 * load that failed is forgotten, so the next time the system is shown asks again.
 */
export class TopologyCache {
  private readonly loaded = new Map<string, Topology>()
  private readonly pending = new Map<string, Promise<Topology>>()

  constructor(
    private readonly api: TwinApi,
    /** each topology as it arrives (the telemetry store learns its frames' shape) */
    private readonly onLoaded: (topology: Topology) => void = () => {}
  ) {}

  /** the system's topology when it has been loaded */
  get(system: string): Topology | undefined {
    return this.loaded.get(system)
  }

  /** keeps a topology loaded elsewhere (the session's first) */
  add(topology: Topology): void {
    this.loaded.set(topology.system, topology)
    this.onLoaded(topology)
  }

  /** the system's topology: the kept one, the load under way, or a new load */
  load(system: SystemIdOf): Promise<Topology> {
    const kept = this.loaded.get(system)
    if (kept) return Promise.resolve(kept)
    let loading = this.pending.get(system)
    if (!loading) {
      loading = call(this.api, 'topology.get', { system }).then(
        (topology) => {
          this.pending.delete(system)
          this.add(topology)
          return topology
        },
        (error: unknown) => {
          this.pending.delete(system)
          throw error
        }
      )
      this.pending.set(system, loading)
    }
    return loading
  }
}
