/**
 * Paces telemetry repaints so rendering never takes more than about half the main thread.
 *
 * With a GPU a render costs a few milliseconds and the pacer changes nothing. With software GL
 * on a busy machine a render can cost more than a second; asking for one per frame then keeps
 * the main thread rendering back to back, the socket is read a message per render, and control
 * replies queue behind seconds of frames. Waiting as long as the last render took before the
 * next one lets the messages drain, and each render still shows the newest frame.
 */
export class RenderPacer {
  private lastStart = Number.NEGATIVE_INFINITY
  private cost = 0
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly requestRender: () => void,
    private readonly now: () => number = () => performance.now()
  ) {}

  /** a new frame is waiting to be drawn: ask for one render, when the pace allows */
  frameArrived(): void {
    this.request()
  }

  /**
   * Asks for a render when the pace allows, and no sooner than `minIntervalMs` after the last
   * one began: animations (pulses on the links, camera flights) pass their frame interval.
   */
  request(minIntervalMs = 0): void {
    if (this.timer !== null) return
    const due = this.lastStart + Math.max(2 * this.cost, minIntervalMs)
    const wait = Math.max(0, due - this.now())
    // even with no wait, a task queued behind the messages already waiting
    this.timer = setTimeout(() => {
      this.timer = null
      this.requestRender()
    }, wait)
  }

  /**
   * Called as every render starts. Software GL does its work after the render call returns (when
   * the canvas is composited), so the cost is measured to the first task after the render.
   */
  renderStarted(): void {
    const start = this.now()
    this.lastStart = start
    setTimeout(() => {
      this.cost = this.now() - start
    }, 0)
  }

  /** the measured cost of the last render, ms */
  get renderCostMs(): number {
    return this.cost
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }
}
