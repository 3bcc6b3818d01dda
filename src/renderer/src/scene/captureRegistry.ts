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
}

let current: SceneCapture | null = null

/** Registers the hall's capture (the latest mounted hall wins); returns its unregistration. */
export function setSceneCapture(capture: SceneCapture): () => void {
  current = capture
  return () => {
    if (current === capture) current = null
  }
}

export function sceneCapture(): SceneCapture | null {
  return current
}
