import Database from 'better-sqlite3'
import type { RunEvent, RunSummary } from '../../../engine/serving/summary'
import type { RunKpiSeries, RunOverview, RunRecord, RunStatusName } from '../../../shared/library'
import { decodeFrame } from '../../../shared/frame'
import { decodeStoredFrame } from './frameCodec'
import type { Scenario } from '../../../shared/scenario'
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema'

export type { RunRecord, RunStatusName } from '../../../shared/library'

export interface NewRun {
  id: string
  name: string
  scenario: Scenario
  frameCodec: number
  kpiNames: readonly string[]
}

export class LibraryError extends Error {
  override name = 'LibraryError'
}

export interface StoreOptions {
  /** better-sqlite3 built for Electron's ABI, when running inside Electron */
  nativeBinding?: string
  /** refuse to create a file that does not exist (imports) */
  mustExist?: boolean
  readonly?: boolean
}

/** A recording run's heartbeat is refreshed at least this often (recorder.ts). */
export const HEARTBEAT_MS = 5_000
/** A heartbeat older than this means the recording stopped without closing its run. */
const STALE_MS = 6 * HEARTBEAT_MS

/**
 * One SQLite run library (better-sqlite3, WAL, busy timeout so the app and the CLI can share
 * it). Opening checks that the file is ours and not from a newer build, migrates it forward in
 * one transaction, and marks runs whose recording process died as interrupted.
 */
export class RunStore {
  readonly db: Database.Database

