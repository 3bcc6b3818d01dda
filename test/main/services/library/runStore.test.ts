import Database from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LibraryError, RunStore } from '../../../../src/main/services/library/runStore'
import {
  APPLICATION_ID,
  MIGRATIONS,
  SCHEMA_VERSION
} from '../../../../src/main/services/library/schema'
import { recordRun, tempDir } from './fixtures'

const open: RunStore[] = []
const store = (path: string): RunStore => {
  const s = new RunStore(path)
  open.push(s)
  return s
}
afterEach(() => {
  for (const s of open.splice(0)) s.close()
})

/** A library file left at schema `version` by an older build, holding one finished run. */
function libraryAtVersion(path: string, version: number): void {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  for (let v = 0; v < version; v++) db.exec(MIGRATIONS[v]!)
  db.pragma(`application_id = ${APPLICATION_ID}`)
  db.pragma(`user_version = ${version}`)
  if (version >= 1) {
    db.prepare(
      `INSERT INTO runs (id, name, system, scenario_name, scenario_json, status, created_at, finished_at,
         duration_s, sample_interval_s, seed, simulated_s, frame_count, frame_codec)
       VALUES ('old-run', 'an old run', 'cloudmatrix384', 'default', '{"name":"default"}', 'complete',
         '2026-01-01T00:00:00.000Z', '2026-01-01T00:10:00.000Z', 600, 1, 1, 2, 2, 1)`
    ).run()
    // frames as codec 1 wrote them: copied from a run recorded by this build
    const donorPath = join(tempDir(), 'donor.sqlite')
    const donor = new RunStore(donorPath)
    const { id } = recordRun(donor, { durationS: 2 })
    for (const index of [0, 1]) {
      const frame = donor.frameByIndex(id, index)!
      db.prepare(`INSERT INTO frames (run_id, idx, sim_time_s, data) VALUES (?, ?, ?, ?)`).run(
        'old-run',
        index,
        frame.simTimeS,
        frame.data
      )
    }
    donor.close()
    db.prepare(
      `INSERT INTO events (run_id, seq, at_s, kind, target, message) VALUES ('old-run', 0, 1.5, 'fault', 'die 3', 'failed')`
    ).run()
  }
  db.close()
}

describe('RunStore schema', () => {
  it('creates a new library at the current version, in WAL mode, marked as ours', () => {
    const s = store(join(tempDir(), 'runs.sqlite'))
    expect(s.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(s.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(s.list()).toEqual([])
  })

  for (let version = 0; version < SCHEMA_VERSION; version++) {
    it(`migrates a library from schema version ${version} and keeps its runs`, () => {
      const path = join(tempDir(), 'runs.sqlite')
      libraryAtVersion(path, version)
      const s = store(path)
      expect(s.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok')
      if (version === 0) return expect(s.list()).toEqual([])
      const [run] = s.list()
      expect(run).toMatchObject({ id: 'old-run', name: 'an old run', status: 'complete' })
      expect(run!.frameCount).toBe(2)
      expect(s.events('old-run')).toEqual([
        { atS: 1.5, kind: 'fault', target: 'die 3', message: 'failed' }
      ])
      // what later versions add works on the old run: seeking, its overview (from its frames)
      expect(s.frameAt('old-run', 10)!.index).toBe(1)
      expect(s.overview('old-run').timesS).toHaveLength(2)
      // and the migrated library takes new runs
      const { id } = recordRun(s, { durationS: 2 })
      expect(s.require(id).frameCount).toBe(2)
    })
  }

  it('refuses a library written by a newer build and leaves it as it was', () => {
    const path = join(tempDir(), 'runs.sqlite')
    store(path).close()
    const db = new Database(path)
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    const before = readFileSync(path)
    expect(() => new RunStore(path)).toThrow(/newer Supernode Twin .*update the app/)
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it("refuses another application's database without touching it", () => {
    const path = join(tempDir(), 'other.sqlite')
    const db = new Database(path)
    db.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')")
    db.close()
    const before = readFileSync(path)
    expect(() => new RunStore(path)).toThrow(/another application's SQLite database/)
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('refuses a file that is not a SQLite database', () => {
    const path = join(tempDir(), 'runs.sqlite')
    writeFileSync(path, 'name,value\n'.repeat(200))
    expect(() => new RunStore(path)).toThrow(LibraryError)
    expect(() => new RunStore(path)).toThrow(/not a SQLite database/)
    expect(readFileSync(path, 'utf8')).toBe('name,value\n'.repeat(200))
  })
})

describe('RunStore runs', () => {
  it('renames, resolves id prefixes and deletes a run with its frames and events', () => {
    const s = store(join(tempDir(), 'runs.sqlite'))
    const a = recordRun(s, { durationS: 3, name: 'first' })
    const b = recordRun(s, { durationS: 3, name: 'second' })
    expect(s.list().map((r) => r.name)).toEqual(['second', 'first'])
    expect(s.rename(a.id, '  renamed  ').name).toBe('renamed')
    expect(() => s.rename(a.id, '   ')).toThrow(/needs a name/)
    expect(s.resolveId(a.id.slice(0, 8))).toBe(a.id)
    expect(() => s.resolveId('abc')).toThrow(/no run 'abc'/)
    s.delete(a.id)
    expect(s.list().map((r) => r.id)).toEqual([b.id])
    const rows = (table: string) =>
      s.db.prepare(`SELECT count(*) FROM ${table} WHERE run_id = ?`).pluck().get(a.id)
    for (const table of ['frames', 'kpis', 'events', 'frames_overview']) expect(rows(table)).toBe(0)
    expect(() => s.delete(a.id)).toThrow(/no run/)
  })

  it('will not delete a run another live process is still recording', () => {
    const s = store(join(tempDir(), 'runs.sqlite'))
    const { id, recorder } = recordRun(s, { durationS: 2, finish: false })
    expect(() => s.delete(id)).toThrow(/still recording/)
    recorder.finish('stopped', null)
    s.delete(id)
    expect(s.list()).toEqual([])
  })

  it('marks runs whose recorder is gone as interrupted and keeps those still alive', () => {
    const s = store(join(tempDir(), 'runs.sqlite'))
    const live = recordRun(s, { durationS: 2, finish: false, name: 'live' })
    const dead = recordRun(s, { durationS: 2, finish: false, name: 'dead process' })
    const stale = recordRun(s, { durationS: 2, finish: false, name: 'stale heartbeat' })
    // what was committed before the cut stays; the live run keeps its fresh heartbeat
    for (const r of [live, dead, stale]) r.recorder.flush()
    // a pid that cannot be alive, and a live pid whose heartbeat stopped a minute ago
    s.db.prepare(`UPDATE runs SET owner_pid = 2147483646 WHERE id = ?`).run(dead.id)
    s.db.prepare(`UPDATE runs SET heartbeat_at = ? WHERE id = ?`).run(Date.now() - 60_000, stale.id)
    expect(s.markInterrupted()).toBe(2)
    expect(s.require(live.id).status).toBe('running')
    for (const { id } of [dead, stale]) {
      const run = s.require(id)
      expect(run.status).toBe('interrupted')
      expect(run.error).toMatch(/frames up to the last saved one are kept/)
      expect(run.frameCount).toBe(2)
    }
    for (const r of [live, dead, stale]) r.recorder.finish('stopped', null)
  })
})
