import type { EntityCounts } from '../../shared/frame'
import type { Topology } from '../topology/types'

/** The entity counts a frame of this topology carries (shared/frame.ts). */
export function frameCountsOf(topology: Topology): EntityCounts {
  return { dies: topology.dies.length, cpus: topology.cpus.length, links: topology.links.length }
}
