import { describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import { AISLE_CLEARANCE, AISLE_WIDTH, L1, L2 } from '../../../src/renderer/src/scene/dimensions'
import { buildHallLayout } from '../../../src/renderer/src/scene/layout'
import {
  type LinkRoutes,
  ubLinkRoutes,
  uplinkRoutes
} from '../../../src/renderer/src/scene/linkRoutes'

const topology = getTopology('cloudmatrix384')
const layout = buildHallLayout(topology)
const ub = ubLinkRoutes(topology, layout)
const uplinks = uplinkRoutes(topology, layout)

type Point = [number, number, number]
const point = (a: Float32Array, i: number): Point => [a[i * 3]!, a[i * 3 + 1]!, a[i * 3 + 2]!]

/** the polyline of the i-th routed link, as its points */
function polyline(routes: LinkRoutes, i: number): Point[] {
  const first = routes.firstSegment[i]!
  const last = routes.firstSegment[i + 1]!
  const points = [point(routes.positions, first * 2)]
  for (let s = first; s < last; s++) points.push(point(routes.positions, s * 2 + 1))
  return points
}

describe('UB link routes', () => {
  it('routes every L1-L2 link, in frame order, with a few connected segments each', () => {
    const ubLinks = topology.links.filter((l) => l.kind === 'l1-l2')
    expect(ub.linkCount).toBe(5376)
    expect(ub.positions.length).toBe(ub.segmentCount * 6)
    for (let i = 0; i < ub.linkCount; i++) {
      const segments = ub.firstSegment[i + 1]! - ub.firstSegment[i]!
      expect(segments).toBeGreaterThanOrEqual(4)
      expect(segments).toBeLessThanOrEqual(6)
      for (let s = ub.firstSegment[i]!; s < ub.firstSegment[i + 1]!; s++) {
        expect(ub.segmentLink[s]).toBe(ubLinks[i]!.index)
        const start = point(ub.positions, s * 2)
        const end = point(ub.positions, s * 2 + 1)
        expect(Math.hypot(end[0] - start[0], end[1] - start[1], end[2] - start[2])).toBeGreaterThan(
          0.005
        )
        if (s > ub.firstSegment[i]!) expect(start).toEqual(point(ub.positions, s * 2 - 1))
      }
    }
  })

  it('starts at the link’s L1 chip and ends at its L2 chip', () => {
    const ubLinks = topology.links.filter((l) => l.kind === 'l1-l2')
    ubLinks.forEach((link, i) => {
      const points = polyline(ub, i)
      const start = points[0]!
      const end = points[points.length - 1]!
      const l1 = point(layout.l1Switches.centers, link.from.index)
      expect(Math.abs(start[0] - l1[0])).toBeLessThanOrEqual(L1.width / 2)
      expect(Math.abs(start[1] - l1[1])).toBeLessThanOrEqual(L1.height / 2 + 1e-6)
      expect(Math.abs(start[2] - l1[2])).toBeLessThan(0.02)
      // The nearest L2 chip to the end point must be this link's switch and no other.
      let nearest = -1
      let best = Infinity
      for (let k = 0; k < layout.l2Switches.count; k++) {
        const c = point(layout.l2Switches.centers, k)
        const d = Math.hypot(end[0] - c[0], end[1] - c[1], end[2] - c[2])
        if (d < best) [best, nearest] = [d, k]
      }
      expect(nearest).toBe(link.to.index)
      expect(best).toBeLessThanOrEqual(L2.height / 2 + 0.02)
    })
  })

  it('crosses the aisle only overhead', () => {
    for (const routes of [ub, uplinks]) {
      for (let s = 0; s < routes.segmentCount; s++) {
        const a = point(routes.positions, s * 2)
        const b = point(routes.positions, s * 2 + 1)
        const inAisle = (p: Point): boolean => Math.abs(p[2]) < AISLE_WIDTH / 2 - 1e-6
        const crosses = Math.sign(a[2]) !== Math.sign(b[2])
        if (inAisle(a) || inAisle(b) || crosses) {
          expect(Math.min(a[1], b[1])).toBeGreaterThan(AISLE_CLEARANCE)
        }
      }
    }
  })

  it('crosses to the other row only for switches in the other row', () => {
    const ubLinks = topology.links.filter((l) => l.kind === 'l1-l2')
    ubLinks.forEach((link, i) => {
      const fromRow =
        topology.racks[topology.nodes[topology.l1Switches[link.from.index]!.node]!.rack]!.row
      const toRow = topology.racks[topology.l2Switches[link.to.index]!.rack]!.row
      const zs = polyline(ub, i).map((p) => Math.sign(p[2]))
      expect(new Set(zs).size).toBe(fromRow === toRow ? 1 : 2)
    })
  })
})

describe('uplink routes', () => {
  it('routes one RDMA link per NPU and one VPC link per node out of the hall', () => {
    const expected = topology.links.filter((l) => l.kind === 'rdma' || l.kind === 'vpc')
    expect(uplinks.linkCount).toBe(384 + 48)
    expect(new Set(uplinks.segmentLink)).toEqual(new Set(expected.map((l) => l.index)))
    for (let i = 0; i < uplinks.linkCount; i++) {
      const points = polyline(uplinks, i)
      expect(points[points.length - 1]![0]).toBeCloseTo(layout.exitX, 5)
    }
  })
})
