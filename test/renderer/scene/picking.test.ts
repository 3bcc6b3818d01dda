import { PerspectiveCamera, Ray, Vector3 } from 'three'
import { describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import { type CameraPose, cameraPose } from '../../../src/renderer/src/scene/cameraPresets'
import { placeClip } from '../../../src/renderer/src/scene/CameraRig'
import { createHallObjects } from '../../../src/renderer/src/scene/hallObjects'
import { pickAt } from '../../../src/renderer/src/scene/HallPicking'
import { raySegment } from '../../../src/renderer/src/scene/picking'
import { rackOfShelf } from '../../../src/renderer/src/scene/parts'
import { nodeOf, partId, rackOf } from '../../../src/renderer/src/view/parts'
import { routedIndex } from '../../../src/renderer/src/scene/selectionMarker'

const topology = getTopology('cloudmatrix384')
const hall = createHallObjects(topology)
hall.root.updateMatrixWorld(true)
const size = { width: 1600, height: 900 }

function cameraFor(pose: CameraPose): PerspectiveCamera {
  const camera = new PerspectiveCamera(38, size.width / size.height, 0.05, 200)
  camera.position.set(...pose.position)
  camera.lookAt(new Vector3(...pose.target))
  camera.updateMatrixWorld()
  placeClip(hall, pose.clip)
  return camera
}

/** where a world point lands on the canvas, CSS pixels */
function screen(camera: PerspectiveCamera, p: Vector3): { x: number; y: number } {
  const v = p.clone().project(camera)
  return { x: ((v.x + 1) / 2) * size.width, y: ((1 - v.y) / 2) * size.height }
}

const center = (centers: Float32Array, i: number) => new Vector3().fromArray(centers, i * 3)

describe('part relations', () => {
  it('finds the node and rack of every kind of part', () => {
    const die = topology.dies[300]!
    const node = topology.nodes[die.node]!
    expect(nodeOf(topology, { kind: 'die', index: 300 })).toBe(die.node)
    expect(rackOf(topology, { kind: 'die', index: 300 })).toBe(node.rack)
    const cpu = topology.cpus[77]!
    expect(nodeOf(topology, { kind: 'cpu', index: 77 })).toBe(cpu.node)
    const l1 = topology.l1Switches[100]!
    expect(nodeOf(topology, { kind: 'l1Switch', index: 100 })).toBe(l1.node)
    expect(nodeOf(topology, { kind: 'l2Switch', index: 5 })).toBeNull()
    expect(rackOf(topology, { kind: 'l2Switch', index: 5 })).toBe(topology.l2Switches[5]!.rack)
    expect(rackOf(topology, { kind: 'rack', index: 9 })).toBe(9)
    expect(rackOf(topology, { kind: 'rack', index: 99 })).toBeNull()
    // an L1-L2 link leaves from its L1 chip's node
    const link = topology.links.find((l) => l.kind === 'l1-l2')!
    const from = topology.l1Switches[link.from.index]!
    expect(nodeOf(topology, { kind: 'link', index: link.index })).toBe(from.node)
    const rdma = topology.links.find((l) => l.kind === 'rdma')!
    expect(nodeOf(topology, { kind: 'link', index: rdma.index })).toBe(
      topology.npus[rdma.from.index]!.node
    )
    expect(partId(topology, { kind: 'link', index: link.index })).toBe(link.id)
    expect(partId(topology, { kind: 'die', index: 999 })).toBeNull()
  })

  it('maps each switch shelf to its communication rack', () => {
    const communication = topology.racks.filter((r) => r.kind === 'communication')
    for (let shelf = 0; shelf < communication.length * topology.subPlanes; shelf++) {
      expect(rackOfShelf(topology, shelf)).toBe(
        communication[Math.floor(shelf / topology.subPlanes)]!.index
      )
    }
  })

  it('finds a topology link among the routed ones, and not a link that is not drawn', () => {
    for (const link of [topology.links.find((l) => l.kind === 'l1-l2')!, topology.links.at(-1)!]) {
      const routes = link.kind === 'l1-l2' ? hall.ubRoutes : hall.uplinkRoutes
      const routed = routedIndex(routes, link.index)
      expect(routes.segmentLink[routes.firstSegment[routed]!]).toBe(link.index)
    }
    const dieLink = topology.links.find((l) => l.kind === 'die-l1')!
    expect(routedIndex(hall.ubRoutes, dieLink.index)).toBe(-1)
    expect(routedIndex(hall.uplinkRoutes, dieLink.index)).toBe(-1)
  })
})

describe('ray to segment', () => {
  it('measures the closest approach and where it is along the ray', () => {
    const ray = new Ray(new Vector3(0, 0, 10), new Vector3(0, 0, -1))
    const crossing = new Float32Array([-1, 0.5, 0, 1, 0.5, 0])
    const hit = raySegment(ray, crossing, 0)
    expect(hit.distanceSq).toBeCloseTo(0.25)
    expect(hit.t).toBeCloseTo(10)
    expect(hit.s).toBeCloseTo(0.5)
    // beyond the segment's end the end point is what counts
    const aside = new Float32Array([2, 0, 0, 3, 0, 0])
    expect(raySegment(ray, aside, 0).distanceSq).toBeCloseTo(4)
    // behind the ray's origin nothing is nearer than the origin
    const behind = new Float32Array([-1, 0, 20, 1, 0, 20])
    expect(raySegment(ray, behind, 0).t).toBe(0)
  })
})

describe('picking', () => {
  it("picks each of a node's dies, CPUs and L1 chips from the node view", () => {
    const node = 13
    const camera = cameraFor(
      cameraPose('node', { kind: 'node', index: node }, null, {
        topology,
        layout: hall.layout,
        aspect: size.width / size.height,
        fovDeg: 38
      })
    )
    const cases = [
      ['die', topology.dies, hall.layout.dies.centers],
      ['cpu', topology.cpus, hall.layout.cpus.centers],
      ['l1Switch', topology.l1Switches, hall.layout.l1Switches.centers]
    ] as const
    for (const [kind, list, centers] of cases) {
      for (const item of list.filter((x) => x.node === node)) {
        const { x, y } = screen(camera, center(centers, item.index))
        expect(pickAt(hall, topology, camera, size, x, y)?.part).toEqual({
          kind,
          index: item.index
        })
      }
    }
    // beside the chips, the node's own panel; far above the hall, nothing
    const panel = center(hall.layout.nodes.centers, node)
    const side = screen(camera, panel.clone().add(new Vector3(0, -0.17, 0)))
    expect(pickAt(hall, topology, camera, size, side.x + 0, side.y)?.part.kind).toMatch(/node|cpu/)
    expect(pickAt(hall, topology, camera, size, 5, 5)?.part.kind).not.toBe('die')
  })

  it('picks a cable in the overhead tray from the network view', () => {
    const pose = cameraPose('network', null, null, {
      topology,
      layout: hall.layout,
      aspect: size.width / size.height,
      fovDeg: 38
    })
    const camera = cameraFor(pose)
    // the middle of a tray run of one L1-L2 link (its third segment, along the row)
    const routes = hall.ubRoutes
    const routed = 1234
    const seg = routes.firstSegment[routed]! + 2
    const p = routes.positions
    const mid = new Vector3(
      (p[seg * 6]! + p[seg * 6 + 3]!) / 2,
      (p[seg * 6 + 1]! + p[seg * 6 + 4]!) / 2,
      (p[seg * 6 + 2]! + p[seg * 6 + 5]!) / 2
    )
    const { x, y } = screen(camera, mid)
    const picked = pickAt(hall, topology, camera, size, x, y)?.part
    expect(picked?.kind).toBe('link')
    expect(topology.links[picked!.index]!.kind).toBe('l1-l2')
  })

  it('picks a switch shelf as its communication rack', () => {
    const rack = topology.racks.find((r) => r.kind === 'communication')!.index
    const camera = cameraFor(
      cameraPose('rack', { kind: 'rack', index: rack }, null, {
        topology,
        layout: hall.layout,
        aspect: size.width / size.height,
        fovDeg: 38
      })
    )
    // above the shelf's L2 chips, on the shelf itself
    const shelf = center(hall.layout.shelves.centers, 0).add(new Vector3(0, 0.08, 0))
    const { x, y } = screen(camera, shelf)
    expect(pickAt(hall, topology, camera, size, x, y)?.part).toEqual({ kind: 'rack', index: rack })
    const l2 = topology.l2Switches.find((s) => s.rack === rack)!
    const chip = screen(camera, center(hall.layout.l2Switches.centers, l2.index))
    expect(pickAt(hall, topology, camera, size, chip.x, chip.y)?.part).toEqual({
      kind: 'l2Switch',
      index: l2.index
    })
  })

  it('ignores what a close-up cuts away: through the cut row, the rack behind is picked', () => {
    const rack = 2
    const camera = cameraFor(
      cameraPose('rack', { kind: 'rack', index: rack }, null, {
        topology,
        layout: hall.layout,
        aspect: size.width / size.height,
        fovDeg: 38
      })
    )
    // the camera stands behind the opposite row: without the cut its racks would be hit first
    const die = topology.dies.find((d) => topology.nodes[d.node]!.rack === rack)!
    const { x, y } = screen(camera, center(hall.layout.dies.centers, die.index))
    expect(pickAt(hall, topology, camera, size, x, y)?.part).toEqual({
      kind: 'die',
      index: die.index
    })
    placeClip(hall, null)
    expect(pickAt(hall, topology, camera, size, x, y)?.part.kind).toBe('rack')
    const hidden = pickAt(hall, topology, camera, size, x, y)!.part.index
    expect(topology.racks[hidden]!.row).not.toBe(topology.racks[rack]!.row)
  })
})
