import { describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import { createFrame, DieRole } from '../../../src/shared/frame'
import { hallPose, cameraPose } from '../../../src/renderer/src/scene/cameraPresets'
import { createHallObjects, paintTelemetry } from '../../../src/renderer/src/scene/hallObjects'
import {
  buildHallLayout,
  nodeLabelAnchors,
  rackLabelAnchors
} from '../../../src/renderer/src/scene/layout'
import { describePart } from '../../../src/renderer/src/scene/partInfo'
import { dieMetricSpecs } from '../../../src/renderer/src/view/dieMetrics'

const finite = (a: ArrayLike<number>): boolean => Array.from(a).every(Number.isFinite)

describe.each(['h800-deepseek', 'h100-sglang'] as const)('the hall of %s', (system) => {
  const topology = getTopology(system)
  const layout = buildHallLayout(topology)

  it('places every part at a finite point, with no aisle bridge and no switch shelves', () => {
    for (const part of [layout.racks, layout.nodes, layout.dies, layout.l1Switches]) {
      expect(part.count).toBeGreaterThan(0)
      expect(finite(part.centers)).toBe(true)
    }
    expect(layout.cpus.count).toBe(0)
    expect(layout.l2Switches.count).toBe(0)
    expect(layout.shelves.count).toBe(0)
    // two trays over each row (optics, uplinks), no bridge: no communication racks
    expect(layout.trays.count).toBe(4)
    expect(finite(layout.trays.centers)).toBe(true)
    expect(finite(layout.trays.sizes)).toBe(true)
    expect(finite(Object.values(layout.bounds))).toBe(true)
    expect(finite(rackLabelAnchors(layout))).toBe(true)
    expect(finite(nodeLabelAnchors(topology, layout))).toBe(true)
  })

  it('puts no two GPUs on the same spot', () => {
    const spots = new Set<string>()
    for (let i = 0; i < layout.dies.count; i++) {
      spots.add(Array.from(layout.dies.centers.subarray(i * 3, i * 3 + 3)).join(','))
    }
    expect(spots.size).toBe(topology.dies.length)
  })

  it('builds and paints the hall objects, uplinks routed, no UB optics', () => {
    const hall = createHallObjects(topology)
    expect(hall.dies.count).toBe(topology.dies.length)
    expect(hall.cpus.instanceColor?.count).toBe(0)
    expect(hall.ubRoutes.linkCount).toBe(0)
    // one RDMA uplink per GPU, one VPC uplink per node
    expect(hall.uplinkRoutes.linkCount).toBe(topology.dies.length + topology.nodes.length)
    const frame = createFrame(0, 1, {
      dies: topology.dies.length,
      cpus: 0,
      links: topology.links.length
    })
    frame.dieCompute.fill(0.5)
    frame.dieRole.fill(DieRole.decode)
    frame.linkUtilization.fill(0.25)
    expect(() => paintTelemetry(hall, frame, dieMetricSpecs(system).power)).not.toThrow()
    expect(() => paintTelemetry(hall, null)).not.toThrow()
    hall.dispose()
  })

  it('frames the hall, a rack and a node at finite camera poses', () => {
    const ctx = { topology, layout, aspect: 16 / 9, fovDeg: 38 }
    const poses = [
      hallPose(ctx),
      cameraPose('network', null, null, ctx),
      cameraPose('rack', { kind: 'rack', index: topology.racks.length - 1 }, null, ctx),
      cameraPose('node', { kind: 'die', index: topology.dies.length - 1 }, null, ctx)
    ]
    for (const pose of poses) expect(finite([...pose.position, ...pose.target])).toBe(true)
  })

  it('names the NVSwitch fabric and NVLink links as such', () => {
    const spec = dieMetricSpecs(system).compute
    expect(describePart(topology, { kind: 'l1Switch', index: 0 }, null, spec).detail).toMatch(
      /NVSwitch/
    )
    expect(describePart(topology, { kind: 'link', index: 0 }, null, spec).detail).toMatch(/NVLink/)
  })
})

describe('die metrics of an HGX GPU', () => {
  it('scale HBM to 80 GB and power to the HGX node share of one GPU', () => {
    const specs = dieMetricSpecs('h800-deepseek')
    expect(specs.hbmOccupancy.max).toBe(80)
    expect(specs.power.max).toBeCloseTo(10_200 / 8)
    expect(specs.power.label).toMatch(/per GPU/)
    const frame = createFrame(0, 1, { dies: 1, cpus: 0, links: 0 })
    frame.dieCompute[0] = 1
    expect(specs.power.value(frame, 0)).toBeCloseTo(10_200 / 8)
  })
})
