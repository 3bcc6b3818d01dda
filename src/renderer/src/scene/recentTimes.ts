/** The last `capacity` timings (ms) in a ring, for percentiles in the stats hook. */
export class RecentTimes {
  private readonly values: Float64Array
  private next = 0
  private filled = 0

  constructor(capacity = 200) {
    this.values = new Float64Array(capacity)
  }

  push(ms: number): void {
    this.values[this.next] = ms
    this.next = (this.next + 1) % this.values.length
    this.filled = Math.min(this.filled + 1, this.values.length)
  }

  get count(): number {
    return this.filled
  }

  /** nearest-rank percentile (0..100) of the values held; 0 when empty */
  percentile(p: number): number {
    if (this.filled === 0) return 0
    const sorted = this.values.slice(0, this.filled).sort()
    const rank = Math.ceil((p / 100) * this.filled) - 1
    return sorted[Math.min(this.filled - 1, Math.max(0, rank))]!
  }

  max(): number {
    return this.percentile(100)
  }
}
