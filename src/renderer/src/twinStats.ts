import type { RunState } from '../../shared/api'
import type { ReplayState } from '../../shared/library'

/**
 * Counters for end-to-end tests and performance checks, written straight into
 * `window.__twinStats` (never through React state): by the render loop, and the run and replay
 * states by their controllers as each status arrives.
 */
export interface TwinStats {
  /** topology loaded and the first telemetry frame drawn */
  ready: boolean
  framesReceived: number
  /** index of the newest frame drawn, -1 before any */
  lastFrameIndex: number
  /** simulated time of the newest frame drawn, seconds; -1 before any */
  lastSimTimeS: number
  /** state of the current run as the app last heard it; null before the first status */
  runState: RunState | null
  /** the replay's state and the time of the frame it shows, as the app last heard them */
  replayState: ReplayState
  replayPositionS: number
  /** WebGL draw calls and triangles of the last rendered frame */
  drawCalls: number
  triangles: number
  instances: {
    racks: number
    nodes: number
    dies: number
    cpus: number
    l1Switches: number
    l2Switches: number
    ubLinks: number
  }
  /** CPU time of the last frame: repainting colours plus submitting the render, ms */
  frameTimeMs: number
}

declare global {
  interface Window {
    __twinStats?: TwinStats
  }
}

function emptyStats(): TwinStats {
  return {
    ready: false,
    framesReceived: 0,
    lastFrameIndex: -1,
    lastSimTimeS: -1,
    runState: null,
    replayState: 'closed',
    replayPositionS: 0,
    drawCalls: 0,
    triangles: 0,
    instances: { racks: 0, nodes: 0, dies: 0, cpus: 0, l1Switches: 0, l2Switches: 0, ubLinks: 0 },
    frameTimeMs: 0
  }
}

/** the page's stats object, created on first use */
export function twinStats(): TwinStats {
  window.__twinStats ??= emptyStats()
  return window.__twinStats
}
