import { type FrameView, KPI_NAMES, type KpiName } from '../../../shared/frame'

/** an hour of the default one-second frames; a longer run keeps its newest hour */
export const HISTORY_CAPACITY = 3600

/** KPI columns over time, oldest first: the shape runs.kpis answers with, so charts take either */
export interface KpiColumns {
  timesS: ArrayLike<number>
  kpis: Partial<Record<string, ArrayLike<number>>>
}

/**
 * The live run's KPIs over time, in a ring of preallocated typed arrays: a frame costs one
 * copy of its KPI row and allocates nothing, however fast frames come. Charts read columns
 * out of it a few times a second. A frame that starts a run (index 0) or goes back in time
 * begins a new history.
 */
export class KpiHistory {
  /** bumps on every change, so readers skip rebuilding what they already have */
  version = 0
  private readonly times: Float64Array
  /** row-major: KPI_NAMES.length values per frame */
  private readonly rows: Float64Array
  private start = 0
  private count = 0

  constructor(readonly capacity = HISTORY_CAPACITY) {
    this.times = new Float64Array(capacity)
    this.rows = new Float64Array(capacity * KPI_NAMES.length)
  }

  get length(): number {
    return this.count
  }

  /** simulated time of the newest entry, NaN when empty */
  get lastTimeS(): number {
    return this.count === 0 ? NaN : this.times[this.slot(this.count - 1)]!
  }

  push(frame: FrameView): void {
    if (frame.index === 0 || frame.simTimeS < this.lastTimeS) this.clear()
    let slot: number
    if (this.count < this.capacity) {
      slot = this.slot(this.count)
      this.count++
    } else {
      slot = this.start
      this.start = (this.start + 1) % this.capacity
    }
    this.times[slot] = frame.simTimeS
    const width = KPI_NAMES.length
    const row = this.rows.subarray(slot * width, (slot + 1) * width)
    // a frame from an older writer may carry fewer KPIs: the rest are unknown
    const carried = Math.min(frame.kpis.length, width)
    row.set(frame.kpis.subarray(0, carried))
    row.fill(NaN, carried)
    this.version++
  }

  clear(): void {
    if (this.count === 0) return
    this.start = 0
    this.count = 0
    this.version++
  }

  /** the named KPIs (all when none are named) as columns, oldest first */
  columns(names: readonly KpiName[] = KPI_NAMES): KpiColumns & { timesS: number[] } {
    const timesS = new Array<number>(this.count)
    const kpis: Record<string, number[]> = {}
    const width = KPI_NAMES.length
    const indices = names.map((name) => KPI_NAMES.indexOf(name))
    for (const name of names) kpis[name] = new Array<number>(this.count)
    for (let i = 0; i < this.count; i++) {
      const slot = this.slot(i)
      timesS[i] = this.times[slot]!
      for (let n = 0; n < names.length; n++) {
        kpis[names[n]!]![i] = this.rows[slot * width + indices[n]!]!
      }
    }
    return { timesS, kpis }
  }

  private slot(i: number): number {
    return (this.start + i) % this.capacity
  }
}
