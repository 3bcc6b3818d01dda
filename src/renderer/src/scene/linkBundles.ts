import type { LinkRoutes } from './linkRoutes'

/**
 * Cable runs as drawn: the segments of all routes with coincident ones merged. The 16 optics
 * of one L1 chip leave it together, climb the same riser and share tray lanes, so the 29,568
 * route segments of the 5,376 L1-L2 links lie on 1,176 distinct lines. Drawing each line once
 * (software GL pays per drawn pixel, and the tray lanes were overdrawn hundreds of times)
 * makes a render about ten times cheaper and shows the same picture; each bundle takes the
 * colour and pulse speed of the busiest link in it, so a hot link is never hidden under a cool
 * one. Routes stay per link for picking and the selection outline.
 */
export interface LinkBundles {
  segmentCount: number
  /** x0,y0,z0, x1,y1,z1 per drawn segment */
  positions: Float32Array
  /** the topology links through drawn segment i are memberLink[memberStart[i] .. memberStart[i+1]-1] */
  memberStart: Uint32Array
  memberLink: Uint32Array
  /** where each drawn segment starts and ends along its (first) cable, metres, 2 per segment */
  distances: Float32Array
}

/** segment endpoints closer than this are the same point (metres) */
const SAME_POINT = 1e-4

export function bundleRoutes(routes: LinkRoutes): LinkBundles {
  const index = new Map<string, number>()
  const positions: number[] = []
  const distances: number[] = []
  const members: number[][] = []
  const p = routes.positions
  const key = (o: number): string => {
    let k = ''
    for (let i = 0; i < 6; i++) k += `${Math.round(p[o + i]! / SAME_POINT)},`
    return k
  }
  for (let r = 0; r < routes.linkCount; r++) {
    let along = 0
    for (let s = routes.firstSegment[r]!; s < routes.firstSegment[r + 1]!; s++) {
      const o = s * 6
      const length = Math.hypot(p[o + 3]! - p[o]!, p[o + 4]! - p[o + 1]!, p[o + 5]! - p[o + 2]!)
      const k = key(o)
      let drawn = index.get(k)
      if (drawn === undefined) {
        drawn = members.length
        index.set(k, drawn)
        members.push([])
        for (let i = 0; i < 6; i++) positions.push(p[o + i]!)
        distances.push(along, along + length)
      }
      const list = members[drawn]!
      // a link passes a segment once; a route folding back on itself would list it again
      if (list.at(-1) !== routes.segmentLink[s]) list.push(routes.segmentLink[s]!)
      along += length
    }
  }
  const memberStart = new Uint32Array(members.length + 1)
  members.forEach((list, i) => (memberStart[i + 1] = memberStart[i]! + list.length))
  return {
    segmentCount: members.length,
    positions: new Float32Array(positions),
    memberStart,
    memberLink: Uint32Array.from(members.flat()),
    distances: new Float32Array(distances)
  }
}

/**
 * The busiest member's utilization per drawn segment, into `out`; NaN where no member has a
 * figure. `values` null (no frame) gives NaN everywhere.
 */
export function bundleUtilization(
  bundles: LinkBundles,
  values: ArrayLike<number> | null,
  out: Float32Array
): Float32Array {
  const { memberStart, memberLink } = bundles
  for (let i = 0; i < bundles.segmentCount; i++) {
    let busiest = Number.NaN
    if (values) {
      for (let m = memberStart[i]!; m < memberStart[i + 1]!; m++) {
        const v = values[memberLink[m]!]!
        if (Number.isNaN(v)) continue
        if (Number.isNaN(busiest) || v > busiest) busiest = v
      }
    }
    out[i] = busiest
  }
  return out
}

/** the busiest member link of drawn segment `segment` (the first when there is no frame) */
export function busiestMember(
  bundles: LinkBundles,
  segment: number,
  values: ArrayLike<number> | null
): number {
  const start = bundles.memberStart[segment]!
  let best = bundles.memberLink[start]!
  if (!values) return best
  for (let m = start + 1; m < bundles.memberStart[segment + 1]!; m++) {
    const link = bundles.memberLink[m]!
    if (values[link]! > (values[best] ?? Number.NEGATIVE_INFINITY)) best = link
  }
  return best
}
