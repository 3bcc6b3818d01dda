import type { Topology } from '../../../engine/topology/types'
import type { PartRef } from '../view/viewState'
import type { HallLayout, PartLayout } from './layout'

/**
 * Where the hall draws its parts: the layout block of each kind, and the switch shelves that
 * stand for their racks. How parts relate in the topology is in view/parts.ts.
 */

/** the layout part drawing each kind (links have no box) */
export function layoutOf(layout: HallLayout, kind: PartRef['kind']): PartLayout | null {
  switch (kind) {
    case 'rack':
      return layout.racks
    case 'node':
      return layout.nodes
    case 'die':
      return layout.dies
    case 'cpu':
      return layout.cpus
    case 'l1Switch':
      return layout.l1Switches
    case 'l2Switch':
      return layout.l2Switches
    default:
      return null
  }
}

/**
 * Switch shelves are drawn per communication rack and sub-plane (layout.shelves order); a
 * shelf stands for its rack when picked.
 */
export function rackOfShelf(t: Topology, shelf: number): number | null {
  const communication = t.racks.filter((r) => r.kind === 'communication')
  return communication[Math.floor(shelf / t.subPlanes)]?.index ?? null
}
