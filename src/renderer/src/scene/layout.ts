import type { Rack, Topology } from '../../../engine/topology/types'
import {
  AISLE_WIDTH,
  CPU,
  DIE,
  FRONT,
  L1,
  L2,
  NODE,
  RACK,
  RACK_PITCH,
  SHELF,
  TRAY
} from './dimensions'

/**
 * Where every part of the hall sits, as plain numbers: no three.js, so it is tested without
 * WebGL. Two rows of racks face each other across the aisle (z = 0); row 0 lies at negative z.
 */
export type Vec3 = [number, number, number]

/** One part type: `count` axis-aligned boxes of one size, centres as x,y,z triples. */
export interface PartLayout {
  count: number
  centers: Float32Array
  size: Vec3
}

/** Boxes of differing sizes (cable trays). */
export interface BoxLayout {
  count: number
  centers: Float32Array
  sizes: Float32Array
}

export interface RackPlacement {
  /** centre of the rack along the row */
  x: number
  row: number
  /** z of the front plane, the rack's face to the aisle */
  frontZ: number
  /** +1 when the front faces +z (row 0), -1 when it faces -z (row 1) */
  facing: 1 | -1
}

export interface HallLayout {
  placements: RackPlacement[]
  racks: PartLayout
  nodes: PartLayout
  dies: PartLayout
  cpus: PartLayout
  l1Switches: PartLayout
  l2Switches: PartLayout
  /** one switch enclosure per communication rack and sub-plane, behind its L2 chips */
  shelves: PartLayout
  trays: BoxLayout
  /** rack footprint of the whole hall on the floor */
  bounds: { minX: number; maxX: number; minZ: number; maxZ: number }
  /** where RDMA/VPC uplinks leave the hall towards the data-centre network */
  exitX: number
}

export function rackPlacement(rack: Rack, columns: number): RackPlacement {
  if (rack.row !== 0 && rack.row !== 1) {
    throw new Error(`${rack.id}: the hall has two rows facing one aisle, not row ${rack.row}`)
  }
  const facing = rack.row === 0 ? 1 : -1
  return {
    x: (rack.column - (columns - 1) / 2) * RACK_PITCH,
    row: rack.row,
    frontZ: (-facing * AISLE_WIDTH) / 2,
    facing
  }
}

/**
 * A point on a rack's front: `u` runs left to right as seen from the aisle, `inward` is the
 * distance behind the front plane. Mirroring row 1 keeps NPU 0 on the left of both rows.
 */
export function onFront(p: RackPlacement, u: number, y: number, inward: number): Vec3 {
  return [p.x + u * p.facing, y, p.frontZ - p.facing * inward]
}

/** centre of the overhead tray above a row, `inward` from the front plane */
export function trayZ(p: Pick<RackPlacement, 'frontZ' | 'facing'>, inward: number): number {
  return p.frontZ - p.facing * inward
}

export function nodeBottom(slot: number): number {
  return NODE.base + slot * (NODE.height + NODE.gap)
}

export function shelfCenterY(subPlane: number): number {
  return SHELF.base + subPlane * SHELF.pitch + SHELF.height / 2
}

/** where each rack's label floats: above the rack top, just behind its front */
export function rackLabelAnchors(layout: Pick<HallLayout, 'placements'>): Float32Array {
  const anchors = new Float32Array(layout.placements.length * 3)
  layout.placements.forEach((p, i) => {
    anchors.set([p.x, RACK.height + 0.12, p.frontZ - p.facing * 0.1], i * 3)
  })
  return anchors
}

/**
 * where each node's label sits: on its front, in the free band between the L1 chips and the
 * node's top edge, so it covers no chip
 */
export function nodeLabelAnchors(
  t: Pick<Topology, 'nodes'>,
  layout: Pick<HallLayout, 'placements'>
): Float32Array {
  const anchors = new Float32Array(t.nodes.length * 3)
  const bandY = (L1.v + L1.height / 2 + NODE.height) / 2
  for (const node of t.nodes) {
    const p = layout.placements[node.rack]!
    anchors.set(onFront(p, 0, nodeBottom(node.slot) + bandY, 0), node.index * 3)
  }
  return anchors
}

const centred = (index: number, count: number): number => index - (count - 1) / 2

function part(count: number, size: Vec3): PartLayout & { put(i: number, at: Vec3): void } {
  const centers = new Float32Array(count * 3)
  return {
    count,
    centers,
    size,
    put(i, at) {
      centers.set(at, i * 3)
    }
  }
}

/** how many of `items` share each owner: e.g. NPUs per node */
function perOwner<T>(items: readonly T[], owner: (t: T) => number): number {
  const counts = new Map<number, number>()
  for (const item of items) counts.set(owner(item), (counts.get(owner(item)) ?? 0) + 1)
  return Math.max(0, ...counts.values())
}

