import { useThree } from '@react-three/fiber'
import { useEffect } from 'react'
import { type Camera, PerspectiveCamera, Raycaster, Vector2 } from 'three'
import type { Topology } from '../../../engine/topology/types'
import { dieMetricSpecs } from '../view/dieMetrics'
import type { PartRef, ViewState } from '../view/viewState'
import type { HallObjects } from './hallObjects'
import { describePart } from './partInfo'
import { type Pick, pickHall } from './picking'
import type { Tooltip } from './tooltip'
import type { DrawnFrame } from './HallRenderLoop'

/** at most one pick per this long while the pointer moves: hover needs no more */
export const HOVER_PICK_MS = 50
/** a press that moves further than this is an orbit drag, not a click, CSS pixels */
const CLICK_SLOP_PX = 5

interface Props {
  hall: HallObjects
  topology: Topology
  view: ViewState
  tooltip: Tooltip
  drawn: DrawnFrame
}

/** what one CSS pixel spans at `distance` in front of the camera, metres */
export function worldPerPixel(camera: Camera, viewportHeight: number, distance: number): number {
  const fov = camera instanceof PerspectiveCamera ? camera.fov : 38
  return (2 * distance * Math.tan((fov * Math.PI) / 360)) / Math.max(1, viewportHeight)
}

/** Picks the part under a point of the canvas (CSS pixels from its top left corner). */
export function pickAt(
  hall: HallObjects,
  topology: Topology,
  camera: Camera,
  size: { width: number; height: number },
  x: number,
  y: number,
  linkUtilization: ArrayLike<number> | null = null,
  raycaster = new Raycaster()
): Pick | null {
  const ndc = new Vector2((x / size.width) * 2 - 1, 1 - (y / size.height) * 2)
  raycaster.setFromCamera(ndc, camera)
  const perPixel = (d: number) => worldPerPixel(camera, size.height, d)
  return pickHall(hall, topology, raycaster, perPixel, linkUtilization)
}

/**
 * Hover and click on the hall's parts. Listens on the canvas itself rather than through
 * fiber's pointer events, which raycast every object on every move, drags included: here a
 * move picks at most every HOVER_PICK_MS, never while a button is down (an orbit drag), and the
 * clip plane of a close-up is respected. Clicking a rack or node also flies to it; clicking
 * empty space clears the hover and keeps the selection.
 */
export function HallPicking({ hall, topology, view, tooltip, drawn }: Props): null {
  const get = useThree((s) => s.get)
  const element = useThree((s) => s.gl.domElement)

  useEffect(() => {
    const raycaster = new Raycaster()
    let pointer: { x: number; y: number } | null = null
    let timer: ReturnType<typeof setTimeout> | null = null
    let down: { x: number; y: number } | null = null

    const local = (event: PointerEvent | MouseEvent) => {
      const rect = element.getBoundingClientRect()
      return { x: event.clientX - rect.left, y: event.clientY - rect.top }
    }
    const pick = (at: { x: number; y: number }): PartRef | null => {
      const { camera, size } = get()
      const links = drawn.frame?.linkUtilization ?? null
      return pickAt(hall, topology, camera, size, at.x, at.y, links, raycaster)?.part ?? null
    }
    const hover = (): void => {
      timer = null
      if (!pointer) return
      const part = pick(pointer)
      view.hover(part)
      if (!part) {
        tooltip.hide()
        return
      }
      const spec = dieMetricSpecs(topology.system)[drawn.metric]
      tooltip.show(describePart(topology, part, drawn.frame, spec), pointer.x, pointer.y)
    }
    const onMove = (event: PointerEvent): void => {
      if (event.buttons !== 0) {
        // orbiting: the part under the pointer changes every frame and means nothing
        tooltip.hide()
        return
      }
      pointer = local(event)
      timer ??= setTimeout(hover, HOVER_PICK_MS)
    }
    const onDown = (event: PointerEvent): void => {
      down = local(event)
    }
    const onUp = (event: PointerEvent): void => {
      const at = local(event)
      const start = down
      down = null
      if (event.button !== 0 || !start) return
      if (Math.hypot(at.x - start.x, at.y - start.y) > CLICK_SLOP_PX) return
      const part = pick(at)
      if (!part) {
        view.hover(null)
        tooltip.hide()
        return
      }
      view.select(part)
      if (part.kind === 'rack' || part.kind === 'node') view.flyTo(part.kind, part)
    }
    const onLeave = (): void => {
      pointer = null
      view.hover(null)
      tooltip.hide()
    }
    // a zoom or a flight moves the hall under a still pointer: what it named is gone
    const forget = (): void => {
      view.hover(null)
      tooltip.hide()
    }
    let seq = view.get().camera.seq
    const unsubscribe = view.subscribe(() => {
      if (view.get().camera.seq === seq) return
      seq = view.get().camera.seq
      forget()
    })
    element.addEventListener('wheel', forget, { passive: true })
    element.addEventListener('pointermove', onMove)
    element.addEventListener('pointerdown', onDown)
    element.addEventListener('pointerup', onUp)
    element.addEventListener('pointerleave', onLeave)
    return () => {
      if (timer !== null) clearTimeout(timer)
      unsubscribe()
      element.removeEventListener('wheel', forget)
      element.removeEventListener('pointermove', onMove)
      element.removeEventListener('pointerdown', onDown)
      element.removeEventListener('pointerup', onUp)
      element.removeEventListener('pointerleave', onLeave)
    }
  }, [element, get, hall, topology, view, tooltip, drawn])
  return null
}
