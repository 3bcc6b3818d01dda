import type { Camera } from 'three'
import { Vector3 } from 'three'
import type { Topology } from '../../../engine/topology/types'
import type { TwinProbe } from '../twinStats'
import { dieMetricSpecs } from '../view/dieMetrics'
import type { ViewState } from '../view/viewState'
import { linearToSrgb } from './colorMap'
import type { HallObjects } from './hallObjects'
import type { DrawnFrame } from './HallRenderLoop'
import { pickAt } from './HallPicking'

interface ProbeSources {
  hall: HallObjects
  topology: Topology
  view: ViewState
  drawn: DrawnFrame
  /** the camera, the canvas size and the canvas element now */
  viewport(): { camera: Camera; size: { width: number; height: number }; element: HTMLElement }
}

/** `window.__twinProbe` (documented with TwinProbe in twinStats.ts): what the hall drew. */
export function createProbe({ hall, topology, view, drawn, viewport }: ProbeSources): TwinProbe {
  const colors = () => hall.dies.instanceColor!.array
  return {
    view,
    system: topology.system,
    dieColor(index) {
      const c = colors()
      return [0, 1, 2].map((k) => linearToSrgb(c[index * 3 + k]!)) as [number, number, number]
    },
    dieValue(index) {
      const frame = drawn.frame
      if (!frame || index < 0 || index >= frame.counts.dies) return null
      const value = dieMetricSpecs(topology.system)[drawn.metric].value(frame, index)
      return Number.isFinite(value) ? value : null
    },
    dieRole(index) {
      return drawn.frame?.dieRole[index] ?? null
    },
    dieScreenPoint(index) {
      const { camera, size, element } = viewport()
      const at = new Vector3().fromArray(hall.layout.dies.centers, index * 3).project(camera)
      if (Math.abs(at.x) > 1 || Math.abs(at.y) > 1 || at.z < -1 || at.z > 1) return null
      const x = ((at.x + 1) / 2) * size.width
      const y = ((1 - at.y) / 2) * size.height
      const hit = pickAt(hall, topology, camera, size, x, y, drawn.frame?.linkUtilization ?? null)
      if (hit?.part.kind !== 'die' || hit.part.index !== index) return null
      const rect = element.getBoundingClientRect()
      return { x: rect.left + x, y: rect.top + y }
    },
    nodeOfDie(index) {
      return topology.dies[index]!.node
    }
  }
}
