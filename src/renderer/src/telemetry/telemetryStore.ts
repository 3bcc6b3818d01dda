import type { Unsubscribe } from '../../../shared/api'
import {
  type EntityCounts,
  type FrameView,
  FrameFormatError,
  decodeFrame
} from '../../../shared/frame'

/**
 * Holds the newest telemetry frame outside React: frames arrive several times a second and
 * the scene reads them inside its render loop, so no component re-renders per frame.
 * Only the latest frame is kept; charts that need history will add a ring here.
 */
export class TelemetryStore {
  /** newest accepted frame, a zero-copy view on its buffer */
  latest: FrameView | null = null
  framesReceived = 0
  framesRejected = 0
  /** why the last frame was rejected, for the status bar */
  lastRejection: string | null = null
  /** bumps on every accepted frame; the render loop repaints when it changes */
  version = 0
  private readonly listeners = new Set<() => void>()

  constructor(private readonly counts: EntityCounts) {}

  push(buffer: ArrayBuffer): void {
    let frame: FrameView
    try {
      frame = decodeFrame(buffer, this.counts)
    } catch (error) {
      // A malformed frame must not take the view down: count it and keep the last good one.
      if (!(error instanceof FrameFormatError)) throw error
      this.framesRejected++
      this.lastRejection = error.message
      return
    }
    this.latest = frame
    this.framesReceived++
    this.version++
    for (const listener of this.listeners) listener()
  }

  /** called after each accepted frame (the scene uses it to request a render) */
  onFrame(listener: () => void): Unsubscribe {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }
}
