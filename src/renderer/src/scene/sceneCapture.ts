import { type Camera, type Scene, type WebGLRenderer, PerspectiveCamera, Vector2 } from 'three'
import { flightDurationMs } from './CameraRig'
import type { SceneCapture } from './captureRegistry'

interface ThreeState {
  gl: WebGLRenderer
  scene: Scene
  camera: Camera
  /** fiber's: runs every useFrame subscriber once and renders */
  advance(timestamp: number): void
}

/** the largest side a capture may have (WebGL's usual renderbuffer limit is 8192 or more) */
export const MAX_CAPTURE_SIDE = 7680

/**
 * Captures the hall at any size: the renderer is resized for one render, the picture is
 * copied into a 2D canvas in the same task (the drawing buffer is still intact then, so the
 * context needs no preserveDrawingBuffer), and size, pixel ratio and camera aspect are put
 * back with one more render so the screen never shows the odd frame.
 */
export function createSceneCapture(get: () => ThreeState): SceneCapture {
  return {
    viewSize() {
      const { gl } = get()
      return { width: gl.domElement.width, height: gl.domElement.height }
    },
    capture(width, height) {
      const w = Math.round(width)
      const h = Math.round(height)
      if (!(w >= 1 && h >= 1 && w <= MAX_CAPTURE_SIDE && h <= MAX_CAPTURE_SIDE)) {
        throw new RangeError(
          `a capture must be 1 to ${MAX_CAPTURE_SIDE} pixels a side, not ${w}x${h}`
        )
      }
      const { gl, scene, camera } = get()
      const ratio = gl.getPixelRatio()
      const size = gl.getSize(new Vector2())
      const perspective = camera instanceof PerspectiveCamera ? camera : null
      const aspect = perspective?.aspect ?? 1
      const out = document.createElement('canvas')
      out.width = w
      out.height = h
      try {
        gl.setPixelRatio(1)
        gl.setSize(w, h, false)
        if (perspective) {
          perspective.aspect = w / h
          perspective.updateProjectionMatrix()
        }
        gl.render(scene, camera)
        const context = out.getContext('2d')
        if (!context) throw new Error('no 2D canvas context for the capture')
        context.drawImage(gl.domElement, 0, 0, w, h)
      } finally {
        gl.setPixelRatio(ratio)
        gl.setSize(size.x, size.y, false)
        if (perspective) {
          perspective.aspect = aspect
          perspective.updateProjectionMatrix()
        }
        gl.render(scene, camera)
      }
      return out
    },
    draw() {
      // the hall's render loop (HallRenderLoop) renders inside its useFrame, as on screen
      get().advance(performance.now())
    },
    flightMs: flightDurationMs
  }
}
