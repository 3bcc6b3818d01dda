import './threeConsole'
import { OrbitControls } from '@react-three/drei'
import { Canvas } from '@react-three/fiber'
import { useEffect, useMemo } from 'react'
import { MathUtils, type Vector3 } from 'three'
import type { Topology } from '../../../engine/topology/types'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { TRAY } from './dimensions'
import { createHallObjects } from './hallObjects'
import { rackLabelAnchors } from './layout'
import { HallRenderLoop } from './HallRenderLoop'
import { PALETTE } from './palette'
import { RackLabelLayer, RackLabelTracker, useLabelElements } from './RackLabels'

export interface HallProps {
  topology: Topology
  telemetry: TelemetryStore
}

/**
 * High over one corner of the hall, looking across the row 1 backs at the row 0 fronts: all 16
 * racks, the overhead trays and the aisle bridge read at once, and the compute nodes of one
 * row show their chips. Orbiting shows the other row's fronts.
 */
const CAMERA_POSITION: [number, number, number] = [6.2, 6.2, 5.0]
const CAMERA_TARGET: [number, number, number] = [-0.2, 0.7, 0.1]

export default function Hall({ topology, telemetry }: HallProps) {
  const hall = useMemo(() => createHallObjects(topology), [topology])
  useEffect(() => () => hall.dispose(), [hall])
  const { bounds, exitX } = hall.layout
  const labelAnchors = useMemo(() => rackLabelAnchors(hall.layout), [hall])
  const labelElements = useLabelElements()

  // Keep panning near the hall so the view cannot be lost in empty space.
  const clampTarget = (target: Vector3): void => {
    target.x = MathUtils.clamp(target.x, bounds.minX - 1, exitX + 1)
    target.y = MathUtils.clamp(target.y, 0, TRAY.uplinkY)
    target.z = MathUtils.clamp(target.z, bounds.minZ - 1, bounds.maxZ + 1)
  }

  return (
    <div className="hall">
      <Canvas
        className="hall-canvas"
        frameloop="demand"
        flat
        dpr={[1, 2]}
        camera={{ position: CAMERA_POSITION, fov: 38, near: 0.05, far: 200 }}
        gl={{ antialias: true, powerPreference: 'high-performance' }}
        onCreated={({ gl }) => {
          gl.info.autoReset = false
        }}
      >
        <color attach="background" args={[PALETTE.background]} />
        <hemisphereLight args={['#e3ebf5', '#20252c', 2.2]} />
        <directionalLight position={[4, 9, 6]} intensity={1.6} />
        <directionalLight position={[-5, 6, -4]} intensity={0.6} />
        <primitive object={hall.root} />
        <OrbitControls
          makeDefault
          target={CAMERA_TARGET}
          minDistance={0.6}
          maxDistance={30}
          maxPolarAngle={MathUtils.degToRad(88)}
          onChange={(event) => {
            if (event) clampTarget(event.target.target)
          }}
        />
        <HallRenderLoop hall={hall} telemetry={telemetry} />
        <RackLabelTracker anchors={labelAnchors} elements={labelElements} />
      </Canvas>
      <RackLabelLayer topology={topology} elements={labelElements} />
    </div>
  )
}
