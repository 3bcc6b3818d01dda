import type { RunEvent, RunSummary } from '../../../engine/serving/summary'
import { decodeFrame, type FrameView } from '../../../shared/frame'
import { encodeStoredFrame, FRAME_CODEC_VERSION } from './frameCodec'
import { HEARTBEAT_MS, type NewRun, type RunStatusName, type RunStore } from './runStore'
import { OVERVIEW_EVERY } from './schema'

export class RecordingError extends Error {
  override name = 'RecordingError'
}

interface PendingFrame {
  index: number
  simTimeS: number
  data: Buffer
  kpis: Buffer
}

/** What a failed write means to a user, from SQLite's error code. */
function explain(error: unknown, path: string): string {
  const code = (error as { code?: string }).code ?? ''
  if (code.startsWith('SQLITE_FULL'))
    return `the disk holding ${path} is full (or the library hit its size limit)`
  if (code.startsWith('SQLITE_READONLY')) return `${path} is read-only`
  if (code.startsWith('SQLITE_IOERR')) return `the disk refused a write to ${path}`
  if (code.startsWith('SQLITE_BUSY')) return `${path} stayed locked by another process for too long`
  return `${path}: ${(error as Error).message}`
}

/**
 * Saves a run as it is simulated: frames (stored codec), KPI rows, overview frames and events,
 * committed in batched transactions (every 16 frames or second), so a run cut off by a crash
 * keeps everything up to its last commit. A failed write throws a RecordingError once, with
 * what went wrong in words, and the run is marked failed if the library still takes that.
 */
export class RunRecorder {
  private pending: PendingFrame[] = []
  private pendingOverview: PendingFrame[] = []
  private pendingEvents: RunEvent[] = []
  private eventsSaved = 0
  private lastFlush = Date.now()
  private overviewSum: Float32Array[] | null = null
  private overviewCount = 0
  private lastSimTimeS = 0
  private framesSaved = 0
  private failure: string | null = null
  private heartbeat: ReturnType<typeof setInterval> | null = null

