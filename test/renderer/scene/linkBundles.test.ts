import { describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import { buildHallLayout } from '../../../src/renderer/src/scene/layout'
import {
  bundleRoutes,
  bundleUtilization,
  busiestMember
} from '../../../src/renderer/src/scene/linkBundles'
import { type LinkRoutes, ubLinkRoutes } from '../../../src/renderer/src/scene/linkRoutes'

/**
 * Three links: 4 and 9 leave the same point and share their first segment, then part; 12 runs
 * on its own.
 */
const routes: LinkRoutes = {
  linkCount: 3,
  segmentCount: 5,
  positions: new Float32Array([
    ...[0, 0, 0, 1, 0, 0],
    ...[1, 0, 0, 1, 1, 0],
    ...[0, 0, 0, 1, 0, 0],
    ...[1, 0, 0, 1, 0, 2],
    ...[5, 0, 0, 5, 3, 0]
  ]),
  segmentLink: new Uint32Array([4, 4, 9, 9, 12]),
  firstSegment: new Uint32Array([0, 2, 4, 5])
}

describe('cable bundles', () => {
  it('draws a segment shared by several links once, listing every link through it', () => {
    const b = bundleRoutes(routes)
    expect(b.segmentCount).toBe(4)
    expect([...b.positions.slice(0, 6)]).toEqual([0, 0, 0, 1, 0, 0])
    const members = (i: number) => [...b.memberLink.slice(b.memberStart[i], b.memberStart[i + 1])]
    expect([0, 1, 2, 3].map(members)).toEqual([[4, 9], [4], [9], [12]])
    // along each cable from its start: the shared first metre, then on
    expect([...b.distances]).toEqual([0, 1, 1, 2, 1, 3, 0, 3])
  })

  it('shows the busiest link of a bundle, ignoring links without a figure', () => {
    const b = bundleRoutes(routes)
    const values = new Float32Array(13).fill(Number.NaN)
    values[4] = 0.2
    values[9] = 0.7
    const out = bundleUtilization(b, values, new Float32Array(4))
    expect([...out.slice(0, 3)].map((v) => Math.round(v * 10) / 10)).toEqual([0.7, 0.2, 0.7])
    expect(out[3]).toBeNaN()
    expect([...bundleUtilization(b, null, new Float32Array(4))].every(Number.isNaN)).toBe(true)
    expect(busiestMember(b, 0, values)).toBe(9)
    expect(busiestMember(b, 0, null)).toBe(4)
  })

  it('draws the 5,376 L1-L2 links of CloudMatrix384 as far fewer lines, losing none', () => {
    const topology = getTopology('cloudmatrix384')
    const ub = ubLinkRoutes(topology, buildHallLayout(topology))
    const b = bundleRoutes(ub)
    expect(b.segmentCount).toBeLessThan(ub.segmentCount / 10)
    // every link passes through the drawn segments as many times as it has segments
    const count = new Map<number, number>()
    for (const link of b.memberLink) count.set(link, (count.get(link) ?? 0) + 1)
    expect(count.size).toBe(5376)
    for (let r = 0; r < ub.linkCount; r++) {
      const link = ub.segmentLink[ub.firstSegment[r]!]!
      expect(count.get(link)).toBe(ub.firstSegment[r + 1]! - ub.firstSegment[r]!)
    }
  })
})
