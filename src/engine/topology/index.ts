import { SYSTEM_IDS, type SystemId } from '../../shared/systems'
import { buildCloudMatrix384 } from './cloudmatrix384'
import { buildHgxCluster } from './hgx'
import type { Topology, TopologyCounts } from './types'

export type * from './types'

/**
 * Systems whose parts and links are modelled one by one: CloudMatrix384 and the two HGX
 * clusters. GB200 NVL72 has none yet (its trays, NVSwitch trays and Grace CPUs are not built).
 */
const builders: Partial<Record<SystemId, () => Topology>> = {
  cloudmatrix384: () => buildCloudMatrix384(),
  'h800-deepseek': () => buildHgxCluster('h800-deepseek'),
  'h100-sglang': () => buildHgxCluster('h100-sglang')
}

/** the systems that have a part-level topology, in SYSTEM_IDS order */
export function systemsWithTopology(): SystemId[] {
  return SYSTEM_IDS.filter(hasTopology)
}

/** why `system` has no topology, naming the systems that have one (for the CLI and the API) */
export function noTopologyMessage(system: SystemId): string {
  return `${system} has no part-level topology yet (only ${systemsWithTopology().join(', ')} have one)`
}

export function hasTopology(system: SystemId): boolean {
  return builders[system] !== undefined
}

export class TopologyUnavailableError extends Error {
  override name = 'TopologyUnavailableError'
}

const cache = new Map<SystemId, Topology>()

/** The topology of a system. Built once and shared: callers must treat it as read-only. */
export function getTopology(system: SystemId): Topology {
  let topology = cache.get(system)
  if (!topology) {
    const build = builders[system]
    if (!build) throw new TopologyUnavailableError(noTopologyMessage(system))
    topology = build()
    cache.set(system, topology)
  }
  return topology
}

export function countTopology(t: Topology): TopologyCounts {
  const linksOf = (kind: string): number => t.links.filter((l) => l.kind === kind).length
  return {
    racks: t.racks.length,
    computeRacks: t.racks.filter((r) => r.kind === 'compute').length,
    communicationRacks: t.racks.filter((r) => r.kind === 'communication').length,
    nodes: t.nodes.length,
    npus: t.npus.length,
    dies: t.dies.length,
    cpus: t.cpus.length,
    l1Switches: t.l1Switches.length,
    l2Switches: t.l2Switches.length,
    ubLinks: linksOf('l1-l2'),
    dieLinks: linksOf('die-l1'),
    rdmaLinks: linksOf('rdma'),
    vpcLinks: linksOf('vpc'),
    links: t.links.length
  }
}
