import { useFrame, useThree } from '@react-three/fiber'
import { useEffect, useRef } from 'react'
import { PerspectiveCamera, type Vector3 } from 'three'
import type { Topology } from '../../../engine/topology/types'
import { twinStats } from '../twinStats'
import type { ViewState } from '../view/viewState'
import { CLIP_STANDOFF, CameraFlight, type CameraPose, cameraPose } from './cameraPresets'
import { CLIP_PARKED, type HallObjects } from './hallObjects'
import type { Vec3 } from './layout'
import { prefersReducedMotion } from './motionPreference'
import type { RenderPacer } from './renderPacer'
import { sceneClockPinned, sceneNow } from './sceneClock'

/** how long a flight between presets takes */
export const FLIGHT_MS = 600

/** how long a flight to a new view takes now: none with reduced motion (it jumps) */
export function flightDurationMs(): number {
  return prefersReducedMotion() ? 0 : FLIGHT_MS
}

/** frame interval while flying: smooth enough, and half the work of 60 fps */
const FLIGHT_FRAME_MS = 1000 / 30

interface Controls {
  target: Vector3
  update(): void
}

interface Props {
  hall: HallObjects
  topology: Topology
  view: ViewState
  pacer: RenderPacer
}

/** Sets the clip plane for a pose: a close-up cuts just in front of its rack face. */
export function placeClip(hall: HallObjects, clip: CameraPose['clip']): void {
  if (!clip) {
    hall.clip.normal.set(0, 0, 1)
    hall.clip.constant = CLIP_PARKED
    return
  }
  // kept where facing * (frontZ - z) + standoff >= 0: the rack's own side of the aisle
  hall.clip.normal.set(0, 0, -clip.facing)
  hall.clip.constant = clip.facing * clip.frontZ + CLIP_STANDOFF
}

/**
 * Answers the view's camera requests (a new `seq`): flies to the preset's pose over
 * FLIGHT_MS, eased, moving OrbitControls' target with it so orbiting afterwards turns about
 * what was framed. With reduced motion it jumps.
 */
export function CameraRig({ hall, topology, view, pacer }: Props): null {
  const controls = useThree((s) => s.controls) as unknown as Controls | null
  const get = useThree((s) => s.get)
  const handledSeq = useRef(0)
  const flight = useRef<CameraFlight | null>(null)
  const position = useRef<Vec3>([0, 0, 0])
  const target = useRef<Vec3>([0, 0, 0])

  useEffect(() => {
    // the first call frames the hall for this canvas at once, whatever was asked before
    let first = true
    const answer = (): void => {
      const { camera: request, selected } = view.get()
      if (request.seq === handledSeq.current && !first) return
      handledSeq.current = request.seq
      const { camera, size, controls: current } = get()
      const orbit = current as unknown as Controls | null
      const fov = camera instanceof PerspectiveCamera ? camera.fov : 38
      const pose = cameraPose(request.preset, request.part, selected, {
        topology,
        layout: hall.layout,
        aspect: size.width / Math.max(1, size.height),
        fovDeg: fov
      })
      placeClip(hall, pose.clip)
      const from = {
        position: camera.position.toArray() as Vec3,
        target: (orbit?.target.toArray() ?? pose.target) as Vec3
      }
      const duration = first ? 0 : flightDurationMs()
      first = false
      flight.current = new CameraFlight(from, pose, sceneNow(), duration)
      twinStats().camera = { preset: request.preset, moving: true }
      pacer.request()
    }
    answer()
    return view.subscribe(answer)
  }, [view, hall, topology, get, pacer])

  useFrame(({ camera }) => {
    const current = flight.current
    if (!current) return
    const arrived = current.at(sceneNow(), position.current, target.current)
    camera.position.fromArray(position.current)
    if (controls) {
      controls.target.fromArray(target.current)
      controls.update()
    } else {
      camera.lookAt(target.current[0], target.current[1], target.current[2])
    }
    if (arrived) {
      flight.current = null
      twinStats().camera.moving = false
    } else if (!sceneClockPinned()) {
      // a pinned clock (a video export) moves only when the export draws the next frame
      pacer.request(FLIGHT_FRAME_MS)
    }
  })
  return null
}
