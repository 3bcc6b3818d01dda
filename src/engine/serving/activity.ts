import type { DeviceWork } from '../perf/work'

/** Work one device of an instance does over a span of simulated time (a step, a batch, a transfer). */
export interface Activity {
  startS: number
  endS: number
  work: DeviceWork
  /** bytes each device reads from the memory pool during the span */
  poolReadBytes: number
  /** bytes the whole instance sends to decode over RDMA during the span */
  egressBytes: number
}

export const NO_WORK: DeviceWork = {
  nonExpertPeakUs: 0,
  expertPeakUs: 0,
  nonExpertHbmBytes: 0,
  expertHbmBytes: 0,
  expertExchangeBytes: 0,
  attentionExchangeBytes: 0
}

/** Sums of Activity fields over a frame window. */
export class WindowTotals {
  nonExpertPeakUs = 0
  expertPeakUs = 0
  nonExpertHbmBytes = 0
  expertHbmBytes = 0
  expertExchangeBytes = 0
  attentionExchangeBytes = 0
  poolReadBytes = 0
  egressBytes = 0
  busyS = 0

  add(a: Activity, share: number, seconds: number): void {
    const w = a.work
    this.nonExpertPeakUs += w.nonExpertPeakUs * share
    this.expertPeakUs += w.expertPeakUs * share
    this.nonExpertHbmBytes += w.nonExpertHbmBytes * share
    this.expertHbmBytes += w.expertHbmBytes * share
    this.expertExchangeBytes += w.expertExchangeBytes * share
    this.attentionExchangeBytes += w.attentionExchangeBytes * share
    this.poolReadBytes += a.poolReadBytes * share
    this.egressBytes += a.egressBytes * share
    this.busyS += seconds
  }

  reset(): void {
    Object.assign(this, new WindowTotals())
  }
}

/**
 * A sequence of activities on one track (an instance's compute, its RDMA egress), each
 * apportioned to the frame windows it overlaps: a 2.5 s prefill batch counts in every 1 s frame
 * it spans, in proportion.
 */
export class ActivityTrack {
  readonly totals = new WindowTotals()
  private current: Activity | null = null
  private accountedUntil = 0

  start(activity: Activity): void {
    this.flush(Infinity)
    this.current = activity
    this.accountedUntil = activity.startS
  }

  /** apportions the running activity up to `t` into the totals */
  flush(t: number): void {
    const a = this.current
    if (!a) return
    const until = Math.min(t, a.endS)
    if (until > this.accountedUntil) {
      const span = a.endS - a.startS
      const seconds = until - this.accountedUntil
      this.totals.add(a, span > 0 ? seconds / span : 1, seconds)
      this.accountedUntil = until
    }
    if (until >= a.endS) this.current = null
  }
}
