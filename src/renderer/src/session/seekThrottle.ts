/** At most one seek in flight, and at least this long between two: about ten a second. */
export const SEEK_GAP_MS = 100

interface Target {
  timeS: number
  /** callers whose target this one replaced, resolved with it */
  answered: (() => void)[]
}

/**
 * Dragging a slider asks for a seek on every pixel; main decodes a frame for each, and the
 * frames queue behind one another on the way back. This sends the newest target only, one at
 * a time, and drops the ones a newer target made pointless, so the view keeps up with the
 * hand instead of replaying the drag.
 */
export class SeekThrottle {
  private pending: Target | null = null
  private inFlight: number | null = null
  private lastSentAt = Number.NEGATIVE_INFINITY
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly send: (timeS: number) => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
    private readonly gapMs = SEEK_GAP_MS,
    private readonly now: () => number = () => performance.now()
  ) {}

  /** the newest time asked for and not yet answered, or null when all are answered */
  get target(): number | null {
    return this.pending?.timeS ?? this.inFlight
  }

  /**
   * Asks for a seek to `timeS`. Resolves (never rejects: failures go to `onError`) once the
   * seek carrying this target, or a newer one that replaced it, has been answered.
   */
  request(timeS: number): Promise<void> {
    return new Promise((resolve) => {
      const answered = this.pending?.answered ?? []
      answered.push(resolve)
      this.pending = { timeS, answered }
      this.pump()
    })
  }

  /** Drops targets not yet sent (the replay closed or another opened); their callers resolve. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const dropped = this.pending
    this.pending = null
    dropped?.answered.forEach((resolve) => resolve())
  }

  private pump(): void {
    if (this.inFlight !== null || this.timer || !this.pending) return
    const wait = this.lastSentAt + this.gapMs - this.now()
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null
        this.pump()
      }, wait)
      return
    }
    const target = this.pending
    this.pending = null
    this.inFlight = target.timeS
    this.lastSentAt = this.now()
    this.send(target.timeS)
      .catch(this.onError)
      .finally(() => {
        this.inFlight = null
        target.answered.forEach((resolve) => resolve())
        this.pump()
      })
  }
}
