import { OrbitControls } from '@react-three/drei'
import { Canvas, useFrame, useThree } from '@react-three/fiber'
import { memo, useEffect, useMemo, useRef } from 'react'
import type { Topology } from '../../../engine/topology/types'
import type { FrameView } from '../../../shared/frame'
import { hallPose } from '../scene/cameraPresets'
import {
  type HallObjects,
  applyRoom,
  createHallObjects,
  paintTelemetry
} from '../scene/hallObjects'
import { type DieMetric, dieMetricSpecs } from '../view/dieMetrics'
import type { Theme } from '../view/viewState'
import { type CompareViewProbe, registerCompareView } from './compareProbe'

const FOV_DEG = 38

/**
 * The frame one scene shows, outside React: the timeline puts a frame here and the scene
 * repaints in its render loop, as the main hall does with its TelemetryStore.
 */
export class ShownFrame {
  /** null: the frame carries no parts of this topology (a run saved before it had one) */
  frame: FrameView | null = null
  askedS = -1
  frameS = -1
  version = 0
  private listener: (() => void) | null = null

  show(frame: FrameView | null, askedS: number, frameS: number): void {
    this.frame = frame
    this.askedS = askedS
    this.frameS = frameS
    this.version++
    this.listener?.()
  }

  listen(listener: (() => void) | null): void {
    this.listener = listener
  }
}

export interface CompareSceneProps {
  runId: string
  topology: Topology
  shown: ShownFrame
  metric: DieMetric
  theme: Theme
}

/**
 * One run's hall, drawn with the main hall's own objects and colours (scene/hallObjects.ts) so
 * a colour means the same here; the camera orbits, the time comes from the compare timeline.
 * Renders only when a frame, the metric or the theme changes.
 */
export const CompareScene = memo(function CompareScene(props: CompareSceneProps) {
  const hall = useMemo(() => createHallObjects(props.topology), [props.topology])
  useEffect(() => () => hall.dispose(), [hall])
  return (
    <Canvas
      className="compare-scene__canvas"
      frameloop="demand"
      flat
      dpr={1}
      camera={{ fov: FOV_DEG, near: 0.05, far: 200 }}
      gl={{ antialias: true, preserveDrawingBuffer: true }}
      onCreated={({ scene, gl }) => {
        gl.localClippingEnabled = true
        scene.background = hall.room.background
      }}
    >
      <primitive object={hall.root} />
      <ScenePainter hall={hall} {...props} />
    </Canvas>
  )
})

function ScenePainter({
  hall,
  runId,
  topology,
  shown,
  metric,
  theme
}: CompareSceneProps & { hall: HallObjects }) {
  const invalidate = useThree((s) => s.invalidate)
  const size = useThree((s) => s.size)
  const painted = useRef({
    version: -1,
    metric: null as DieMetric | null,
    theme: null as Theme | null
  })
  const pose = useMemo(
    () =>
      hallPose({
        topology,
        layout: hall.layout,
        aspect: size.width / Math.max(1, size.height),
        fovDeg: FOV_DEG
      }),
    // the pose fits the canvas it first had; the user orbits from there
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [topology, hall]
  )
  const camera = useThree((s) => s.camera)
  useEffect(() => {
    camera.position.set(...pose.position)
    camera.lookAt(...pose.target)
    invalidate()
  }, [camera, pose, invalidate])

  // what this scene drew, for end-to-end tests (compareProbe.ts)
  const probe = useRef<CompareViewProbe | null>(null)
  useEffect(() => {
    const registered = registerCompareView(
      runId,
      topology.system,
      () => hall.dies.instanceColor?.array ?? null,
      () => shown.frame
    )
    registered.entry.dies = hall.dies.count
    probe.current = registered.entry
    return () => {
      registered.remove()
      probe.current = null
    }
  }, [runId, topology, hall, shown])

  useEffect(() => {
    shown.listen(invalidate)
    invalidate()
    return () => shown.listen(null)
  }, [shown, invalidate])
  useEffect(() => invalidate(), [metric, theme, invalidate])

  useFrame(({ gl, scene, camera: eye }) => {
    const p = painted.current
    if (shown.version !== p.version || metric !== p.metric) {
      paintTelemetry(hall, shown.frame, dieMetricSpecs(topology.system)[metric])
      p.version = shown.version
      p.metric = metric
      if (probe.current) {
        probe.current.askedS = shown.askedS
        probe.current.frameS = shown.frameS
      }
    }
    if (theme !== p.theme) {
      applyRoom(hall, theme)
      p.theme = theme
    }
    gl.render(scene, eye)
    if (probe.current) probe.current.renders++
  }, 1)

  return <OrbitControls makeDefault target={pose.target} maxDistance={40} minDistance={0.6} />
}