export function buildHallLayout(t: Topology): HallLayout {
  const columns = Math.max(...t.racks.map((r) => r.column)) + 1
  const placements = t.racks.map((r) => rackPlacement(r, columns))
  const chipZ = FRONT.chip.inset + FRONT.chip.depth / 2
  const panelZ = FRONT.node.inset + FRONT.node.depth / 2
  const bodyDepth = RACK.depth - FRONT.body.inset

  const racks = part(t.racks.length, [RACK.width, RACK.height, bodyDepth])
  placements.forEach((p, i) => {
    racks.put(i, onFront(p, 0, RACK.height / 2, FRONT.body.inset + bodyDepth / 2))
  })

  const nodes = part(t.nodes.length, [NODE.width, NODE.height, FRONT.node.depth])
  for (const node of t.nodes) {
    const y = nodeBottom(node.slot) + NODE.height / 2
    nodes.put(node.index, onFront(placements[node.rack]!, 0, y, panelZ))
  }

  const npusPerNode = perOwner(t.npus, (n) => n.node)
  const dies = part(t.dies.length, [DIE.width, DIE.height, FRONT.chip.depth])
  for (const die of t.dies) {
    const npu = t.npus[die.npu]!
    const node = t.nodes[die.node]!
    const u = centred(npu.slot, npusPerNode) * DIE.npuPitch
    const y = nodeBottom(node.slot) + DIE.v0 + die.slot * DIE.dieStep
    dies.put(die.index, onFront(placements[node.rack]!, u, y, chipZ))
  }

  const cpusPerNode = perOwner(t.cpus, (c) => c.node)
  const cpus = part(t.cpus.length, [CPU.width, CPU.height, FRONT.chip.depth])
  for (const cpu of t.cpus) {
    const node = t.nodes[cpu.node]!
    const u = centred(cpu.slot, cpusPerNode) * CPU.pitch
    cpus.put(cpu.index, onFront(placements[node.rack]!, u, nodeBottom(node.slot) + CPU.v, chipZ))
  }

  const l1Switches = part(t.l1Switches.length, [L1.width, L1.height, FRONT.chip.depth])
  for (const l1 of t.l1Switches) {
    const node = t.nodes[l1.node]!
    const u = centred(l1.subPlane, t.subPlanes) * L1.pitch
    const y = nodeBottom(node.slot) + L1.v
    l1Switches.put(l1.index, onFront(placements[node.rack]!, u, y, chipZ))
  }

  // L2 chips of one sub-plane in one rack share a shelf, left to right by slot.
  const l2PerShelf = perOwner(t.l2Switches, (s) => s.rack * t.subPlanes + s.subPlane)
  const l2Switches = part(t.l2Switches.length, [L2.width, L2.height, FRONT.chip.depth])
  const shelfFill = new Map<number, number>()
  for (const l2 of [...t.l2Switches].sort((a, b) => a.slot - b.slot)) {
    const key = l2.rack * t.subPlanes + l2.subPlane
    const k = shelfFill.get(key) ?? 0
    shelfFill.set(key, k + 1)
    const u = centred(k, l2PerShelf) * L2.pitch
    l2Switches.put(l2.index, onFront(placements[l2.rack]!, u, shelfCenterY(l2.subPlane), chipZ))
  }

  const communication = t.racks.filter((r) => r.kind === 'communication')
  const shelves = part(communication.length * t.subPlanes, [
    SHELF.width,
    SHELF.height,
    FRONT.node.depth
  ])
  communication.forEach((rack, i) => {
    for (let s = 0; s < t.subPlanes; s++) {
      shelves.put(i * t.subPlanes + s, onFront(placements[rack.index]!, 0, shelfCenterY(s), panelZ))
    }
  })

  const xs = placements.map((p) => p.x)
  const bounds = {
    minX: Math.min(...xs) - RACK.width / 2,
    maxX: Math.max(...xs) + RACK.width / 2,
    minZ: -AISLE_WIDTH / 2 - RACK.depth,
    maxZ: AISLE_WIDTH / 2 + RACK.depth
  }
  const exitX = bounds.maxX + 0.6
  return {
    placements,
    racks,
    nodes,
    dies,
    cpus,
    l1Switches,
    l2Switches,
    shelves,
    trays: buildTrays(t, placements, bounds, exitX),
    bounds,
    exitX
  }
}

function buildTrays(
  t: Topology,
  placements: RackPlacement[],
  bounds: HallLayout['bounds'],
  exitX: number
): BoxLayout {
  const boxes: { center: Vec3; size: Vec3 }[] = []
  const rowLength = bounds.maxX - bounds.minX
  const rows = [0, 1].map((row) => placements.find((p) => p.row === row)!)
  for (const p of rows) {
    const ubZ = trayZ(p, TRAY.ubInset)
    boxes.push({
      center: [0, TRAY.ubY - TRAY.thickness, ubZ],
      size: [rowLength, TRAY.thickness, TRAY.width]
    })
    const upZ = trayZ(p, TRAY.uplinkInset)
    const upLength = exitX - bounds.minX
    boxes.push({
      center: [bounds.minX + upLength / 2, TRAY.uplinkY - TRAY.thickness, upZ],
      size: [upLength, TRAY.thickness, TRAY.width]
    })
  }
  // The bridge over the aisle carries the optics that cross to the other row's switches; a
  // hall without communication racks (HGX clusters: no switch tier outside the nodes) has none.
  const commXs = t.racks
    .filter((r) => r.kind === 'communication')
    .map((r) => placements[r.index]!.x)
  if (commXs.length > 0) {
    const bridgeMin = Math.min(...commXs) - RACK.width / 2
    const bridgeMax = Math.max(...commXs) + RACK.width / 2
    const z0 = trayZ(rows[0]!, TRAY.ubInset)
    const z1 = trayZ(rows[1]!, TRAY.ubInset)
    boxes.push({
      center: [(bridgeMin + bridgeMax) / 2, TRAY.ubY - TRAY.thickness, (z0 + z1) / 2],
      size: [bridgeMax - bridgeMin, TRAY.thickness, Math.abs(z1 - z0) - TRAY.width]
    })
  }
  return {
    count: boxes.length,
    centers: new Float32Array(boxes.flatMap((b) => b.center)),
    sizes: new Float32Array(boxes.flatMap((b) => b.size))
  }
}
