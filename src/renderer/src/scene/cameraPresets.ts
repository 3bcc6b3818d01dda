import type { Topology } from '../../../engine/topology/types'
import type { CameraPreset, PartRef } from '../view/viewState'
import { AISLE_WIDTH, NODE, RACK, TRAY } from './dimensions'
import type { HallLayout, Vec3 } from './layout'
import { nodeOf, rackOf } from '../view/parts'

/**
 * Where the camera goes for each preset, from the layout alone (pure numbers, tested without
 * WebGL). A close-up cuts away the row across the aisle: the aisle is 1.2 m wide, too narrow to
 * step back from a 2 m rack, so the camera stands where that row is and the clip plane hides it.
 */
export interface CameraPose {
  position: Vec3
  target: Vec3
  /** the rack front to cut at (keep the rack's side of it), or null for no cut */
  clip: { frontZ: number; facing: 1 | -1 } | null
}

export interface PoseContext {
  topology: Topology
  layout: HallLayout
  /** viewport width / height */
  aspect: number
  /** vertical field of view, degrees */
  fovDeg: number
}

/**
 * High over one corner of the hall, looking across the row 1 backs at the row 0 fronts: all 16
 * racks, the overhead trays and the aisle bridge read at once, and the compute nodes of one
 * row show their chips. Orbiting shows the other row's fronts. hallPose moves the camera
 * along this line to fit the canvas.
 */
export const HALL_POSE: CameraPose = {
  position: [6.2, 6.2, 5.0],
  target: [-0.2, 0.7, 0.1],
  clip: null
}

/**
 * The overview for the canvas at hand: HALL_POSE's direction and target, as close as the
 * whole hall (floor to the uplink trays, out to where the uplinks leave) still fits the view.
 */
export function hallPose(ctx: PoseContext): CameraPose {
  const { bounds, exitX } = ctx.layout
  const corners: Vec3[] = []
  for (const x of [bounds.minX, exitX]) {
    for (const y of [0, TRAY.uplinkY])
      for (const z of [bounds.minZ, bounds.maxZ]) corners.push([x, y, z])
  }
  const t = HALL_POSE.target
  const away = HALL_POSE.position.map((v, i) => v - t[i]!) as Vec3
  const length = Math.hypot(...away)
  const dir = away.map((v) => v / length) as Vec3
  const fits = (distance: number): boolean =>
    corners.every((c) => inFrame(c, t, dir, distance, ctx, 0.92))
  let near = 2
  let far = 40
  if (fits(near)) far = near
  for (let i = 0; i < 30; i++) {
    const mid = (near + far) / 2
    if (fits(mid)) far = mid
    else near = mid
  }
  return {
    position: t.map((v, i) => v + dir[i]! * far) as Vec3,
    target: [...t],
    clip: null
  }
}

/** whether `point` lands within `margin` of the frame for a camera `distance` out along `dir` */
function inFrame(
  point: Vec3,
  target: Vec3,
  dir: Vec3,
  distance: number,
  ctx: PoseContext,
  margin: number
): boolean {
  // camera basis: looking along -dir, right-handed with world up
  const f: Vec3 = [-dir[0], -dir[1], -dir[2]]
  const r = normalize([-f[2], 0, f[0]])
  const u: Vec3 = [r[1] * f[2] - r[2] * f[1], r[2] * f[0] - r[0] * f[2], r[0] * f[1] - r[1] * f[0]]
  const v = point.map((p, i) => p - (target[i]! + dir[i]! * distance)) as Vec3
  const depth = dot(v, f)
  if (depth <= 0.1) return false
  const tan = Math.tan((ctx.fovDeg * Math.PI) / 360)
  return (
    Math.abs(dot(v, r)) <= margin * depth * tan * ctx.aspect &&
    Math.abs(dot(v, u)) <= margin * depth * tan
  )
}

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
function normalize(a: Vec3): Vec3 {
  const l = Math.hypot(...a)
  return [a[0] / l, a[1] / l, a[2] / l]
}

/** how far the cut stands in front of the rack face, so chips and cables on it stay */
export const CLIP_STANDOFF = 0.03

/** distance at which a `halfWidth` x `halfHeight` rectangle fills the view */
export function fitDistance(
  halfWidth: number,
  halfHeight: number,
  fovDeg: number,
  aspect: number
): number {
  const tan = Math.tan((fovDeg * Math.PI) / 360)
  return Math.max(halfHeight / tan, halfWidth / (tan * aspect))
}