  constructor(
    private readonly store: RunStore,
    readonly run: NewRun,
    private readonly batch = { frames: 16, ms: 1000 }
  ) {
    this.guard(() => store.createRun({ ...run, frameCodec: FRAME_CODEC_VERSION }))
    // a paused run writes no frames; the heartbeat tells other processes it is still alive
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS)
    this.heartbeat.unref()
  }

  private beat(): void {
    if (this.failure) return
    try {
      this.store.db
        .prepare(`UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'`)
        .run(Date.now(), this.run.id)
    } catch {
      // a busy or full library: the next flush reports it
    }
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.heartbeat = null
  }

  get failed(): string | null {
    return this.failure
  }

  frame(buffer: ArrayBuffer): void {
    const view = decodeFrame(buffer)
    this.pending.push({
      index: view.index,
      simTimeS: view.simTimeS,
      data: encodeStoredFrame(buffer),
      kpis: Buffer.from(
        view.kpis.buffer.slice(view.kpis.byteOffset, view.kpis.byteOffset + view.kpis.byteLength)
      )
    })
    this.lastSimTimeS = view.simTimeS
    this.accumulateOverview(buffer, view)
    if (this.pending.length >= this.batch.frames || Date.now() - this.lastFlush >= this.batch.ms)
      this.flush()
  }

  /** the run's whole event list so far; only the new ones are saved */
  events(all: readonly RunEvent[]): void {
    if (all.length > this.eventsSaved + this.pendingEvents.length) {
      this.pendingEvents.push(...all.slice(this.eventsSaved + this.pendingEvents.length))
    }
  }

  flush(): void {
    if (this.failure) throw new RecordingError(this.failure)
    const frames = this.pending
    const overview = this.pendingOverview
    const events = this.pendingEvents
    const db = this.store.db
    this.guard(() =>
      db.transaction(() => {
        const insertFrame = db.prepare(
          `INSERT INTO frames (run_id, idx, sim_time_s, data) VALUES (?, ?, ?, ?)`
        )
        const insertKpis = db.prepare(
          `INSERT INTO kpis (run_id, idx, sim_time_s, kpi_values) VALUES (?, ?, ?, ?)`
        )
        const insertOverview = db.prepare(
          `INSERT INTO frames_overview (run_id, idx, sim_time_s, data) VALUES (?, ?, ?, ?)`
        )
        const insertEvent = db.prepare(
          `INSERT INTO events (run_id, seq, at_s, kind, target, message) VALUES (?, ?, ?, ?, ?, ?)`
        )
        for (const f of frames) {
          insertFrame.run(this.run.id, f.index, f.simTimeS, f.data)
          insertKpis.run(this.run.id, f.index, f.simTimeS, f.kpis)
        }
        for (const f of overview) insertOverview.run(this.run.id, f.index, f.simTimeS, f.data)
        events.forEach((e, i) =>
          insertEvent.run(this.run.id, this.eventsSaved + i, e.atS, e.kind, e.target, e.message)
        )
        db.prepare(
          `UPDATE runs SET simulated_s = ?, frame_count = frame_count + ?, heartbeat_at = ? WHERE id = ?`
        ).run(this.lastSimTimeS, frames.length, Date.now(), this.run.id)
      })()
    )
    this.framesSaved += frames.length
    this.eventsSaved += events.length
    this.pending = []
    this.pendingOverview = []
    this.pendingEvents = []
    this.lastFlush = Date.now()
  }

  /** Saves what is pending and closes the run with its final status. */
  finish(
    status: Exclude<RunStatusName, 'running'>,
    summary: RunSummary | null,
    error: string | null = null
  ): void {
    this.stopHeartbeat()
    if (!this.failure) this.flush()
    this.guard(() =>
      this.store.db
        .prepare(
          `UPDATE runs SET status = ?, finished_at = ?, summary_json = ?, error = ? WHERE id = ?`
        )
        .run(
          status,
          new Date().toISOString(),
          summary ? JSON.stringify(summary) : null,
          error,
          this.run.id
        )
    )
  }

  private guard<T>(write: () => T): T {
    try {
      return write()
    } catch (error) {
      this.stopHeartbeat()
      this.failure = `could not save run '${this.run.name}': ${explain(error, this.store.path)}`
      try {
        this.store.db
          .prepare(`UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ?`)
          .run(new Date().toISOString(), this.failure, this.run.id)
      } catch {
        // the library refuses even that: the run stays 'running' and is found interrupted later
      }
      throw new RecordingError(this.failure)
    }
  }

  /** Every OVERVIEW_EVERY frames, one frame of their mean utilizations (and the last frame's rest). */
  private accumulateOverview(buffer: ArrayBuffer, view: FrameView): void {
    const sections = averagedSections(view)
    this.overviewSum ??= sections.map((s) => new Float32Array(s.length))
    sections.forEach((s, i) => {
      const sum = this.overviewSum![i]!
      for (let k = 0; k < s.length; k++) sum[k]! += s[k]!
    })
    if (++this.overviewCount < OVERVIEW_EVERY) return
    const meanBuffer = buffer.slice(0)
    averagedSections(decodeFrame(meanBuffer)).forEach((target, i) => {
      const sum = this.overviewSum![i]!
      for (let k = 0; k < target.length; k++) target[k] = sum[k]! / this.overviewCount
    })
    this.pendingOverview.push({
      index: view.index,
      simTimeS: view.simTimeS,
      data: encodeStoredFrame(meanBuffer),
      kpis: Buffer.alloc(0)
    })
    this.overviewSum = null
    this.overviewCount = 0
  }

  get savedFrames(): number {
    return this.framesSaved
  }
}

/** The sections an overview frame holds as means over its interval. */
const averagedSections = (view: FrameView): Float32Array[] => [
  view.dieCompute,
  view.dieHbmBandwidth,
  view.cpuUtilization,
  view.linkUtilization,
  view.expertLoad
]
