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
  /** the system whose hall is shown (it follows the run or replay shown); null: no hall */
  hallSystem: string | null
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
  /** frameTimeMs over the last 200 rendered frames, ms */
  frameMsP50: number
  frameMsP99: number
  /**
   * JavaScript time of the last telemetry repaint, ms: die, CPU and link colours and the links'
   * pulse speeds written into their attribute arrays. three uploads those arrays inside the
   * next render, so the upload counts in frameTimeMs, not here.
   */
  paintMs: number
  /** paintMs over the last 200 repaints, ms */
  paintMsP50: number
  paintMsP99: number
  paintMsMax: number
  /**
   * what the last render cost the main thread up to its next task, ms: with software GL the
   * drawing happens after the render call, so this is far more than frameTimeMs. The scene
   * waits as long again before the next render (RenderPacer).
   */
  renderCostMs: number
  /** repaints (new frame, metric change) and renders (any cause) since the scene loaded */
  repaints: number
  renders: number
  /** times the Hall component rendered: must not grow with telemetry frames */
  hallRenders: number
  /** three's live GPU objects (gl.info): must not grow over a long replay */
  gpu: { geometries: number; textures: number; programs: number }
  /** the die metric painted last (view/dieMetrics.ts DieMetric) */
  metric: string
  /** the selected part as `kind:index`, or null */
  selected: string | null
  /** the camera preset asked for last, and whether the camera is still flying there */
  camera: { preset: string; moving: boolean }
  /** whether the links' traffic pulses are animating (telemetry flowing, motion allowed) */
  motion: boolean
  /** present mode (present/): on or off, the step shown (0-based) and the tour's steps */
  present: { active: boolean; step: number; steps: number }
}

/**
 * `window.__twinProbe`, created by the scene for end-to-end tests: reads what the hall drew.
 * Die indices are the topology's (and the frame's).
 */
export interface TwinProbe {
  /** the system of the hall this probe reads (the one shown) */
  system: string
  /** sRGB (0..1) of the die as painted last */
  dieColor(index: number): [number, number, number]
  /** the painted metric's value for the die in the frame drawn, in its unit; null: no data */
  dieValue(index: number): number | null
  /** the die's role in the frame drawn (shared/frame.ts DieRole), null before any frame */
  dieRole(index: number): number | null
  /**
   * The die's centre in page CSS pixels when it is on screen and the first thing the pointer
   * would hit there (so a click there picks it); null otherwise. Fly to its node first.
   */
  dieScreenPoint(index: number): { x: number; y: number } | null
  /** the node a die is in */
  nodeOfDie(index: number): number
  /**
   * The shared view state (view/viewState.ts): tests change the metric, select and fly with
   * it as the panels do.
   */
  view: unknown
}

declare global {
  interface Window {
    __twinStats?: TwinStats
    __twinProbe?: TwinProbe
  }
}

function emptyStats(): TwinStats {
  return {
    ready: false,
    hallSystem: null,
    framesReceived: 0,
    lastFrameIndex: -1,
    lastSimTimeS: -1,
    runState: null,
    replayState: 'closed',
    replayPositionS: 0,
    drawCalls: 0,
    triangles: 0,
    instances: { racks: 0, nodes: 0, dies: 0, cpus: 0, l1Switches: 0, l2Switches: 0, ubLinks: 0 },
    frameTimeMs: 0,
    frameMsP50: 0,
    frameMsP99: 0,
    paintMs: 0,
    paintMsP50: 0,
    paintMsP99: 0,
    paintMsMax: 0,
    renderCostMs: 0,
    repaints: 0,
    renders: 0,
    hallRenders: 0,
    gpu: { geometries: 0, textures: 0, programs: 0 },
    metric: 'compute',
    selected: null,
    camera: { preset: 'hall', moving: false },
    motion: false,
    present: { active: false, step: 0, steps: 0 }
  }
}

/** the page's stats object, created on first use */
export function twinStats(): TwinStats {
  window.__twinStats ??= emptyStats()
  return window.__twinStats
}
