import type { Topology } from '../../../engine/topology/types'
import { DIE_ROLE_NAMES, DieRole, type FrameView } from '../../../shared/frame'
import type { DieMetricSpec } from '../view/dieMetrics'
import type { PartRef } from '../view/viewState'
import { partId } from '../view/parts'

/** The hover tooltip's two lines: which part, and what the drawn frame says about it. */
export interface PartInfo {
  title: string
  detail: string
}

function figure(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'no data'
  const digits = unit === 'GB' ? 1 : 0
  return `${value.toFixed(digits)}${unit === '%' ? ' %' : unit ? ` ${unit}` : ''}`
}

const LINK_KINDS = {
  'die-l1': 'die to L1 (in node)',
  'l1-l2': 'UB optical L1 to L2',
  rdma: 'RDMA uplink',
  vpc: 'VPC uplink'
} as const

/**
 * CloudMatrix384's UB runs L1 chips up to L2 switches; an HGX node's NVSwitch fabric (its one
 * "L1 switch") ends at the node.
 */
const hasL2Tier = (t: Topology): boolean => t.l2Switches.length > 0

/** Describes `part` with the values of `frame` (the one drawn); dies by the painted metric. */
export function describePart(
  t: Topology,
  part: PartRef,
  frame: FrameView | null,
  spec: DieMetricSpec
): PartInfo {
  const title = partId(t, part) ?? `${part.kind} ${part.index}`
  switch (part.kind) {
    case 'die': {
      if (!frame) return { title, detail: `${spec.label}: no data` }
      const role = frame.dieRole[part.index]!
      if (role === DieRole.failed) return { title, detail: 'failed' }
      if (spec.kind === 'roles') return { title, detail: `Role: ${DIE_ROLE_NAMES[role]}` }
      if (role === DieRole.idle) return { title, detail: 'idle (not serving)' }
      return { title, detail: `${spec.label}: ${figure(spec.value(frame, part.index), spec.unit)}` }
    }
    case 'cpu': {
      const value = frame ? frame.cpuUtilization[part.index]! * 100 : NaN
      return { title, detail: `CPU memory-pool utilization: ${figure(value, '%')}` }
    }
    case 'link': {
      const link = t.links[part.index]
      const value = frame ? frame.linkUtilization[part.index]! * 100 : NaN
      const kind = !link
        ? 'link'
        : link.kind === 'die-l1' && !hasL2Tier(t)
          ? 'GPU to NVSwitch (NVLink)'
          : LINK_KINDS[link.kind]
      return { title, detail: `${kind}, busiest direction: ${figure(value, '%')}` }
    }
    case 'l1Switch':
      if (!hasL2Tier(t)) return { title, detail: 'NVSwitch fabric of the node (NVLink)' }
      return { title, detail: `UB L1 switch, sub-plane ${t.l1Switches[part.index]?.subPlane}` }
    case 'l2Switch':
      return { title, detail: `UB L2 switch, sub-plane ${t.l2Switches[part.index]?.subPlane}` }
    case 'node': {
      const node = t.nodes[part.index]
      return { title, detail: node ? `node in ${t.racks[node.rack]!.id}, slot ${node.slot}` : '' }
    }
    case 'rack': {
      if (t.racks[part.index]?.kind === 'communication') {
        return { title, detail: 'communication rack (UB L2 switches)' }
      }
      const nodes = t.nodes.filter((n) => n.rack === part.index).length
      return { title, detail: `compute rack (${nodes} nodes)` }
    }
  }
}
