import { useFrame, useThree } from '@react-three/fiber'
import { useEffect, useRef } from 'react'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { twinStats } from '../twinStats'
import { type HallObjects, paintTelemetry } from './hallObjects'
import { RenderPacer } from './renderPacer'

interface Props {
  hall: HallObjects
  telemetry: TelemetryStore
}

/**
 * Owns rendering (a positive useFrame priority turns off fiber's own render): repaints colours
 * when a new frame has arrived, renders once, and records what that render cost. The canvas
 * only renders on demand, so a frame arriving is what asks for the next render, at the pace
 * the RenderPacer allows.
 */
export function HallRenderLoop({ hall, telemetry }: Props): null {
  const invalidate = useThree((s) => s.invalidate)
  const paintedVersion = useRef(-1)

  const pacer = useRef<RenderPacer | null>(null)

  useEffect(() => {
    const current = new RenderPacer(invalidate)
    pacer.current = current
    const unsubscribe = telemetry.onFrame(() => current.frameArrived())
    return () => {
      unsubscribe()
      current.dispose()
      pacer.current = null
    }
  }, [telemetry, invalidate])

  useEffect(() => {
    const stats = twinStats()
    stats.instances = {
      racks: hall.racks.count,
      nodes: hall.nodes.count,
      dies: hall.dies.count,
      cpus: hall.cpus.count,
      l1Switches: hall.l1Switches.count,
      l2Switches: hall.l2Switches.count,
      ubLinks: hall.ubRoutes.linkCount
    }
  }, [hall])

  useFrame(({ gl, scene, camera }) => {
    const started = performance.now()
    const frame = telemetry.latest
    if (telemetry.version !== paintedVersion.current) {
      pacer.current?.renderStarted()
      // A frame of a system the hall cannot draw leaves its parts as "no data".
      paintTelemetry(hall, telemetry.hallFrame)
      paintedVersion.current = telemetry.version
    }
    // info.autoReset is off (see Hall), so this reset makes the counts cover exactly this frame.
    gl.info.reset()
    gl.render(scene, camera)

    const stats = twinStats()
    stats.drawCalls = gl.info.render.calls
    stats.triangles = gl.info.render.triangles
    stats.framesReceived = telemetry.framesReceived
    stats.lastFrameIndex = frame ? frame.index : -1
    stats.lastSimTimeS = frame ? frame.simTimeS : -1
    stats.frameTimeMs = performance.now() - started
    if (frame) stats.ready = true
  }, 1)

  return null
}
