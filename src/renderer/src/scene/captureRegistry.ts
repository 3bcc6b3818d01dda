/**
 * The hall's capture hook, reached from outside React (the export menu) the way
 * `window.__twinProbe` is: the scene registers it while mounted. No three.js here, so the
 * export code can import this without loading the scene's chunk.
 */
export interface SceneCapture {
  /** the canvas size on screen, device pixels */
  viewSize(): { width: number; height: number }
  /**
   * Renders the scene once at width x height (the camera as on screen, its aspect fitted) and
   * returns a 2D canvas holding the picture. The on-screen view is restored before it returns.
   */
  capture(width: number, height: number): HTMLCanvasElement
  /**
   * Runs the scene's per-frame work (camera flight, repaint for a new frame or metric) and
   * renders once, now: a tour video changes the view between captures and must see it drawn.
   */
  draw(): void
  /** how long the camera takes to fly to a new view, ms (0 when it jumps: reduced motion) */
  flightMs(): number
}

let current: SceneCapture | null = null
/** the system of the hall that registered `current` */
let currentSystem: string | null = null
/** whether any hall ever registered (not in tests that stand a stub in for the hall) */
let everRegistered = false
const listeners = new Set<() => void>()

/**
 * Registers the hall's capture, with the system the hall draws (the latest mounted hall wins:
 * a hall switching system mounts anew before the old one has finished unmounting); returns
 * its unregistration.
 */
export function setSceneCapture(capture: SceneCapture, system: string | null = null): () => void {
  current = capture
  currentSystem = system
  everRegistered = true
  for (const listener of [...listeners]) listener()
  return () => {
    if (current !== capture) return
    current = null
    currentSystem = null
  }
}

export function sceneCapture(): SceneCapture | null {
  return current
}

/**
 * Resolves once a hall of `system` has registered its capture (at once when one has, or when no
 * hall ever registered), or after `timeoutMs` whatever happened: a step that switches the hall
 * to another system waits for the new hall before it sets the camera or captures.
 */
export function sceneCaptureOf(system: string, timeoutMs: number): Promise<void> {
  if (!everRegistered || (current && currentSystem === system)) return Promise.resolve()
  return new Promise((resolve) => {
    const done = (): void => {
      listeners.delete(check)
      clearTimeout(timer)
      resolve()
    }
    const check = (): void => {
      if (current && currentSystem === system) done()
    }
    const timer = setTimeout(done, timeoutMs)
    listeners.add(check)
  })
}

/**
 * A capture that follows the hall shown: each call goes to the hall registered then, so a tour
 * video whose steps switch the hall to another system captures the new hall, not the old one.
 */
export function followSceneCapture(): SceneCapture {
  const now = (): SceneCapture => {
    if (!current) throw new Error('the 3D view is not ready to capture')
    return current
  }
  return {
    viewSize: () => now().viewSize(),
    capture: (width, height) => now().capture(width, height),
    draw: () => now().draw(),
    flightMs: () => now().flightMs()
  }
}
