import { useFrame } from '@react-three/fiber'
import { type RefObject, useRef } from 'react'
import { type Plane, Vector3 } from 'three'
import type { Topology } from '../../../engine/topology/types'
import type { RackPlacement } from './layout'

/**
 * Rack and node names as one DOM layer over the canvas: drei's Text would fetch a font from a
 * CDN, which the CSP forbids, and HTML text stays sharp at any zoom. Plain elements moved by
 * the render loop replace drei's Html (a React root per label, whose first label came up empty
 * under React 19 here). Node names show only from close by and in front, where they are
 * readable and belong to what is on screen.
 */
export interface LabelElements {
  racks: RefObject<(HTMLDivElement | null)[]>
  nodes: RefObject<(HTMLDivElement | null)[]>
}

export function useLabelElements(): LabelElements {
  const racks = useRef<(HTMLDivElement | null)[]>([])
  const nodes = useRef<(HTMLDivElement | null)[]>([])
  return { racks, nodes }
}

/** node names show from nearer than this, metres */
export const NODE_LABEL_DISTANCE = 4.5

export function RackLabelLayer({
  topology,
  elements
}: {
  topology: Topology
  elements: LabelElements
}) {
  return (
    <div className="rack-labels" aria-hidden="true">
      {topology.racks.map((rack) => (
        <div
          key={rack.id}
          ref={(el) => {
            elements.racks.current[rack.index] = el
          }}
          className={`rack-label rack-label--${rack.kind}`}
        >
          <span className="rack-label__id">{rack.id}</span>
          <span className="rack-label__kind">
            {rack.kind === 'communication' ? 'UB L2' : 'compute'}
          </span>
        </div>
      ))}
      {topology.nodes.map((node) => (
        <div
          key={node.id}
          ref={(el) => {
            elements.nodes.current[node.index] = el
          }}
          className="node-label"
        >
          {node.id}
        </div>
      ))}
    </div>
  )
}

interface TrackerProps {
  rackAnchors: Float32Array
  nodeAnchors: Float32Array
  /** each node's rack placement, for which way its front faces */
  nodeFacing: Pick<RackPlacement, 'frontZ' | 'facing'>[]
  clip: Plane
  elements: LabelElements
}

/** Moves the labels after the camera has settled for this frame (priority after the render). */
export function RackLabelTracker({
  rackAnchors,
  nodeAnchors,
  nodeFacing,
  clip,
  elements
}: TrackerProps): null {
  const point = useRef(new Vector3())
  useFrame(({ camera, size }) => {
    const v = point.current
    const place = (el: HTMLDivElement | null, anchors: Float32Array, i: number, show: boolean) => {
      if (!el) return
      v.fromArray(anchors, i * 3)
      // a label of a part cut away by a close-up goes with it
      let visible = show && clip.distanceToPoint(v) >= 0
      v.project(camera)
      // Beyond the far plane or behind the camera the projection is meaningless.
      visible &&= v.z <= 1 && v.z >= -1
      el.style.visibility = visible ? 'visible' : 'hidden'
      if (!visible) return
      const x = ((v.x + 1) / 2) * size.width
      const y = ((1 - v.y) / 2) * size.height
      el.style.transform = `translate(-50%, -50%) translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`
    }
    elements.racks.current.forEach((el, i) => place(el, rackAnchors, i, true))
    const eye = camera.position
    elements.nodes.current.forEach((el, i) => {
      // a label left from a larger topology drawn before (its element is gone)
      if (!el || i >= nodeFacing.length) return
      const dx = eye.x - nodeAnchors[i * 3]!
      const dy = eye.y - nodeAnchors[i * 3 + 1]!
      const dz = eye.z - nodeAnchors[i * 3 + 2]!
      const f = nodeFacing[i]!
      const near = dx * dx + dy * dy + dz * dz < NODE_LABEL_DISTANCE ** 2
      place(el, nodeAnchors, i, near && (eye.z - f.frontZ) * f.facing > 0)
    })
  }, 2)
  return null
}
