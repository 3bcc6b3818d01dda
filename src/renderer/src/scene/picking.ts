import type { InstancedMesh, Intersection, Plane, Ray, Raycaster } from 'three'
import type { Topology } from '../../../engine/topology/types'
import type { PartKind, PartRef } from '../view/viewState'
import type { HallObjects } from './hallObjects'
import { type LinkBundles, busiestMember } from './linkBundles'
import { rackOfShelf } from './parts'

/**
 * What is under the pointer. Boxes go through three's instanced raycast (a bounding-sphere test
 * per instance, about 1,500 of them); cables through a closest-approach test over the drawn
 * segments' array (about 1,700), no objects made. Parts cut away by the clip plane
 * cannot be picked: they are not drawn. A few milliseconds at worst, and the caller throttles it.
 */
export interface Pick {
  part: PartRef
  /** along the ray, metres */
  distance: number
}

/** how near a cable the pointer must be, in CSS pixels */
export const LINK_PICK_PX = 4
/**
 * Cables run a few millimetres in front of the chips and panels they pass: a box hit this close
 * behind a cable hit wins, so a chip under a cable is still the chip.
 */
const BOX_PRIORITY = 0.02

function pickableMeshes(hall: HallObjects): [InstancedMesh, PartKind | 'shelf'][] {
  return [
    [hall.dies, 'die'],
    [hall.cpus, 'cpu'],
    [hall.l1Switches, 'l1Switch'],
    [hall.l2Switches, 'l2Switch'],
    [hall.nodes, 'node'],
    [hall.shelves, 'shelf'],
    [hall.racks, 'rack']
  ]
}

/** squared distance between a ray and a segment, and where along each the closest points are */
export function raySegment(
  ray: Ray,
  p: ArrayLike<number>,
  o: number
): { distanceSq: number; t: number; s: number } {
  const ux = p[o + 3]! - p[o]!
  const uy = p[o + 4]! - p[o + 1]!
  const uz = p[o + 5]! - p[o + 2]!
  const v = ray.direction
  const wx = p[o]! - ray.origin.x
  const wy = p[o + 1]! - ray.origin.y
  const wz = p[o + 2]! - ray.origin.z
  const a = ux * ux + uy * uy + uz * uz
  const b = ux * v.x + uy * v.y + uz * v.z
  const c = v.x * v.x + v.y * v.y + v.z * v.z
  const d = ux * wx + uy * wy + uz * wz
  const e = v.x * wx + v.y * wy + v.z * wz
  const denominator = a * c - b * b
  let s = denominator > 1e-12 ? (b * e - c * d) / denominator : 0
  s = Math.min(1, Math.max(0, s))
  let t = (b * s + e) / c
  if (t < 0) {
    t = 0
    s = a > 0 ? Math.min(1, Math.max(0, -d / a)) : 0
  }
  const dx = wx + s * ux - t * v.x
  const dy = wy + s * uy - t * v.y
  const dz = wz + s * uz - t * v.z
  return { distanceSq: dx * dx + dy * dy + dz * dz, t, s }
}

function kept(clip: Plane, x: number, y: number, z: number): boolean {
  return clip.normal.x * x + clip.normal.y * y + clip.normal.z * z + clip.constant >= 0
}

/**
 * The nearest drawn cable segment within `pixels` of the ray, as the busiest link in it (the
 * one whose colour it shows).
 */
export function pickLink(
  bundles: LinkBundles,
  ray: Ray,
  clip: Plane,
  worldPerPixel: (distance: number) => number,
  linkUtilization: ArrayLike<number> | null,
  pixels = LINK_PICK_PX
): Pick | null {
  const p = bundles.positions
  let best: { segment: number; distance: number } | null = null
  for (let seg = 0; seg < bundles.segmentCount; seg++) {
    const hit = raySegment(ray, p, seg * 6)
    if (best && hit.t >= best.distance) continue
    const reach = pixels * worldPerPixel(hit.t)
    if (hit.distanceSq > reach * reach) continue
    const o = seg * 6
    const x = p[o]! + (p[o + 3]! - p[o]!) * hit.s
    const y = p[o + 1]! + (p[o + 4]! - p[o + 1]!) * hit.s
    const z = p[o + 2]! + (p[o + 5]! - p[o + 2]!) * hit.s
    if (!kept(clip, x, y, z)) continue
    best = { segment: seg, distance: hit.t }
  }
  if (!best) return null
  const link = busiestMember(bundles, best.segment, linkUtilization)
  return { part: { kind: 'link', index: link }, distance: best.distance }
}

/** The part under `raycaster`'s ray (set from the camera), or null for empty space. */
export function pickHall(
  hall: HallObjects,
  topology: Topology,
  raycaster: Raycaster,
  worldPerPixel: (distance: number) => number,
  linkUtilization: ArrayLike<number> | null = null
): Pick | null {
  const meshes = pickableMeshes(hall)
  const hits: Intersection[] = []
  raycaster.intersectObjects(
    meshes.map(([mesh]) => mesh),
    false,
    hits
  )
  let box: Pick | null = null
  for (const hit of hits) {
    if (!kept(hall.clip, hit.point.x, hit.point.y, hit.point.z)) continue
    const kind = meshes.find(([mesh]) => mesh === hit.object)![1]
    const index = hit.instanceId ?? -1
    const part: PartRef | null =
      kind === 'shelf' ? rackIndexPart(rackOfShelf(topology, index)) : { kind, index }
    if (part) box = { part, distance: hit.distance }
    if (box) break
  }
  const limit = box ? box.distance - BOX_PRIORITY : Infinity
  let link: Pick | null = null
  for (const bundles of [hall.ubBundles, hall.uplinkBundles]) {
    const found = pickLink(bundles, raycaster.ray, hall.clip, worldPerPixel, linkUtilization)
    if (found && found.distance < limit && (!link || found.distance < link.distance)) link = found
  }
  return link ?? box
}

function rackIndexPart(rack: number | null): PartRef | null {
  return rack === null ? null : { kind: 'rack', index: rack }
}
