import { useFrame } from '@react-three/fiber'
import { type RefObject, useRef } from 'react'
import { Vector3 } from 'three'
import type { Topology } from '../../../engine/topology/types'

/**
 * Rack names as one DOM layer over the canvas: drei's Text would fetch a font from a CDN, which
 * the CSP forbids, and HTML text stays sharp at any zoom. One layer with 16 plain elements,
 * moved by the render loop, replaces drei's Html (a React root per label, whose first label
 * came up empty under React 19 here).
 */
export type LabelElements = RefObject<(HTMLDivElement | null)[]>

export function useLabelElements(): LabelElements {
  return useRef<(HTMLDivElement | null)[]>([])
}

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
            elements.current[rack.index] = el
          }}
          className={`rack-label rack-label--${rack.kind}`}
        >
          <span className="rack-label__id">{rack.id}</span>
          <span className="rack-label__kind">
            {rack.kind === 'communication' ? 'UB L2' : 'compute'}
          </span>
        </div>
      ))}
    </div>
  )
}

/** Moves the labels after the camera has settled for this frame (priority after the render). */
export function RackLabelTracker({
  anchors,
  elements
}: {
  anchors: Float32Array
  elements: LabelElements
}): null {
  const point = useRef(new Vector3())
  useFrame(({ camera, size }) => {
    const v = point.current
    elements.current.forEach((el, i) => {
      if (!el) return
      v.fromArray(anchors, i * 3).project(camera)
      // Beyond the far plane or behind the camera the projection is meaningless.
      const hidden = v.z > 1 || v.z < -1
      el.style.visibility = hidden ? 'hidden' : 'visible'
      const x = ((v.x + 1) / 2) * size.width
      const y = ((1 - v.y) / 2) * size.height
      el.style.transform = `translate(-50%, -50%) translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`
    })
  }, 2)
  return null
}
