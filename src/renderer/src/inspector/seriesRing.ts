/**
 * The recent values of one figure, by simulated time, in fixed memory: written once per
 * telemetry frame outside React, read a few times a second to draw the sparkline.
 */
export class SeriesRing {
  private readonly times: Float64Array
  private readonly values: Float64Array
  private start = 0
  private count = 0

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity)
    this.values = new Float64Array(capacity)
  }

  get size(): number {
    return this.count
  }

  /**
   * Adds a sample. Time going backwards means a replay seeked (or the live run came back after
   * one): the old samples belong to another stretch of the run, so they go. A sample at the
   * same time as the last replaces it (the same instant shown again).
   */
  push(timeS: number, value: number): void {
    if (this.count > 0) {
      const last = (this.start + this.count - 1) % this.capacity
      const lastTime = this.times[last]!
      if (timeS < lastTime) this.clear()
      else if (timeS === lastTime) {
        this.values[last] = value
        return
      }
    }
    const at = (this.start + this.count) % this.capacity
    this.times[at] = timeS
    this.values[at] = value
    if (this.count < this.capacity) this.count++
    else this.start = (this.start + 1) % this.capacity
  }

  clear(): void {
    this.start = 0
    this.count = 0
  }

  /** oldest first */
  toArrays(): { times: number[]; values: number[] } {
    const times: number[] = []
    const values: number[] = []
    for (let i = 0; i < this.count; i++) {
      const at = (this.start + i) % this.capacity
      times.push(this.times[at]!)
      values.push(this.values[at]!)
    }
    return { times, values }
  }
}
