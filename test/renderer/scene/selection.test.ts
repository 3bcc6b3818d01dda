import type { InterleavedBufferAttribute } from 'three'
import { describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import { createFrame, DieRole } from '../../../src/shared/frame'
import { createHallObjects } from '../../../src/renderer/src/scene/hallObjects'
import { describePart } from '../../../src/renderer/src/scene/partInfo'
import { RecentTimes } from '../../../src/renderer/src/scene/recentTimes'
import {
  MARKER_CAPACITY,
  boxEdges,
  routedIndex
} from '../../../src/renderer/src/scene/selectionMarker'
import { DIE_METRIC_SPECS } from '../../../src/renderer/src/view/dieMetrics'

const topology = getTopology('cloudmatrix384')
const hall = createHallObjects(topology)

function segments(): Float32Array {
  const attribute = hall.marker.object.geometry.getAttribute(
    'instanceStart'
  ) as InterleavedBufferAttribute
  return attribute.data.array as Float32Array
}

describe('selection outline', () => {
  it("draws a box's twelve edges, each along one axis", () => {
    const out = new Float32Array(12 * 6)
    expect(boxEdges(out, [0, 0, 0], [2, 4, 6])).toBe(12)
    const lengths = new Map<number, number>()
    for (let e = 0; e < 12; e++) {
      const d = [0, 1, 2].map((k) => Math.abs(out[e * 6 + 3 + k]! - out[e * 6 + k]!))
      expect(d.filter((v) => v > 0)).toHaveLength(1)
      const length = Math.round(Math.max(...d) * 100) / 100
      lengths.set(length, (lengths.get(length) ?? 0) + 1)
    }
    // four edges per axis, a margin longer than the box
    expect([...lengths.values()]).toEqual([4, 4, 4])
  })

  it('outlines the selected die around its own place, and hides for nothing selected', () => {
    expect(hall.marker.show({ kind: 'die', index: 42 })).toBe(true)
    expect(hall.marker.object.visible).toBe(true)
    const s = segments()
    const n = hall.marker.object.geometry.instanceCount
    const c = hall.layout.dies.centers
    let sx = 0
    let sy = 0
    for (let i = 0; i < n * 2; i++) {
      sx += s[i * 3]!
      sy += s[i * 3 + 1]!
    }
    expect(sx / (n * 2)).toBeCloseTo(c[42 * 3]!, 5)
    expect(sy / (n * 2)).toBeCloseTo(c[42 * 3 + 1]!, 5)
    expect(hall.marker.show(null)).toBe(false)
    expect(hall.marker.object.visible).toBe(false)
  })

  it("follows a link's cable run, and draws nothing for a link the hall does not route", () => {
    const link = topology.links.find((l) => l.kind === 'l1-l2')!
    expect(hall.marker.show({ kind: 'link', index: link.index })).toBe(true)
    const routes = hall.ubRoutes
    const routed = routedIndex(routes, link.index)
    const first = routes.firstSegment[routed]!
    const count = routes.firstSegment[routed + 1]! - first
    expect(count).toBeLessThanOrEqual(MARKER_CAPACITY)
    expect(hall.marker.object.geometry.instanceCount).toBe(count)
    expect([...segments().slice(0, count * 6)]).toEqual([
      ...routes.positions.slice(first * 6, (first + count) * 6)
    ])
    const dieLink = topology.links.find((l) => l.kind === 'die-l1')!
    expect(hall.marker.show({ kind: 'link', index: dieLink.index })).toBe(false)
  })
})

describe('tooltip text', () => {
  const frame = createFrame(0, 1, {
    dies: topology.dies.length,
    cpus: topology.cpus.length,
    links: topology.links.length
  })
  frame.dieCompute[3] = 0.734
  frame.dieHbmUsedGB[3] = 41.26
  frame.dieRole[3] = DieRole.decode
  frame.dieRole[4] = DieRole.failed
  frame.cpuUtilization[2] = 0.5
  frame.linkUtilization[6000] = 0.25

  it("gives a die's id and the painted metric's value with its unit", () => {
    expect(
      describePart(topology, { kind: 'die', index: 3 }, frame, DIE_METRIC_SPECS.compute)
    ).toEqual({
      title: topology.dies[3]!.id,
      detail: 'Compute utilization: 73 %'
    })
    expect(
      describePart(topology, { kind: 'die', index: 3 }, frame, DIE_METRIC_SPECS.hbmOccupancy).detail
    ).toMatch(/^HBM occupancy.*: 41\.3 GB$/)
    expect(
      describePart(topology, { kind: 'die', index: 3 }, frame, DIE_METRIC_SPECS.role).detail
    ).toBe('Role: decode')
    expect(
      describePart(topology, { kind: 'die', index: 4 }, frame, DIE_METRIC_SPECS.compute).detail
    ).toBe('failed')
    expect(
      describePart(topology, { kind: 'die', index: 0 }, frame, DIE_METRIC_SPECS.compute).detail
    ).toBe('idle (not serving)')
    expect(
      describePart(topology, { kind: 'die', index: 3 }, null, DIE_METRIC_SPECS.power).detail
    ).toMatch(/no data$/)
  })

  it('gives CPUs and links their utilization, racks and nodes where they are', () => {
    const spec = DIE_METRIC_SPECS.compute
    expect(describePart(topology, { kind: 'cpu', index: 2 }, frame, spec).detail).toMatch(/: 50 %$/)
    const link = describePart(topology, { kind: 'link', index: 6000 }, frame, spec)
    expect(link.title).toBe(topology.links[6000]!.id)
    expect(link.detail).toMatch(/25 %$/)
    const node = topology.nodes[5]!
    expect(describePart(topology, { kind: 'node', index: 5 }, frame, spec).detail).toContain(
      topology.racks[node.rack]!.id
    )
    expect(describePart(topology, { kind: 'rack', index: 0 }, frame, spec).detail).toBe(
      'compute rack (4 nodes)'
    )
  })
})

describe('recent timings', () => {
  it('keeps the last values only and reads percentiles from them', () => {
    const times = new RecentTimes(4)
    expect(times.percentile(99)).toBe(0)
    for (const v of [100, 1, 2, 3, 4]) times.push(v)
    expect(times.count).toBe(4)
    expect(times.max()).toBe(4)
    expect(times.percentile(50)).toBe(2)
    expect(times.percentile(0)).toBe(1)
  })
})
