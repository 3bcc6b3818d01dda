import type { Topology } from '../../../engine/topology/types'
import { DIE, L1, L2, NODE, RISER_U, TRAY } from './dimensions'
import { type HallLayout, type Vec3, nodeBottom, onFront, trayZ } from './layout'

/**
 * Cable runs as polylines, flattened to the segment pairs LineSegments2 draws
 * (x0,y0,z0, x1,y1,z1 per segment). `segmentLink` holds each segment's topology link index,
 * so a frame's linkUtilization colours segments without any lookup table.
 */
export interface LinkRoutes {
  linkCount: number
  segmentCount: number
  positions: Float32Array
  segmentLink: Uint32Array
  /** segments of the i-th routed link are firstSegment[i] .. firstSegment[i+1]-1 */
  firstSegment: Uint32Array
}

class RouteBuilder {
  private readonly positions: number[] = []
  private readonly segmentLink: number[] = []
  private readonly firstSegment: number[] = [0]

  add(linkIndex: number, points: readonly Vec3[]): void {
    for (let i = 1; i < points.length; i++) {
      this.positions.push(...points[i - 1]!, ...points[i]!)
      this.segmentLink.push(linkIndex)
    }
    this.firstSegment.push(this.segmentLink.length)
  }

  build(): LinkRoutes {
    return {
      linkCount: this.firstSegment.length - 1,
      segmentCount: this.segmentLink.length,
      positions: new Float32Array(this.positions),
      segmentLink: Uint32Array.from(this.segmentLink),
      firstSegment: Uint32Array.from(this.firstSegment)
    }
  }
}

const at = (centers: Float32Array, i: number): Vec3 => [
  centers[i * 3]!,
  centers[i * 3 + 1]!,
  centers[i * 3 + 2]!
]

/** sub-plane lanes spread the bundle a little so the seven sub-planes read as separate runs */
const laneOffset = (subPlane: number, subPlanes: number): number =>
  (subPlane - (subPlanes - 1) / 2) * TRAY.lane

/**
 * The L1-L2 optics: from the top of the L1 chip to the rack's right-hand cable manager, up
 * into the tray above the row, along it to the communication rack, over the aisle bridge when
 * the switch is in the other row, and down that rack's side to the top of the L2 chip.
 */
export function ubLinkRoutes(t: Topology, layout: HallLayout): LinkRoutes {
  const routes = new RouteBuilder()
  for (const link of t.links) {
    if (link.kind !== 'l1-l2') continue
    const l1 = t.l1Switches[link.from.index]!
    const l2 = t.l2Switches[link.to.index]!
    const from = layout.placements[t.nodes[l1.node]!.rack]!
    const to = layout.placements[l2.rack]!
    const lane = laneOffset(l1.subPlane, t.subPlanes)
    const spread = l1.subPlane * 0.0015

    const [l1x, l1y] = at(layout.l1Switches.centers, l1.index)
    const start: Vec3 = [l1x, l1y + L1.height / 2, from.frontZ]
    const riser = onFront(from, RISER_U - spread, start[1] + 0.015, 0)
    const fromTrayZ = trayZ(from, TRAY.ubInset) + lane
    // Drop on the switch rack's side nearest the source, so the run never crosses its front.
    const side = Math.sign(from.x - to.x) || 1
    const dropX = to.x + side * (RISER_U - spread)
    const [l2x, l2y] = at(layout.l2Switches.centers, l2.index)
    const chipTop = l2y + L2.height / 2

    const points: Vec3[] = [
      start,
      riser,
      [riser[0], TRAY.ubY, fromTrayZ],
      [dropX, TRAY.ubY, fromTrayZ]
    ]
    if (to.row !== from.row) points.push([dropX, TRAY.ubY, trayZ(to, TRAY.ubInset) + lane])
    points.push([dropX, chipTop + 0.02, to.frontZ], [l2x, chipTop, to.frontZ])
    routes.add(link.index, points)
  }
  return routes.build()
}

/**
 * RDMA (one per NPU) and VPC (one per node) uplinks: along the gap under the NPUs or the node's
 * bottom edge to the left-hand cable manager, up into the tray above the rack backs, and along
 * it out of the hall towards the data-centre network.
 */
export function uplinkRoutes(t: Topology, layout: HallLayout): LinkRoutes {
  const routes = new RouteBuilder()
  const add = (linkIndex: number, nodeIndex: number, u: number, v: number): void => {
    const node = t.nodes[nodeIndex]!
    const p = layout.placements[node.rack]!
    const y = nodeBottom(node.slot) + v
    const start = onFront(p, u, y, 0)
    const manager = onFront(p, -RISER_U, y, 0)
    const z = trayZ(p, TRAY.uplinkInset)
    routes.add(linkIndex, [
      start,
      manager,
      [manager[0], TRAY.uplinkY, z],
      [layout.exitX, TRAY.uplinkY, z]
    ])
  }
  const npusPerNode = t.npus.filter((n) => n.node === 0).length
  const underDies = DIE.v0 - DIE.height / 2 - 0.01
  for (const link of t.links) {
    if (link.kind === 'rdma') {
      const npu = t.npus[link.from.index]!
      add(link.index, npu.node, (npu.slot - (npusPerNode - 1) / 2) * DIE.npuPitch, underDies)
    } else if (link.kind === 'vpc') {
      add(link.index, link.from.index, NODE.width / 2 - 0.04, 0.01)
    }
  }
  return routes.build()
}
