import { Color, type InterleavedBufferAttribute } from 'three'
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js'
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js'
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js'
import type { PartRef } from '../view/viewState'
import type { PartLayout } from './layout'
import type { LinkRoutes } from './linkRoutes'

/**
 * The selected part, outlined: a box's twelve edges or a link's cable run, drawn as one fat
 * line object over everything (depth test off) so a part behind a rack still shows where it is.
 * One draw call; its buffer is allocated once and rewritten, so selecting never allocates GPU
 * memory.
 */
export const MARKER_CAPACITY = 16
/** how far the outline stands off the part, metres */
const MARGIN = 0.005

export interface SelectionMarker {
  object: LineSegments2
  material: LineMaterial
  /** draws the outline of `part`; false when it has no place in the hall (nothing drawn) */
  show(part: PartRef | null): boolean
}

/** The 12 edges of an axis-aligned box as segment pairs, into `out` from segment 0. */
export function boxEdges(
  out: Float32Array,
  center: ArrayLike<number>,
  size: ArrayLike<number>
): number {
  const h = [size[0]! / 2 + MARGIN, size[1]! / 2 + MARGIN, size[2]! / 2 + MARGIN]
  const corner = (i: number): [number, number, number] => [
    center[0]! + (i & 1 ? h[0]! : -h[0]!),
    center[1]! + (i & 2 ? h[1]! : -h[1]!),
    center[2]! + (i & 4 ? h[2]! : -h[2]!)
  ]
  let n = 0
  for (let i = 0; i < 8; i++) {
    for (const bit of [1, 2, 4]) {
      if (i & bit) continue
      out.set([...corner(i), ...corner(i | bit)], n * 6)
      n++
    }
  }
  return n
}

/** where a part is: its layout box, or its cable run for a link; null when the hall lacks it */
export function markerSegments(
  out: Float32Array,
  part: PartRef,
  routes: { ub: LinkRoutes; uplinks: LinkRoutes },
  boxOf: (part: PartRef) => { center: ArrayLike<number>; size: ArrayLike<number> } | null
): number {
  if (part.kind === 'link') {
    for (const r of [routes.ub, routes.uplinks]) {
      const routed = routedIndex(r, part.index)
      if (routed < 0) continue
      const first = r.firstSegment[routed]!
      const count = Math.min(MARKER_CAPACITY, r.firstSegment[routed + 1]! - first)
      out.set(r.positions.subarray(first * 6, (first + count) * 6), 0)
      return count
    }
    return 0
  }
  const box = boxOf(part)
  return box ? boxEdges(out, box.center, box.size) : 0
}

/** the routed position of topology link `link` in `routes`, or -1 when it is not drawn there */
export function routedIndex(routes: LinkRoutes, link: number): number {
  // Routes are built in topology order, so their links ascend: binary search.
  let lo = 0
  let hi = routes.linkCount - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const at = routes.segmentLink[routes.firstSegment[mid]!]!
    if (at === link) return mid
    if (at < link) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** a part's box from the layout: centre and size of one instance */
export function partBox(
  part: PartLayout,
  index: number
): { center: Float32Array; size: readonly number[] } | null {
  if (index < 0 || index >= part.count) return null
  return { center: part.centers.subarray(index * 3, index * 3 + 3), size: part.size }
}

export function createSelectionMarker(
  routes: { ub: LinkRoutes; uplinks: LinkRoutes },
  boxOf: (part: PartRef) => { center: ArrayLike<number>; size: ArrayLike<number> } | null
): SelectionMarker {
  const positions = new Float32Array(MARKER_CAPACITY * 6)
  const geometry = new LineSegmentsGeometry()
  geometry.setPositions(positions)
  const material = new LineMaterial({
    color: new Color('#ffffff'),
    linewidth: 3,
    depthTest: false,
    transparent: true
  })
  const object = new LineSegments2(geometry, material)
  object.name = 'selection'
  object.renderOrder = 10
  object.frustumCulled = false
  object.visible = false
  // start and end points share one interleaved buffer: the array setPositions was given
  const buffer = (geometry.getAttribute('instanceStart') as InterleavedBufferAttribute).data
  const array = buffer.array as Float32Array
  return {
    object,
    material,
    show(part) {
      const n = part ? markerSegments(array, part, routes, boxOf) : 0
      object.visible = n > 0
      geometry.instanceCount = n
      buffer.needsUpdate = true
      return n > 0
    }
  }
}
