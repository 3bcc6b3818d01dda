import './threeConsole'
import './hall.css'
import { OrbitControls } from '@react-three/drei'
import { Canvas, useThree } from '@react-three/fiber'
import { memo, useEffect, useMemo, useState } from 'react'
import { MathUtils, type Vector3 } from 'three'
import type { Topology } from '../../../engine/topology/types'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { twinStats } from '../twinStats'
import { ViewState } from '../view/viewState'
import { HALL_POSE } from './cameraPresets'
import { CameraRig } from './CameraRig'
import { TRAY } from './dimensions'
import { type HallObjects, createHallObjects } from './hallObjects'
import { HallPicking } from './HallPicking'
import { DrawnFrame, HallRenderLoop } from './HallRenderLoop'
import { nodeLabelAnchors, rackLabelAnchors } from './layout'
import { createProbe } from './probe'
import { setSceneCapture } from './captureRegistry'
import { createSceneCapture } from './sceneCapture'
import {
  type LabelElements,
  RackLabelLayer,
  RackLabelTracker,
  useLabelElements
} from './RackLabels'
import { RenderPacer } from './renderPacer'
import { Tooltip } from './tooltip'

export interface HallProps {
  topology: Topology
  telemetry: TelemetryStore
  /** the view state shared with the panels; the hall keeps its own when none is given */
  view?: ViewState
}

/**
 * The 3D hall of one system. Memoised: its props are stable while that system is shown, so the
 * app re-rendering (run status, panels) never re-renders the scene; telemetry reaches it
 * through the store only. The app keys it by system: showing another system mounts a new hall
 * (and canvas), and this one disposes its objects as it goes.
 */
export default memo(function Hall({ topology, telemetry, view: given }: HallProps) {
  const [ownView] = useState(() => new ViewState())
  const view = given ?? ownView
  const hall = useMemo(() => createHallObjects(topology), [topology])
  useEffect(() => () => hall.dispose(), [hall])
  const [tooltip] = useState(() => new Tooltip())
  const labelElements = useLabelElements()
  const { bounds, exitX } = hall.layout

  // Counts commits: telemetry must never cause one (see twinStats.hallRenders).
  useEffect(() => {
    twinStats().hallRenders++
  })

  // Keep panning near the hall so the view cannot be lost in empty space.
  const clampTarget = (target: Vector3): void => {
    target.x = MathUtils.clamp(target.x, bounds.minX - 1, exitX + 1)
    target.y = MathUtils.clamp(target.y, 0, TRAY.uplinkY)
    target.z = MathUtils.clamp(target.z, bounds.minZ - 1, bounds.maxZ + 1)
  }

  return (
    <div
      className="hall"
      ref={(element) => {
        if (!element) return
        element.appendChild(tooltip.element)
        return () => tooltip.element.remove()
      }}
    >
      <Canvas
        className="hall-canvas"
        frameloop="demand"
        flat
        dpr={[1, 2]}
        camera={{ position: HALL_POSE.position, fov: 38, near: 0.05, far: 200 }}
        gl={{ antialias: true, powerPreference: 'high-performance' }}
        onCreated={({ gl, scene }) => {
          gl.info.autoReset = false
          // the close-up cut (HallObjects.clip) is a per-material plane
          gl.localClippingEnabled = true
          scene.background = hall.room.background
        }}
      >
        <primitive object={hall.root} />
        <OrbitControls
          makeDefault
          target={HALL_POSE.target}
          minDistance={0.6}
          maxDistance={30}
          maxPolarAngle={MathUtils.degToRad(88)}
          onChange={(event) => {
            if (event) clampTarget(event.target.target)
          }}
        />
        <HallScene
          hall={hall}
          topology={topology}
          telemetry={telemetry}
          view={view}
          tooltip={tooltip}
          labels={labelElements}
        />
      </Canvas>
      <RackLabelLayer topology={topology} elements={labelElements} />
    </div>
  )
})

interface SceneProps {
  hall: HallObjects
  topology: Topology
  telemetry: TelemetryStore
  view: ViewState
  tooltip: Tooltip
  labels: LabelElements
}

/** Everything that runs inside the canvas, sharing one render pacer. */
function HallScene({ hall, topology, telemetry, view, tooltip, labels }: SceneProps) {
  const invalidate = useThree((s) => s.invalidate)
  const get = useThree((s) => s.get)
  const pacer = useMemo(() => new RenderPacer(invalidate), [invalidate])
  useEffect(() => () => pacer.dispose(), [pacer])
  const [drawn] = useState(() => new DrawnFrame(view.get().metric))
  const labelAnchors = useMemo(
    () => ({
      racks: rackLabelAnchors(hall.layout),
      nodes: nodeLabelAnchors(topology, hall.layout),
      nodeFacing: topology.nodes.map((n) => hall.layout.placements[n.rack]!)
    }),
    [hall, topology]
  )

  useEffect(() => {
    const probe = createProbe({
      hall,
      topology,
      view,
      drawn,
      viewport: () => {
        const { camera, size, gl } = get()
        return { camera, size, element: gl.domElement }
      }
    })
    window.__twinProbe = probe
    twinStats().hallSystem = topology.system
    return () => {
      // a hall of another system may have mounted first: its probe stays
      if (window.__twinProbe !== probe) return
      delete window.__twinProbe
      const stats = twinStats()
      stats.hallSystem = null
      for (const kind of Object.keys(stats.instances)) {
        stats.instances[kind as keyof typeof stats.instances] = 0
      }
    }
  }, [hall, topology, view, drawn, get])

  // the export menu's screenshots and videos (scene/captureRegistry.ts)
  useEffect(() => {
    return setSceneCapture(createSceneCapture(get), topology.system)
  }, [get, topology.system])

  return (
    <>
      <CameraRig hall={hall} topology={topology} view={view} pacer={pacer} />
      <HallRenderLoop
        hall={hall}
        topology={topology}
        telemetry={telemetry}
        view={view}
        pacer={pacer}
        tooltip={tooltip}
        drawn={drawn}
      />
      <HallPicking hall={hall} topology={topology} view={view} tooltip={tooltip} drawn={drawn} />
      <RackLabelTracker
        rackAnchors={labelAnchors.racks}
        nodeAnchors={labelAnchors.nodes}
        nodeFacing={labelAnchors.nodeFacing}
        clip={hall.clip}
        elements={labels}
      />
    </>
  )
}