  constructor(
    readonly path: string,
    /** kept so exports and imports open their files with the same better-sqlite3 build */
    readonly options: StoreOptions = {}
  ) {
    this.db = openDatabase(path, options)
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  createRun(run: NewRun): void {
    this.db
      .prepare(
        `INSERT INTO runs (id, name, system, scenario_name, scenario_json, status, created_at, duration_s,
           sample_interval_s, seed, frame_codec, owner_pid, heartbeat_at, kpi_names)
         VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        run.id,
        run.name,
        run.scenario.system,
        run.scenario.name,
        JSON.stringify(run.scenario),
        new Date().toISOString(),
        run.scenario.durationS,
        run.scenario.sampleIntervalS,
        run.scenario.seed,
        run.frameCodec,
        process.pid,
        Date.now(),
        JSON.stringify(run.kpiNames)
      )
  }

  list(): RunRecord[] {
    return (
      this.db.prepare(`SELECT * FROM runs ORDER BY created_at DESC, id`).all() as RunRow[]
    ).map(toRecord)
  }

  get(id: string): RunRecord | null {
    const row = this.db.prepare(`SELECT * FROM runs WHERE id = ?`).get(id) as RunRow | undefined
    return row ? toRecord(row) : null
  }

  require(id: string): RunRecord {
    const run = this.get(id)
    if (!run) throw new LibraryError(`no run '${id}' in the library`)
    return run
  }

  /**
   * The id of the run `ref` names: its whole id or an unambiguous prefix of at least four
   * characters (as the CLI prints them shortened).
   */
  resolveId(ref: string): string {
    if (this.get(ref)) return ref
    const matches =
      ref.length >= 4
        ? (this.db
            .prepare(`SELECT id FROM runs WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT 3`)
            .pluck()
            .all(ref.length, ref) as string[])
        : []
    if (matches.length === 1) return matches[0]!
    if (matches.length > 1)
      throw new LibraryError(`'${ref}' names more than one run (${matches.join(', ')}, …)`)
    throw new LibraryError(`no run '${ref}' in the library`)
  }

  scenarioOf(id: string): Scenario {
    const row = this.db.prepare(`SELECT scenario_json FROM runs WHERE id = ?`).get(id) as
      { scenario_json: string } | undefined
    if (!row) throw new LibraryError(`no run '${id}' in the library`)
    return JSON.parse(row.scenario_json) as Scenario
  }

  kpiNames(id: string): string[] {
    const row = this.db.prepare(`SELECT kpi_names FROM runs WHERE id = ?`).get(id) as
      { kpi_names: string | null } | undefined
    return row?.kpi_names ? (JSON.parse(row.kpi_names) as string[]) : []
  }

  events(id: string): RunEvent[] {
    return (
      this.db
        .prepare(`SELECT at_s, kind, target, message FROM events WHERE run_id = ? ORDER BY seq`)
        .all(id) as {
        at_s: number
        kind: RunEvent['kind']
        target: string
        message: string
      }[]
    ).map((e) => ({ atS: e.at_s, kind: e.kind, target: e.target, message: e.message }))
  }

  /** The stored frame at or before `timeS` (the first frame if earlier), or null when there is none. */
  frameAt(id: string, timeS: number): { index: number; simTimeS: number; data: Buffer } | null {
    const row =
      (this.db
        .prepare(
          `SELECT idx, sim_time_s, data FROM frames WHERE run_id = ? AND sim_time_s <= ? ORDER BY idx DESC LIMIT 1`
        )
        .get(id, timeS) as FrameRow | undefined) ??
      (this.db
        .prepare(`SELECT idx, sim_time_s, data FROM frames WHERE run_id = ? ORDER BY idx LIMIT 1`)
        .get(id) as FrameRow | undefined)
    return row ? { index: row.idx, simTimeS: row.sim_time_s, data: row.data } : null
  }

  frameByIndex(
    id: string,
    index: number
  ): { index: number; simTimeS: number; data: Buffer } | null {
    const row = this.db
      .prepare(`SELECT idx, sim_time_s, data FROM frames WHERE run_id = ? AND idx = ?`)
      .get(id, index) as FrameRow | undefined
    return row ? { index: row.idx, simTimeS: row.sim_time_s, data: row.data } : null
  }

  /**
   * The run's coarse level (frames_overview), or its frames when it is too short to have one.
   * An hour of the full CloudMatrix384 is 360 points: decoded in well under a second.
   */
  overview(id: string): RunOverview {
    this.require(id)
    const coarse = this.db
      .prepare(`SELECT data FROM frames_overview WHERE run_id = ? ORDER BY idx`)
      .pluck()
      .all(id) as Buffer[]
    const rows =
      coarse.length >= 2
        ? coarse
        : (this.db
            .prepare(`SELECT data FROM frames WHERE run_id = ? ORDER BY idx`)
            .pluck()
            .all(id) as Buffer[])
    const names = this.kpiNames(id)
    const overview: RunOverview = {
      timesS: [],
      dieCompute: [],
      linkUtilization: [],
      kpis: Object.fromEntries(names.map((n) => [n, []]))
    }
    const mean = (values: Float32Array): number => {
      let sum = 0
      for (let i = 0; i < values.length; i++) sum += values[i]!
      return values.length ? sum / values.length : 0
    }
    for (const data of rows) {
      const frame = decodeFrame(decodeStoredFrame(data))
      overview.timesS.push(frame.simTimeS)
      overview.dieCompute.push(mean(frame.dieCompute))
      overview.linkUtilization.push(mean(frame.linkUtilization))
      names.forEach((name, i) => overview.kpis[name]!.push(frame.kpis[i] ?? NaN))
    }
    return overview
  }

  /** The KPI series as columns, all KPIs or the ones named (unknown names are refused). */
  kpiColumns(id: string, only?: readonly string[]): RunKpiSeries {
    this.require(id)
    const names = this.kpiNames(id)
    const wanted = only ?? names
    for (const name of wanted)
      if (!names.includes(name)) throw new LibraryError(`run has no KPI '${name}'`)
    const series: RunKpiSeries = {
      timesS: [],
      kpis: Object.fromEntries(wanted.map((n) => [n, []]))
    }
    const columns = wanted.map((name) => [names.indexOf(name), series.kpis[name]!] as const)
    for (const row of this.kpiSeries(id)) {
      series.timesS.push(row.simTimeS)
      for (const [index, column] of columns) column.push(row.values[index] ?? NaN)
    }
    return series
  }

  /** KPI time series: one row per frame, values in kpiNames(id) order. */
  kpiSeries(id: string): { simTimeS: number; values: Float64Array }[] {
    return (
      this.db
        .prepare(`SELECT sim_time_s, kpi_values FROM kpis WHERE run_id = ? ORDER BY idx`)
        .all(id) as {
        sim_time_s: number
        kpi_values: Buffer
      }[]
    ).map((r) => ({
      simTimeS: r.sim_time_s,
      values: new Float64Array(
        r.kpi_values.buffer.slice(
          r.kpi_values.byteOffset,
          r.kpi_values.byteOffset + r.kpi_values.byteLength
        )
      )
    }))
  }

  rename(id: string, name: string): RunRecord {
    const trimmed = name.trim()
    if (!trimmed) throw new LibraryError('a run needs a name')
    if (this.db.prepare(`UPDATE runs SET name = ? WHERE id = ?`).run(trimmed, id).changes === 0) {
      throw new LibraryError(`no run '${id}' in the library`)
    }
    return this.require(id)
  }

  delete(id: string): void {
    const run = this.require(id)
    if (run.status === 'running' && isAlive(this.ownerOf(id)) && !this.isStale(id)) {
      throw new LibraryError(`run '${run.name}' is still recording; stop it first`)
    }
    this.db.prepare(`DELETE FROM runs WHERE id = ?`).run(id)
  }

  /** Fails a run whose recording process lost it (the engine worker crashed). */
  markFailed(id: string, reason: string): void {
    this.db
      .prepare(
        `UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`
      )
      .run(new Date().toISOString(), reason, id)
  }

  private isStale(id: string): boolean {
    const row = this.db.prepare(`SELECT heartbeat_at FROM runs WHERE id = ?`).get(id) as
      { heartbeat_at: number | null } | undefined
    return Date.now() - (row?.heartbeat_at ?? 0) > STALE_MS
  }

  private ownerOf(id: string): number | null {
    const row = this.db.prepare(`SELECT owner_pid FROM runs WHERE id = ?`).get(id) as
      { owner_pid: number | null } | undefined
    return row?.owner_pid ?? null
  }

  /**
   * Marks runs left 'running' by a recording process that is gone (killed, crashed, power cut)
   * as interrupted, keeping their saved frames. A recorder writes a heartbeat at least every
   * HEARTBEAT_MS, even while paused, so a run counts as cut off when its process is gone or
   * its heartbeat is older than STALE_MS (its worker died, or the pid now belongs to another
   * process after a restart). Another live recorder (the app while the CLI records, or the
   * reverse) keeps its runs.
   */
  markInterrupted(): number {
    const running = this.db
      .prepare(`SELECT id, owner_pid, heartbeat_at FROM runs WHERE status = 'running'`)
      .all() as { id: string; owner_pid: number | null; heartbeat_at: number | null }[]
    const mark = this.db.prepare(
      `UPDATE runs SET status = 'interrupted', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`
    )
    let marked = 0
    for (const run of running) {
      const stale = Date.now() - (run.heartbeat_at ?? 0) > STALE_MS
      if (!stale && isAlive(run.owner_pid)) continue
      mark.run(
        new Date().toISOString(),
        'the recording stopped before the run ended; its frames up to the last saved one are kept',
        run.id
      )
      marked++
    }
    return marked
  }
}

interface RunRow {
  id: string
  name: string
  system: string
  scenario_name: string
  status: RunStatusName
  created_at: string
  finished_at: string | null
  duration_s: number
  sample_interval_s: number
  seed: number
  simulated_s: number
  frame_count: number
  summary_json: string | null
  error: string | null
}

interface FrameRow {
  idx: number
  sim_time_s: number
  data: Buffer
}

const toRecord = (r: RunRow): RunRecord => ({
  id: r.id,
  name: r.name,
  system: r.system,
  scenarioName: r.scenario_name,
  status: r.status,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  durationS: r.duration_s,
  sampleIntervalS: r.sample_interval_s,
  seed: r.seed,
  simulatedS: r.simulated_s,
  frameCount: r.frame_count,
  summary: r.summary_json ? (JSON.parse(r.summary_json) as RunSummary) : null,
  error: r.error
})

function isAlive(pid: number | null): boolean {
  if (pid === null) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Opens (creating or migrating) a library file, refusing what is not one of ours. */
export function openDatabase(path: string, options: StoreOptions): Database.Database {
  let db: Database.Database
  try {
    db = new Database(path, {
      fileMustExist: options.mustExist ?? false,
      readonly: options.readonly ?? false,
      timeout: 5000,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
    })
  } catch (error) {
    throw new LibraryError(`${path}: cannot open (${(error as Error).message})`)
  }
  try {
    const tables = db.prepare(`SELECT count(*) FROM sqlite_master`).pluck().get() as number
    const applicationId = db.pragma('application_id', { simple: true }) as number
    const version = db.pragma('user_version', { simple: true }) as number
    if (tables > 0 && applicationId !== APPLICATION_ID) {
      throw new LibraryError(
        `${path} is not a Supernode Twin run library (it is another application's SQLite database)`
      )
    }
    if (version > SCHEMA_VERSION) {
      throw new LibraryError(
        `${path} was written by a newer Supernode Twin (run library schema ${version}; this build reads up to ${SCHEMA_VERSION}): update the app to open it`
      )
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
      if (version < SCHEMA_VERSION) migrate(db, version)
    }
    db.pragma('foreign_keys = ON')
    return db
  } catch (error) {
    db.close()
    if (error instanceof LibraryError) throw error
    const code = (error as { code?: string }).code
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new LibraryError(`${path} is not a SQLite database, or it is damaged (${code})`)
    }
    throw new LibraryError(`${path}: ${(error as Error).message}`)
  }
}

function migrate(db: Database.Database, from: number): void {
  db.transaction(() => {
    for (let version = from; version < SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version]!)
    db.pragma(`application_id = ${APPLICATION_ID}`)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  }).immediate()
}
