import type { InterleavedBufferAttribute, Object3D } from 'three'
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
import { rackLabelAnchors } from '../../../src/renderer/src/scene/layout'

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

  it('draws all 5,376 UB links as one line object', () => {
    expect(hall.ubRoutes.linkCount).toBe(5376)
    expect(hall.ubLinks.geometry.getAttribute('instanceStart').count).toBe(
      hall.ubRoutes.segmentCount
    )
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
})
