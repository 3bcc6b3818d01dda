import type { EntityRef, Topology } from '../../../engine/topology/types'
import type { CameraPreset, PartKind, PartRef, ViewState } from './viewState'

/** What a kind of part is called in the panels (the scene's tooltip may share it). */
export const PART_KIND_LABELS: Record<PartKind, string> = {
  rack: 'rack',
  node: 'node',
  die: 'die',
  cpu: 'CPU',
  l1Switch: 'L1 switch',
  l2Switch: 'L2 switch',
  link: 'link'
}

const LINK_KIND_LABELS = {
  'die-l1': 'die to L1 switch (in-node UB)',
  'l1-l2': 'L1 to L2 switch (optical UB)',
  rdma: 'NPU to the RDMA scale-out plane',
  vpc: 'node to the VPC data-centre plane'
} as const

export function linkKindLabel(kind: keyof typeof LINK_KIND_LABELS): string {
  return LINK_KIND_LABELS[kind]
}

function partsOf(topology: Topology, kind: PartKind): readonly { id: string }[] {
  switch (kind) {
    case 'rack':
      return topology.racks
    case 'node':
      return topology.nodes
    case 'die':
      return topology.dies
    case 'cpu':
      return topology.cpus
    case 'l1Switch':
      return topology.l1Switches
    case 'l2Switch':
      return topology.l2Switches
    case 'link':
      return topology.links
  }
}

/** The part's id (`node-05.npu-3.die-1`), or null when the reference is out of range. */
export function partId(topology: Topology, part: PartRef): string | null {
  return partsOf(topology, part.kind)[part.index]?.id ?? null
}

/** A link end as a part the view can select (NPUs and the outside planes are not parts). */
export function endpointPart(ref: EntityRef): PartRef | null {
  switch (ref.kind) {
    case 'die':
      return { kind: 'die', index: ref.index }
    case 'node':
      return { kind: 'node', index: ref.index }
    case 'l1':
      return { kind: 'l1Switch', index: ref.index }
    case 'l2':
      return { kind: 'l2Switch', index: ref.index }
    default:
      return null
  }
}

export function endpointId(topology: Topology, ref: EntityRef): string {
  switch (ref.kind) {
    case 'die':
      return topology.dies[ref.index]?.id ?? '?'
    case 'npu':
      return topology.npus[ref.index]?.id ?? '?'
    case 'node':
      return topology.nodes[ref.index]?.id ?? '?'
    case 'l1':
      return topology.l1Switches[ref.index]?.id ?? '?'
    case 'l2':
      return topology.l2Switches[ref.index]?.id ?? '?'
    case 'plane':
      return topology.planes[ref.index]?.name ?? '?'
  }
}

function endpointNode(topology: Topology, ref: EntityRef): number | null {
  switch (ref.kind) {
    case 'die':
      return topology.dies[ref.index]?.node ?? null
    case 'npu':
      return topology.npus[ref.index]?.node ?? null
    case 'node':
      return ref.index
    case 'l1':
      return topology.l1Switches[ref.index]?.node ?? null
    default:
      return null
  }
}

/** The node a part sits in (a link's: its first end's); null for racks and L2 switches. */
export function nodeOf(topology: Topology, part: PartRef): number | null {
  switch (part.kind) {
    case 'node':
      return part.index < topology.nodes.length ? part.index : null
    case 'die':
      return topology.dies[part.index]?.node ?? null
    case 'cpu':
      return topology.cpus[part.index]?.node ?? null
    case 'l1Switch':
      return topology.l1Switches[part.index]?.node ?? null
    case 'link': {
      const link = topology.links[part.index]
      return link ? endpointNode(topology, link.from) : null
    }
    default:
      return null
  }
}

/** The rack a part stands in. */
export function rackOf(topology: Topology, part: PartRef): number | null {
  if (part.kind === 'rack') return part.index < topology.racks.length ? part.index : null
  if (part.kind === 'l2Switch') return topology.l2Switches[part.index]?.rack ?? null
  const node = nodeOf(topology, part)
  return node === null ? null : (topology.nodes[node]?.rack ?? null)
}

const rackRef = (index: number): PartRef => ({ kind: 'rack', index })
const nodeRef = (index: number): PartRef => ({ kind: 'node', index })

export interface CameraTarget {
  preset: CameraPreset
  part: PartRef | null
}

/**
 * Where the camera goes to show a part: its node for what sits in a node, its rack for racks
 * and L2 switches, the network view (with the link to bring into view) for links.
 */
export function cameraTarget(topology: Topology, part: PartRef): CameraTarget {
  if (part.kind === 'link') return { preset: 'network', part }
  if (part.kind === 'rack' || part.kind === 'l2Switch') {
    const rack = rackOf(topology, part)
    return rack === null ? { preset: 'hall', part: null } : { preset: 'rack', part: rackRef(rack) }
  }
  const node = nodeOf(topology, part)
  return node === null ? { preset: 'hall', part: null } : { preset: 'node', part: nodeRef(node) }
}

/** Selects a part and asks the camera to show it (search picks, links between parts). */
export function showPart(view: ViewState, topology: Topology, part: PartRef): void {
  view.select(part)
  const target = cameraTarget(topology, part)
  view.flyTo(target.preset, target.part)
}

const ORDINALS = ['bottom', '2nd from the bottom', '3rd from the bottom']
const fromBottom = (slot: number): string => ORDINALS[slot] ?? `${slot + 1}th from the bottom`

/** Where a part is, in words a person can follow in the hall (ids match the hall's labels). */
export function positionWords(topology: Topology, part: PartRef): string {
  const nodeWords = (index: number): string => {
    const node = topology.nodes[index]
    if (!node) return '?'
    return `${node.id}, ${fromBottom(node.slot)} node of ${topology.racks[node.rack]?.id ?? '?'}`
  }
  switch (part.kind) {
    case 'rack': {
      const rack = topology.racks[part.index]
      if (!rack) return ''
      return `${rack.kind} rack, hall row ${rack.row + 1}, position ${rack.column + 1}`
    }
    case 'node':
      return nodeWords(part.index)
    case 'die': {
      const die = topology.dies[part.index]
      const npu = die ? topology.npus[die.npu] : undefined
      if (!die || !npu) return ''
      return `die ${die.slot} of NPU ${npu.slot} in ${nodeWords(die.node)}`
    }
    case 'cpu': {
      const cpu = topology.cpus[part.index]
      return cpu ? `CPU ${cpu.slot} in ${nodeWords(cpu.node)}` : ''
    }
    case 'l1Switch': {
      const l1 = topology.l1Switches[part.index]
      return l1 ? `sub-plane ${l1.subPlane} switch in ${nodeWords(l1.node)}` : ''
    }
    case 'l2Switch': {
      const l2 = topology.l2Switches[part.index]
      if (!l2) return ''
      const rack = topology.racks[l2.rack]?.id ?? '?'
      return `sub-plane ${l2.subPlane}, switch ${l2.slot}, in communication rack ${rack}`
    }
    case 'link': {
      const link = topology.links[part.index]
      if (!link) return ''
      return `${endpointId(topology, link.from)} to ${endpointId(topology, link.to)}`
    }
  }
}
