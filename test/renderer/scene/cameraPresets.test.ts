import { PerspectiveCamera, Plane, Vector3 } from 'three'
import { describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import {
  CLIP_STANDOFF,
  CameraFlight,
  type CameraPose,
  HALL_POSE,
  cameraPose,
  easeInOutCubic
} from '../../../src/renderer/src/scene/cameraPresets'
import { AISLE_WIDTH, RACK, TRAY } from '../../../src/renderer/src/scene/dimensions'
import { buildHallLayout, type PartLayout, type Vec3 } from '../../../src/renderer/src/scene/layout'

const topology = getTopology('cloudmatrix384')
const layout = buildHallLayout(topology)
const ctx = { topology, layout, aspect: 16 / 9, fovDeg: 38 }

function cameraAt(pose: CameraPose, aspect = ctx.aspect): PerspectiveCamera {
  const camera = new PerspectiveCamera(ctx.fovDeg, aspect, 0.05, 200)
  camera.position.set(...pose.position)
  camera.lookAt(new Vector3(...pose.target))
  camera.updateMatrixWorld()
  return camera
}

/** whether a point is inside the view (normalised device coordinates within the frame) */
function inView(camera: PerspectiveCamera, p: Vec3): boolean {
  const v = new Vector3(...p).project(camera)
  return Math.abs(v.x) <= 1 && Math.abs(v.y) <= 1 && v.z > -1 && v.z < 1
}

const at = (part: PartLayout, i: number): Vec3 => [
  part.centers[i * 3]!,
  part.centers[i * 3 + 1]!,
  part.centers[i * 3 + 2]!
]

/** the clip plane as the renderer uses it: points with a negative distance are cut */
function clipPlane(pose: CameraPose): Plane | null {
  if (!pose.clip) return null
  const { frontZ, facing } = pose.clip
  return new Plane(new Vector3(0, 0, -facing), facing * frontZ + CLIP_STANDOFF)
}

describe('camera presets', () => {
  it('answers hall with the overview, and rack or node without a subject too', () => {
    const hall = cameraPose('hall', null, null, ctx)
    expect(hall.target).toEqual(HALL_POSE.target)
    expect(cameraPose('rack', null, null, ctx)).toEqual(hall)
    expect(cameraPose('node', null, null, ctx)).toEqual(hall)
  })

  it('fits the whole hall into the overview, from further away on a narrower canvas', () => {
    const direction = (pose: CameraPose) => {
      const d = pose.position.map((v, i) => v - pose.target[i]!)
      const length = Math.hypot(...d)
      return { unit: d.map((v) => v / length), length }
    }
    const wide = cameraPose('hall', null, null, ctx)
    const narrow = cameraPose('hall', null, null, { ...ctx, aspect: 1 })
    for (const [pose, aspect] of [
      [wide, ctx.aspect],
      [narrow, 1]
    ] as const) {
      const camera = cameraAt(pose, aspect)
      const { bounds, exitX } = layout
      for (const x of [bounds.minX, exitX]) {
        for (const y of [0, TRAY.uplinkY]) {
          for (const z of [bounds.minZ, bounds.maxZ]) expect(inView(camera, [x, y, z])).toBe(true)
        }
      }
      direction(pose).unit.forEach((v, i) =>
        expect(v).toBeCloseTo(direction(HALL_POSE).unit[i]!, 6)
      )
    }
    expect(direction(narrow).length).toBeGreaterThan(direction(wide).length + 1)
    // and no further than it must: a tenth closer and a corner leaves the view
    const closer = {
      ...wide,
      position: wide.position.map((v, i) => wide.target[i]! + (v - wide.target[i]!) * 0.9) as Vec3
    }
    const camera = cameraAt(closer)
    const { bounds, exitX } = layout
    const all = [bounds.minX, exitX].flatMap((x) =>
      [0, TRAY.uplinkY].flatMap((y) => [bounds.minZ, bounds.maxZ].map((z) => [x, y, z] as Vec3))
    )
    expect(all.every((c) => inView(camera, c))).toBe(false)
  })

  it('frames a whole rack from in front, cutting away the row across the aisle only', () => {
    for (const rack of [0, 5, 12, 15]) {
      const pose = cameraPose('rack', { kind: 'rack', index: rack }, null, ctx)
      const camera = cameraAt(pose)
      const p = layout.placements[rack]!
      for (const y of [0.05, RACK.height]) {
        for (const u of [-RACK.width / 2, RACK.width / 2]) {
          expect(inView(camera, [p.x + u, y, p.frontZ]), `rack ${rack} corner`).toBe(true)
        }
      }
      // in front of its face, beyond the aisle: only the cut lets it see the whole rack
      expect((pose.position[2] - p.frontZ) * p.facing).toBeGreaterThan(AISLE_WIDTH)
      const plane = clipPlane(pose)!
      expect(plane.distanceToPoint(new Vector3(...at(layout.racks, rack)))).toBeGreaterThan(0)
      for (let die = 0; die < layout.dies.count; die++) {
        const node = topology.nodes[topology.dies[die]!.node]!
        const sameRow = layout.placements[node.rack]!.row === p.row
        const kept = plane.distanceToPoint(new Vector3(...at(layout.dies, die))) >= 0
        expect(kept).toBe(sameRow)
      }
    }
  })

  it('frames the rack of a part, or of the selection when no part is given', () => {
    const die = topology.dies[200]!
    const rack = topology.nodes[die.node]!.rack
    const expected = cameraPose('rack', { kind: 'rack', index: rack }, null, ctx)
    expect(cameraPose('rack', { kind: 'die', index: 200 }, null, ctx)).toEqual(expected)
    expect(cameraPose('rack', null, { kind: 'die', index: 200 }, ctx)).toEqual(expected)
    // a node view of an L2 switch frames its rack: it is in no node
    const l2 = topology.l2Switches[3]!
    expect(cameraPose('node', { kind: 'l2Switch', index: 3 }, null, ctx)).toEqual(
      cameraPose('rack', { kind: 'rack', index: l2.rack }, null, ctx)
    )
  })

  it("shows one node's 16 dies, 4 CPUs and 7 L1 chips from inside the aisle", () => {
    for (const aspect of [16 / 9, 1.1]) {
      for (const node of [0, 7, 30, 47]) {
        const pose = cameraPose('node', { kind: 'node', index: node }, null, { ...ctx, aspect })
        const camera = cameraAt(pose, aspect)
        const mine = (kind: { node: number }[]) =>
          kind.map((k, i) => [k.node, i] as const).filter(([n]) => n === node)
        const dies = mine(topology.dies)
        const cpus = mine(topology.cpus)
        const l1s = mine(topology.l1Switches)
        expect([dies.length, cpus.length, l1s.length]).toEqual([16, 4, 7])
        for (const [, i] of dies) expect(inView(camera, at(layout.dies, i))).toBe(true)
        for (const [, i] of cpus) expect(inView(camera, at(layout.cpus, i))).toBe(true)
        for (const [, i] of l1s) expect(inView(camera, at(layout.l1Switches, i))).toBe(true)
        const p = layout.placements[topology.nodes[node]!.rack]!
        const out = (pose.position[2] - p.frontZ) * p.facing
        expect(out).toBeGreaterThan(0.3)
        expect(out).toBeLessThan(AISLE_WIDTH)
        // close enough that a die is tens of pixels wide on a 900 px tall view
        const a = new Vector3(...at(layout.dies, dies[0]![1])).project(camera)
        const b = new Vector3(...at(layout.dies, dies[2]![1])).project(camera)
        expect(Math.abs(a.x - b.x) * 450 * aspect).toBeGreaterThan(40)
      }
    }
  })

  it('looks down on the trays from above, with the whole hall and its uplink exit in view', () => {
    for (const aspect of [16 / 9, 1.1]) {
      const pose = cameraPose('network', null, null, { ...ctx, aspect })
      const camera = cameraAt(pose, aspect)
      expect(pose.clip).toBeNull()
      expect(pose.position[1]).toBeGreaterThan(TRAY.uplinkY + 3)
      const down = new Vector3(...pose.target).sub(new Vector3(...pose.position)).normalize()
      expect(down.y).toBeLessThan(-0.95)
      const { bounds, exitX } = layout
      for (const x of [bounds.minX, exitX]) {
        for (const z of [bounds.minZ, bounds.maxZ]) {
          expect(inView(camera, [x, TRAY.ubY, z])).toBe(true)
        }
      }
    }
  })
})

describe('camera flight', () => {
  const from = { position: [0, 0, 0] as Vec3, target: [1, 1, 1] as Vec3 }
  const to: CameraPose = { position: [10, 0, 0], target: [1, 3, 1], clip: null }

  it('eases from one pose to the other and reports arrival', () => {
    const flight = new CameraFlight(from, to, 1000, 600)
    const position: Vec3 = [0, 0, 0]
    const target: Vec3 = [0, 0, 0]
    expect(flight.at(1000, position, target)).toBe(false)
    expect(position).toEqual([0, 0, 0])
    expect(flight.at(1300, position, target)).toBe(false)
    expect(position[0]).toBeCloseTo(5)
    expect(target[1]).toBeCloseTo(2)
    let last = -1
    for (let t = 1000; t <= 1600; t += 50) {
      flight.at(t, position, target)
      expect(position[0]).toBeGreaterThanOrEqual(last)
      last = position[0]
    }
    expect(flight.at(1600, position, target)).toBe(true)
    expect(position).toEqual([10, 0, 0])
    expect(target).toEqual([1, 3, 1])
  })

  it('jumps when it has no duration (reduced motion)', () => {
    const position: Vec3 = [0, 0, 0]
    const target: Vec3 = [0, 0, 0]
    expect(new CameraFlight(from, to, 0, 0).at(0, position, target)).toBe(true)
    expect(position).toEqual([10, 0, 0])
  })

  it('eases in and out', () => {
    expect(easeInOutCubic(0)).toBe(0)
    expect(easeInOutCubic(1)).toBe(1)
    expect(easeInOutCubic(0.5)).toBeCloseTo(0.5)
    expect(easeInOutCubic(0.1)).toBeLessThan(0.1)
    expect(easeInOutCubic(0.9)).toBeGreaterThan(0.9)
  })
})
