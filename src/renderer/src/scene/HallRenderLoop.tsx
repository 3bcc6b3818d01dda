import { useFrame } from '@react-three/fiber'
import { useEffect, useRef } from 'react'
import type { Topology } from '../../../engine/topology/types'
import type { FrameView } from '../../../shared/frame'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { twinStats } from '../twinStats'
import { type DieMetric, dieMetricSpecs } from '../view/dieMetrics'
import { type PartRef, type Theme, type ViewState, samePart } from '../view/viewState'
import { type HallObjects, applyRoom, paintTelemetry, setFlowClock } from './hallObjects'
import { prefersReducedMotion } from './motionPreference'
import { describePart } from './partInfo'
import { RecentTimes } from './recentTimes'
import type { RenderPacer } from './renderPacer'
import type { Tooltip } from './tooltip'

/** What the hall shows now: the frame painted last and the metric it was painted with. */
export class DrawnFrame {
  frame: FrameView | null = null
  constructor(public metric: DieMetric) {}

  set(frame: FrameView | null, metric: DieMetric): void {
    this.frame = frame
    this.metric = metric
  }
}

/**
 * Pulses run while frames keep arriving (a run or a replay playing): a frame at least this
 * often. At 1x a frame comes every simulated second, so a paused run stops within this.
 */
export const FLOWING_MS = 2500
/** frame interval of the link pulses: a modest 30 fps, as software GL pays for every frame */
export const MOTION_FRAME_MS = 1000 / 30
/** longest animation step: after a slow render, pulses do not leap */
const MAX_STEP_S = 0.25
/**
 * Pulses hold still when a render costs more than this (software GL on a busy machine): at a
 * few frames a second they would only jump about, for the price of every render.
 */
export const MOTION_MAX_RENDER_MS = 200

interface Props {
  hall: HallObjects
  topology: Topology
  telemetry: TelemetryStore
  view: ViewState
  pacer: RenderPacer
  tooltip: Tooltip
  drawn: DrawnFrame
}

/**
 * Owns rendering (a positive useFrame priority turns off fiber's own render): repaints when a
 * new frame has arrived or the metric changed, follows the theme and the selection, advances
 * the link pulses, renders once, and records what that cost. The canvas only renders on
 * demand: a frame arriving, a view change or a running animation asks for the next render, at
 * the pace the RenderPacer allows.
 */
export function HallRenderLoop({
  hall,
  topology,
  telemetry,
  view,
  pacer,
  tooltip,
  drawn
}: Props): null {
  const state = useRef({
    paintedVersion: -1,
    paintedMetric: null as DieMetric | null,
    theme: null as Theme | null,
    selected: null as PartRef | null,
    lastArrival: Number.NEGATIVE_INFINITY,
    lastRender: 0,
    motionS: 0,
    motionAtPaint: 0,
    paints: new RecentTimes(),
    frames: new RecentTimes()
  })

  useEffect(() => {
    const unsubscribe = telemetry.onFrame(() => {
      state.current.lastArrival = performance.now()
      pacer.frameArrived()
    })
    // hovering changes no pixel of the scene (the tooltip is HTML); everything else might
    let last = view.get()
    const unsubscribeView = view.subscribe(() => {
      const next = view.get()
      const changed =
        next.metric !== last.metric || next.theme !== last.theme || next.selected !== last.selected
      last = next
      if (changed) pacer.request()
    })
    return () => {
      unsubscribe()
      unsubscribeView()
    }
  }, [telemetry, view, pacer])

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
    // a hall mounted for another system starts with nothing selected (the old part is gone)
    stats.selected = null
  }, [hall])

  useFrame(({ gl, scene, camera }) => {
    const s = state.current
    const started = performance.now()
    pacer.renderStarted()
    const snapshot = view.get()
    const stats = twinStats()

    const reduced = prefersReducedMotion()
    const flowing =
      !reduced && started - s.lastArrival < FLOWING_MS && pacer.renderCostMs <= MOTION_MAX_RENDER_MS
    if (flowing) s.motionS += Math.min(MAX_STEP_S, (started - s.lastRender) / 1000)
    s.lastRender = started

    if (telemetry.version !== s.paintedVersion || snapshot.metric !== s.paintedMetric) {
      const spec = dieMetricSpecs(topology.system)[snapshot.metric]
      const paintStart = performance.now()
      // A frame of a system the hall cannot draw leaves its parts as "no data".
      paintTelemetry(hall, telemetry.hallFrame, spec, s.motionS - s.motionAtPaint)
      s.motionAtPaint = s.motionS
      s.paintedVersion = telemetry.version
      s.paintedMetric = snapshot.metric
      drawn.set(telemetry.hallFrame, snapshot.metric)
      const paintMs = performance.now() - paintStart
      s.paints.push(paintMs)
      stats.paintMs = paintMs
      stats.paintMsP50 = s.paints.percentile(50)
      stats.paintMsP99 = s.paints.percentile(99)
      stats.paintMsMax = s.paints.max()
      stats.repaints++
      stats.metric = snapshot.metric
      if (tooltip.visible && snapshot.hovered) {
        tooltip.update(describePart(topology, snapshot.hovered, drawn.frame, spec))
      }
    }
    setFlowClock(hall, s.motionS - s.motionAtPaint, !reduced)

    if (snapshot.theme !== s.theme) {
      applyRoom(hall, snapshot.theme)
      s.theme = snapshot.theme
    }
    if (!samePart(snapshot.selected, s.selected)) {
      hall.marker.show(snapshot.selected)
      s.selected = snapshot.selected
      stats.selected = s.selected ? `${s.selected.kind}:${s.selected.index}` : null
    }

    // info.autoReset is off (see Hall), so this reset makes the counts cover exactly this frame.
    gl.info.reset()
    gl.render(scene, camera)

    const frame = telemetry.latest
    stats.drawCalls = gl.info.render.calls
    stats.triangles = gl.info.render.triangles
    stats.gpu = {
      geometries: gl.info.memory.geometries,
      textures: gl.info.memory.textures,
      programs: gl.info.programs?.length ?? 0
    }
    stats.framesReceived = telemetry.framesReceived
    stats.lastFrameIndex = frame ? frame.index : -1
    stats.lastSimTimeS = frame ? frame.simTimeS : -1
    stats.frameTimeMs = performance.now() - started
    s.frames.push(stats.frameTimeMs)
    stats.frameMsP50 = s.frames.percentile(50)
    stats.frameMsP99 = s.frames.percentile(99)
    stats.renders++
    stats.renderCostMs = pacer.renderCostMs
    stats.motion = flowing
    if (frame) stats.ready = true
    if (flowing) pacer.request(MOTION_FRAME_MS)
  }, 1)

  return null
}
