import { CLOSED_REPLAY, REPLAY_SPEEDS, type ReplayStatus } from '../../../shared/library'
import { decodeStoredFrame } from './frameCodec'
import { LibraryError, type RunStore } from './runStore'

export type { ReplayState, ReplayStatus } from '../../../shared/library'
export { REPLAY_SPEEDS }

/** At most this many frames a second reach the view: at 64x, frames in between are skipped. */
const TICKS_PER_S = 30
/** While playing, the position is reported this often; state changes are reported at once. */
const STATUS_EVERY_MS = 250

export interface ReplayOptions {
  /** milliseconds, monotonic; tests pass their own clock */
  now?: () => number
}

/**
 * Plays a saved run back through the same frame stream as a live run: open, play, pause, seek
 * to any time (one indexed read and one decode: milliseconds), speeds from 0.25x to 64x.
 * Playback follows a clock (simulated time = wall time x speed) and shows the stored frame at
 * that time, so a fast replay skips frames rather than falling behind. Frames are read from the
 * library as they are needed, never all at once.
 */
export class ReplayPlayer {
  private status_: ReplayStatus = { ...CLOSED_REPLAY }
  private index = -1
  /** simulated time of the playback clock; the shown frame is the last one at or before it */
  private clockS = 0
  private lastTickMs = 0
  private lastStatusMs = -Infinity
  private timer: ReturnType<typeof setTimeout> | null = null
  private readonly now: () => number

  constructor(
    private readonly store: RunStore,
    private readonly emitFrame: (frame: ArrayBuffer) => void,
    private readonly emitStatus: (status: ReplayStatus) => void,
    options: ReplayOptions = {}
  ) {
    this.now = options.now ?? (() => performance.now())
  }

  status(): ReplayStatus {
    return { ...this.status_ }
  }

  open(runId: string, atS = 0): ReplayStatus {
    const run = this.store.require(runId)
    if (run.frameCount === 0)
      throw new LibraryError(`run '${run.name}' has no saved frames to replay`)
    this.stopTimer()
    this.status_ = {
      state: 'paused',
      runId,
      name: run.name,
      system: run.system,
      endS: run.simulatedS,
      sampleIntervalS: run.sampleIntervalS,
      positionS: 0,
      speed: this.status_.speed
    }
    this.index = -1
    return this.seek(atS)
  }

  /** Shows the frame at `timeS` (the last one at or before it) and stays there. */
  seek(timeS: number): ReplayStatus {
    this.requireOpen()
    this.clockS = Math.max(0, Math.min(timeS, this.status_.endS))
    this.lastTickMs = this.now()
    this.show(this.clockS, true)
    this.changed()
    return this.status()
  }

  play(): ReplayStatus {
    this.requireOpen()
    if (this.status_.state === 'playing') return this.status()
    if (this.clockS >= this.status_.endS) this.seek(0)
    this.status_.state = 'playing'
    this.lastTickMs = this.now()
    this.changed()
    this.schedule()
    return this.status()
  }

  pause(): ReplayStatus {
    this.requireOpen()
    this.stopTimer()
    this.status_.state = 'paused'
    this.changed()
    return this.status()
  }

  setSpeed(speed: number): ReplayStatus {
    if (!(speed >= REPLAY_SPEEDS.min && speed <= REPLAY_SPEEDS.max)) {
      throw new LibraryError(
        `replay speed must be from ${REPLAY_SPEEDS.min}x to ${REPLAY_SPEEDS.max}x, not ${speed}`
      )
    }
    this.status_.speed = speed
    this.changed()
    return this.status()
  }

  close(): ReplayStatus {
    this.stopTimer()
    this.status_ = { ...CLOSED_REPLAY, speed: this.status_.speed }
    this.changed()
    return this.status()
  }

  /** Shows the stored frame at `timeS` unless it is already shown (or `force`). */
  private show(timeS: number, force: boolean): void {
    const stored = this.store.frameAt(this.requireOpen(), timeS)
    if (!stored) throw new LibraryError('the run has no saved frames')
    if (!force && stored.index === this.index) return
    this.index = stored.index
    this.status_.positionS = stored.simTimeS
    this.emitFrame(decodeStoredFrame(stored.data))
  }

  private schedule(): void {
    const frameMs = (this.status_.sampleIntervalS / this.status_.speed) * 1000
    this.timer = setTimeout(() => this.tick(), Math.max(frameMs, 1000 / TICKS_PER_S))
  }

  private tick(): void {
    this.timer = null
    if (this.status_.state !== 'playing') return
    const nowMs = this.now()
    this.clockS += ((nowMs - this.lastTickMs) / 1000) * this.status_.speed
    this.lastTickMs = nowMs
    const atEnd = this.clockS >= this.status_.endS
    this.clockS = Math.min(this.clockS, this.status_.endS)
    this.show(this.clockS, false)
    if (atEnd) {
      this.status_.state = 'paused'
      this.changed()
      return
    }
    if (nowMs - this.lastStatusMs >= STATUS_EVERY_MS) this.changed()
    this.schedule()
  }

  private requireOpen(): string {
    if (!this.status_.runId) throw new LibraryError('no run is open for replay')
    return this.status_.runId
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private changed(): void {
    this.lastStatusMs = this.now()
    this.emitStatus(this.status())
  }
}
