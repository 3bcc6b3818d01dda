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
 * Frames of the hall's topology are drawn (hallFrame); the hall follows the system shown, so
 * drawTopology points it at another topology's counts. Frames of a system the hall does not
 * draw still feed the KPIs: a run on a system without a part-level topology (or saved before
 * its system had one) carries no per-part sections, and a run on another system with a
 * topology (knowTopologies) carries that topology's parts. Frames of any other shape are
 * rejected.
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
  /** entity counts of every topology whose frames are accepted (the hall's among them) */
  private readonly known: EntityCounts[] = []
  /** the counts of the topology the hall draws; null while it draws none */
  private counts: EntityCounts | null

  constructor(counts: EntityCounts, historyCapacity?: number) {
    this.counts = counts
    this.known.push(counts)
    this.history = new KpiHistory(historyCapacity)
  }

  push(buffer: ArrayBuffer): void {
    let frame: FrameView
    try {
      frame = decodeFrame(buffer)
      if (!withoutParts(frame) && !this.ofKnownTopology(frame)) {
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

  /**
   * The entity counts of other systems' topologies (the HGX clusters beside the hall's): their
   * runs' frames are accepted for the KPIs, and drawn once the hall shows their system.
   */
  knowTopologies(counts: readonly EntityCounts[]): void {
    for (const c of counts) if (!this.ofKnown(c)) this.known.push(c)
  }

  /**
   * Points the hall at another topology (null: the hall draws none, a system without parts):
   * hallFrame becomes the newest frame when it is of that topology. Called when the hall
   * switches system, before the new hall draws; a new hall paints whatever it finds, so
   * listeners are not called (no frame arrived), but the version moves on.
   */
  drawTopology(counts: EntityCounts | null): void {
    if (counts) this.knowTopologies([counts])
    this.counts = counts
    const frame = this.latest
    this.hallFrame = frame && this.drawable(frame) ? frame : null
    this.version++
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
    return this.counts !== null && sameCounts(frame.counts, this.counts)
  }

  private ofKnownTopology(frame: FrameView): boolean {
    return this.ofKnown(frame.counts)
  }

  private ofKnown(counts: EntityCounts): boolean {
    return this.known.some((known) => sameCounts(counts, known))
  }
}

function sameCounts(a: EntityCounts, b: EntityCounts): boolean {
  return a.dies === b.dies && a.cpus === b.cpus && a.links === b.links
}

/** a frame of a system without a part-level topology: KPIs only */
function withoutParts(frame: FrameView): boolean {
  const c = frame.counts
  return c.dies === 0 && c.cpus === 0 && c.links === 0
}