function rackPose(rack: number, ctx: PoseContext): CameraPose {
  const p = ctx.layout.placements[rack]!
  // the rack with its label above it and a little of its neighbours either side
  const target: Vec3 = [p.x, RACK.height / 2 + 0.08, p.frontZ]
  const distance =
    1.08 * fitDistance(RACK.width / 2 + 0.1, RACK.height / 2 + 0.2, ctx.fovDeg, ctx.aspect)
  return {
    target,
    position: [p.x + 0.15 * p.facing, target[1] + 0.35, p.frontZ + p.facing * distance],
    clip: { frontZ: p.frontZ, facing: p.facing }
  }
}

function nodePose(node: number, ctx: PoseContext): CameraPose {
  const n = ctx.topology.nodes[node]!
  const p = ctx.layout.placements[n.rack]!
  const y = ctx.layout.nodes.centers[node * 3 + 1]!
  const x = ctx.layout.nodes.centers[node * 3]!
  const target: Vec3 = [x, y, p.frontZ]
  // the node's 16 dies, 4 CPUs and 7 L1 chips with a margin for their labels
  const fit = fitDistance(NODE.width / 2 + 0.05, NODE.height / 2 + 0.07, ctx.fovDeg, ctx.aspect)
  const distance = Math.min(fit, AISLE_WIDTH - 0.1)
  return {
    target,
    position: [x, y + 0.04, p.frontZ + p.facing * distance],
    clip: { frontZ: p.frontZ, facing: p.facing }
  }
}

/**
 * Top-down over the overhead trays, slightly tilted so the risers read as lines and the
 * orbit keeps a sense of up: the UB trays over both rows, the aisle bridge and the uplink trays
 * running out of the hall.
 */
function networkPose(ctx: PoseContext): CameraPose {
  const { bounds, exitX } = ctx.layout
  const target: Vec3 = [(bounds.minX + exitX) / 2, TRAY.ubY, 0]
  const halfWidth = (exitX - bounds.minX) / 2 + 0.3
  const halfDepth = bounds.maxZ + 0.3
  const distance = fitDistance(halfWidth, halfDepth, ctx.fovDeg, ctx.aspect)
  const tilt = (10 * Math.PI) / 180
  return {
    target,
    position: [target[0], target[1] + distance * Math.cos(tilt), distance * Math.sin(tilt)],
    clip: null
  }
}

/**
 * The pose for a camera request. 'rack' and 'node' frame the given part's rack or node (a die
 * frames the node or rack it is in), else the selected part's; with neither they fall back to
 * the hall (a node request for an L2 switch frames its rack).
 */
export function cameraPose(
  preset: CameraPreset,
  part: PartRef | null,
  selected: PartRef | null,
  ctx: PoseContext
): CameraPose {
  const subject = part ?? selected
  if (preset === 'network') return networkPose(ctx)
  if (preset === 'node' && subject) {
    const node = nodeOf(ctx.topology, subject)
    if (node !== null) return nodePose(node, ctx)
  }
  if ((preset === 'rack' || preset === 'node') && subject) {
    const rack = rackOf(ctx.topology, subject)
    if (rack !== null) return rackPose(rack, ctx)
  }
  return hallPose(ctx)
}

export const easeInOutCubic = (t: number): number =>
  t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2

/** A camera move from one pose to another over `durationMs`, eased at both ends. */
export class CameraFlight {
  constructor(
    readonly from: Pick<CameraPose, 'position' | 'target'>,
    readonly to: CameraPose,
    readonly startMs: number,
    readonly durationMs: number
  ) {}

  /** position and target at `nowMs`, written into `position` and `target`; true when arrived */
  at(nowMs: number, position: Vec3, target: Vec3): boolean {
    const t = this.durationMs > 0 ? Math.min(1, (nowMs - this.startMs) / this.durationMs) : 1
    const k = easeInOutCubic(Math.max(0, t))
    for (let i = 0; i < 3; i++) {
      position[i] = this.from.position[i]! + (this.to.position[i]! - this.from.position[i]!) * k
      target[i] = this.from.target[i]! + (this.to.target[i]! - this.from.target[i]!) * k
    }
    return t >= 1
  }
}
