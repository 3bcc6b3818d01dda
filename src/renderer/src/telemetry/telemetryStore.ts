import type { Unsubscribe } from '../../../shared/api'
import {
  type EntityCounts,
  type FrameView,
  FrameFormatError,
  decodeFrame
} from '../../../shared/frame'

/**
 * Holds the newest telemetry frame outside React: frames arrive several times a second (far
 * more at 'max' speed) and the scene reads them inside its render loop, so no component
 * re-renders per frame. Panels sample it a few times a second instead.
 *
 * Frames of the hall's topology are drawn; frames of a system the hall cannot draw (a run on a
 * system without a part-level topology carries no per-part sections) still feed the KPIs.
 */
export class TelemetryStore {
  /** newest accepted frame, a zero-copy view on its buffer */
  latest: FrameView | null = null
  /** the newest frame when it belongs to the hall's topology; null when it does not */
  hallFrame: FrameView | null = null
  /** newest frame of the run begun last (null until it sends one), for progress displays */
  runLatest: FrameView | null = null
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
      frame = decodeFrame(buffer)
      if (!this.drawable(frame) && !withoutParts(frame)) {
        throw new FrameFormatError('frame was made for another topology')
      }
    } catch (error) {
      // A malformed frame must not take the view down: count it and keep the last good one.
      if (!(error instanceof FrameFormatError)) throw error
      this.framesRejected++
      this.lastRejection = error.message
      return
    }
    this.latest = frame
    this.hallFrame = this.drawable(frame) ? frame : null
    this.runLatest = frame
    this.framesReceived++
    this.version++
    for (const listener of this.listeners) listener()
  }

  /**
   * Marks the start of a new run: the last frame stays on screen until the new run's first
   * arrives, but progress no longer reads the old run's time.
   */
  beginRun(): void {
    this.runLatest = null
  }

  /** called after each accepted frame (the scene uses it to request a render) */
  onFrame(listener: () => void): Unsubscribe {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private drawable(frame: FrameView): boolean {
    const c = frame.counts
    return (
      c.dies === this.counts.dies && c.cpus === this.counts.cpus && c.links === this.counts.links
    )
  }
}

/** a frame of a system without a part-level topology: KPIs only */
function withoutParts(frame: FrameView): boolean {
  const c = frame.counts
  return c.dies === 0 && c.cpus === 0 && c.links === 0
}
