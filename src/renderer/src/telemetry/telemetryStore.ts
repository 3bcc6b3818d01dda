import type { Unsubscribe } from '../../../shared/api'
import {
  type EntityCounts,
  type FrameView,
  FrameFormatError,
  decodeFrame
} from '../../../shared/frame'
import { KpiHistory } from './kpiHistory'

/**
 * Holds the newest telemetry frame outside React: frames arrive several times a second (far
 * more at 'max' speed) and the scene reads them inside its render loop, so no component
 * re-renders per frame. Panels sample it a few times a second instead.
 *
 * Frames of the hall's topology are drawn; frames of a system the hall cannot draw (a run on a
 * system without a part-level topology carries no per-part sections) still feed the KPIs.
 *
 * A replay sends its frames on the same stream, and a seek may send one older than the last:
 * the newest frame to arrive is always the one shown, whatever its time. Replay frames never
 * count as the live run's progress, and closing the replay puts the live run's last frame back.
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
  /** whether frames come from a replay rather than the live run */
  replaying = false
  /** the live run's KPIs over time (replay frames never enter it), for the streaming charts */
  readonly history: KpiHistory
  /** the live run's newest frame, put back when the replay closes */
  private liveFrame: FrameView | null = null
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly counts: EntityCounts,
    historyCapacity?: number
  ) {
    this.history = new KpiHistory(historyCapacity)
  }

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
    if (!this.replaying) {
      this.runLatest = frame
      this.history.push(frame)
    }
    this.framesReceived++
    this.show(frame)
  }

  /**
   * Marks the start of a new run: the last frame stays on screen until the new run's first
   * arrives, but progress no longer reads the old run's time. Starting a run closes a replay.
   */
  beginRun(): void {
    this.runLatest = null
    this.history.clear()
    this.replaying = false
    this.liveFrame = null
  }

  /**
   * Called before a replay is asked for (its first frame may arrive before the reply): from
   * here frames are the replay's. Repeated calls keep the live frame saved by the first.
   */
  beginReplay(): void {
    if (this.replaying) return
    this.replaying = true
    this.liveFrame = this.latest
  }

  /**
   * Back to live: shows the live run's last frame again (main sends none until the run makes
   * its next one, and a stopped run makes none), or nothing if it had none.
   */
  endReplay(): void {
    if (!this.replaying) return
    this.replaying = false
    const frame = this.liveFrame
    this.liveFrame = null
    this.show(frame)
  }

  /** called after each accepted frame (the scene uses it to request a render) */
  onFrame(listener: () => void): Unsubscribe {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private show(frame: FrameView | null): void {
    this.latest = frame
    this.hallFrame = frame && this.drawable(frame) ? frame : null
    this.version++
    for (const listener of this.listeners) listener()
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
