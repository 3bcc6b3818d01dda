import { type InterleavedBufferAttribute, type Material, type Object3D, Vector3 } from 'three'
import { describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import { createFrame, DieRole } from '../../../src/shared/frame'
import {
  hexToRgb,
  FAILED_COLOR,
  NO_DATA_COLOR,
  srgbToLinear
} from '../../../src/renderer/src/scene/colorMap'
import { RACK } from '../../../src/renderer/src/scene/dimensions'
import { createHallObjects, paintTelemetry } from '../../../src/renderer/src/scene/hallObjects'
import { nodeLabelAnchors, rackLabelAnchors } from '../../../src/renderer/src/scene/layout'
import { DIE_METRIC_SPECS } from '../../../src/renderer/src/view/dieMetrics'
import { L1, NODE } from '../../../src/renderer/src/scene/dimensions'

const topology = getTopology('cloudmatrix384')
const counts = {
  dies: topology.dies.length,
  cpus: topology.cpus.length,
  links: topology.links.length
}

/** objects the renderer issues a draw call for (each InstancedMesh or line object is one) */
function drawables(root: Object3D): Object3D[] {
  const found: Object3D[] = []
  root.traverse((o) => {
    if ('isMesh' in o || 'isLine' in o || 'isLineSegments' in o) found.push(o)
  })
  return found
}

describe('hall objects', () => {
  const hall = createHallObjects(topology)

  it('draws each part type as one instanced mesh holding every entity', () => {
    expect(hall.racks.count).toBe(16)
    expect(hall.nodes.count).toBe(48)
    expect(hall.dies.count).toBe(768)
    expect(hall.cpus.count).toBe(192)
    expect(hall.l1Switches.count).toBe(336)
    expect(hall.l2Switches.count).toBe(112)
    for (const mesh of [hall.racks, hall.dies, hall.cpus, hall.l1Switches, hall.l2Switches]) {
      expect(mesh.instanceColor?.count).toBe(mesh.count)
    }
  })

  it('draws all 5,376 UB links as one line object, each shared cable run once', () => {
    expect(hall.ubRoutes.linkCount).toBe(5376)
    expect(hall.ubLinks.geometry.getAttribute('instanceStart').count).toBe(
      hall.ubBundles.segmentCount
    )
    expect(new Set(hall.ubBundles.memberLink).size).toBe(5376)
  })

  it('keeps the hall to a handful of draw calls', () => {
    expect(drawables(hall.root).length).toBeLessThanOrEqual(16)
  })

  it('paints dies, CPUs and links from a frame; failed dies failed, idle dies as no data', () => {
    const frame = createFrame(3, 0.75, counts)
    frame.dieCompute.fill(1)
    frame.dieRole.fill(DieRole.decode)
    frame.dieRole[5] = DieRole.failed
    frame.dieRole[6] = DieRole.idle
    frame.cpuUtilization.fill(0.5)
    frame.linkUtilization.fill(1)
    paintTelemetry(hall, frame)

    const dies = hall.dies.instanceColor!.array
    const top = srgbToLinear(hexToRgb('#fde725')[0])
    expect(dies[0]).toBeCloseTo(top, 5)
    const failed = hexToRgb(FAILED_COLOR).map(srgbToLinear)
    expect([dies[15], dies[16], dies[17]]).toEqual(failed.map((v) => Math.fround(v)))
    const idle = hexToRgb(NO_DATA_COLOR).map(srgbToLinear)
    expect([dies[18], dies[19], dies[20]]).toEqual(idle.map((v) => Math.fround(v)))

    const ub = hall.ubLinks.geometry.getAttribute(
      'instanceColorStart'
    ) as InterleavedBufferAttribute
    expect(ub.data.array[0]).toBeCloseTo(top, 5)
    expect(ub.data.array[ub.data.array.length - 3]).toBeCloseTo(top, 5)

    paintTelemetry(hall, null)
    expect(hall.dies.instanceColor!.array[0]).not.toBeCloseTo(top, 2)
  })

  it('puts every part of the machine under the close-up cut, and not the floor', () => {
    const cut = [
      hall.racks,
      hall.nodes,
      hall.dies,
      hall.cpus,
      hall.l1Switches,
      hall.l2Switches,
      hall.shelves,
      hall.ubLinks,
      hall.uplinks,
      hall.marker.object
    ]
    for (const o of cut)
      expect((o.material as Material).clippingPlanes, o.name).toEqual([hall.clip])
    expect(hall.room.floor.clippingPlanes).toBeNull()
    // parked: nothing of the hall is cut
    const { bounds } = hall.layout
    for (const x of [bounds.minX, hall.layout.exitX]) {
      for (const z of [bounds.minZ, bounds.maxZ]) {
        expect(hall.clip.distanceToPoint(new Vector3(x, 3, z))).toBeGreaterThan(0)
      }
    }
  })

  it('paints dies by the metric it is given', () => {
    const frame = createFrame(3, 0.75, counts)
    frame.dieCompute.fill(1)
    frame.dieHbmBandwidth.fill(0)
    frame.dieRole.fill(DieRole.decode)
    paintTelemetry(hall, frame, DIE_METRIC_SPECS.hbmBandwidth)
    const bottom = srgbToLinear(hexToRgb('#440154')[0])
    expect(hall.dies.instanceColor!.array[0]).toBeCloseTo(bottom, 5)
    paintTelemetry(hall, frame, DIE_METRIC_SPECS.compute)
    expect(hall.dies.instanceColor!.array[0]).toBeCloseTo(srgbToLinear(hexToRgb('#fde725')[0]), 5)
  })

  it('floats one label above each rack, over its own footprint', () => {
    const anchors = rackLabelAnchors(hall.layout)
    expect(anchors.length).toBe(16 * 3)
    hall.layout.placements.forEach((p, i) => {
      expect(anchors[i * 3]).toBeCloseTo(p.x, 6)
      expect(anchors[i * 3 + 1]).toBeGreaterThan(RACK.height)
      const inward = (p.frontZ - anchors[i * 3 + 2]!) * p.facing
      expect(inward).toBeGreaterThan(0)
      expect(inward).toBeLessThan(RACK.depth)
    })
  })
  it("puts each node's label on its front, above its L1 chips and below its top edge", () => {
    const anchors = nodeLabelAnchors(topology, hall.layout)
    expect(anchors.length).toBe(48 * 3)
    for (const node of topology.nodes) {
      const p = hall.layout.placements[node.rack]!
      const panel = hall.layout.nodes.centers
      const bottom = panel[node.index * 3 + 1]! - NODE.height / 2
      const y = anchors[node.index * 3 + 1]! - bottom
      expect(y).toBeGreaterThan(L1.v + L1.height / 2)
      expect(y).toBeLessThan(NODE.height)
      expect(anchors[node.index * 3 + 2]).toBeCloseTo(p.frontZ, 6)
      expect(anchors[node.index * 3]).toBeCloseTo(panel[node.index * 3]!, 6)
    }
  })
})
