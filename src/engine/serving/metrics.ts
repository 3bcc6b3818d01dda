/** A growable list of numbers, kept compact for runs with millions of requests. */
export class Samples {
  private data = new Float64Array(1024)
  private windowStart = 0
  length = 0

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = value
  }

  /** sorted copy of all samples */
  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort()
  }

  /** sorted copy of the samples added since the previous call */
  takeWindow(): Float64Array {
    const window = this.data.slice(this.windowStart, this.length).sort()
    this.windowStart = this.length
    return window
  }
}

/** Linear-interpolated percentile of a sorted array; NaN when empty. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.min(sorted.length - 1, low + 1)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)
}

export interface Percentiles {
  p50: number
  p90: number
  p99: number
}

export const percentilesOf = (sorted: Float64Array): Percentiles => ({
  p50: percentile(sorted, 50),
  p90: percentile(sorted, 90),
  p99: percentile(sorted, 99)
})

/**
 * Per-request latencies of completed requests: time to first token, time per output token
 * after the first, end to end; and whether each met the SLOs. Frames read the window since the
 * previous frame; the summary reads everything.
 */
export class RequestMetrics {
  readonly ttftS = new Samples()
  readonly tpotS = new Samples()
  readonly e2eS = new Samples()
  completed = 0
  metSlo = 0
  metSloOutputTokens = 0

  constructor(
    private readonly ttftSloS: number,
    private readonly tpotSloS: number
  ) {}

  /** `tpot` is null for a one-token answer, which has none: only its TTFT is judged */
  record(ttft: number, tpot: number | null, e2e: number, outputTokens: number): void {
    this.ttftS.push(ttft)
    if (tpot !== null) this.tpotS.push(tpot)
    this.e2eS.push(e2e)
    this.completed++
    if (ttft <= this.ttftSloS && (tpot === null || tpot <= this.tpotSloS)) {
      this.metSlo++
      this.metSloOutputTokens += outputTokens
    }
  }

  /** latencies of the requests completed since the last call, sorted */
  takeWindow(): { ttft: Float64Array; tpot: Float64Array; e2e: Float64Array } {
    return {
      ttft: this.ttftS.takeWindow(),
      tpot: this.tpotS.takeWindow(),
      e2e: this.e2eS.takeWindow()
    }
  }
}
