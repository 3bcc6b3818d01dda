import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest'
import { RESOURCES_DIR } from '../../../../src/cli/resources'
import { createSimulation } from '../../../../src/engine/serving/run'
import { summarize } from '../../../../src/engine/serving/summary'
import { exportKpiCsv, exportRun, importRuns } from '../../../../src/main/services/library/exchange'
import { RunRecorder } from '../../../../src/main/services/library/recorder'
import { LibraryError, RunStore } from '../../../../src/main/services/library/runStore'
import { APPLICATION_ID, SCHEMA_VERSION } from '../../../../src/main/services/library/schema'
import { ScenarioLibrary } from '../../../../src/main/services/scenarios'
import { KPI_NAMES } from '../../../../src/shared/frame'
import { parseScenario, type Scenario } from '../../../../src/shared/scenario'

const TABLES = ['runs', 'frames', 'events', 'kpis', 'frames_overview'] as const

const dir = mkdtempSync(join(tmpdir(), 'twin-exchange-'))
const stores: RunStore[] = []
const openStore = (name: string): RunStore => {
  const store = new RunStore(join(dir, name))
  stores.push(store)
  return store
}

const scenarios = new ScenarioLibrary(RESOURCES_DIR)
const preset = scenarios.load('default')

/** The default scenario, short, with a fault so that the run has events. */
function shortScenario(durationS: number, sampleIntervalS = 1): Scenario {
  return parseScenario(
    {
      ...preset.scenario,
      durationS,
      sampleIntervalS,
      faults: [
        { kind: 'die-failure', atS: 4, die: 'node-05.npu-3.die-1' },
        { kind: 'subplane-degradation', atS: 6, untilS: 9, subPlane: 3, bandwidthFraction: 0.05 }
      ]
    },
    preset.origin
  )
}

/** Records a real simulation into `store`, as `twin simulate --save` does. */
function record(
  store: RunStore,
  id: string,
  name: string,
  durationS: number,
  sampleIntervalS = 1
): void {
  const scenario = shortScenario(durationS, sampleIntervalS)
  const simulation = createSimulation(scenario, scenarios.trace(preset))
  const recorder = new RunRecorder(store, {
    id,
    name,
    scenario,
    frameCodec: 0,
    kpiNames: KPI_NAMES
  })
  for (let frame = simulation.nextFrame(); frame; frame = simulation.nextFrame()) {
    recorder.events(simulation.events)
    recorder.frame(frame)
  }
  recorder.events(simulation.events)
  recorder.finish('complete', summarize(simulation))
}

const count = (store: RunStore, table: string): number =>
  store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number

const ORDER = { runs: 'id', frames: 'idx', events: 'seq', kpis: 'idx', frames_overview: 'idx' }

/** Every stored row of one run in a table, all columns. */
const rows = (db: Database.Database, table: (typeof TABLES)[number], runId: string): unknown[] =>
  db
    .prepare(
      `SELECT * FROM ${table} WHERE ${table === 'runs' ? 'id' : 'run_id'} = ? ORDER BY ${ORDER[table]}`
    )
    .all(runId)

/** Everything a test may compare to show that a library did not change. */
function snapshot(store: RunStore) {
  return {
    list: store.list(),
    counts: Object.fromEntries(TABLES.map((t) => [t, count(store, t)]))
  }
}

function expectIntact(store: RunStore): void {
  expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok')
  // and another connection to the same file agrees
  const other = new Database(store.path, { readonly: true })
  try {
    expect(other.pragma('integrity_check', { simple: true })).toBe('ok')
  } finally {
    other.close()
  }
}

const partials = (folder: string): string[] =>
  (readdirSync(folder, { recursive: true }) as string[]).filter((f) => f.includes('.partial'))

const libraryError = (action: () => unknown): LibraryError => {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(LibraryError)
    return error as LibraryError
  }
  throw new Error('expected a LibraryError, nothing was thrown')
}

const RUN_A = '0a0a0a0a-run-a'
const RUN_B = '0b0b0b0b-run-b'
const RUN_C = '0c0c0c0c-run-c'
let source: RunStore
let exported: string

beforeAll(() => {
  source = openStore('source.sqlite')
  // 20 frames (1 s apart): two overview frames, so the overview is read from frames_overview
  record(source, RUN_A, 'fault drill', 20)
  record(source, RUN_B, 'other run', 3)
  exported = join(dir, 'fault-drill.twinrun')
  exportRun(source, RUN_A, exported)
})

afterAll(() => {
  for (const store of stores) store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the recorded source library', () => {
  it('holds what the tests below rely on', () => {
    const run = source.require(RUN_A)
    expect(run).toMatchObject({ status: 'complete', frameCount: 20, simulatedS: 20 })
    expect(source.events(RUN_A).length).toBeGreaterThan(0)
    expect(count(source, 'frames_overview')).toBeGreaterThanOrEqual(2)
  })
})

describe('exportRun and importRuns', () => {
  it('writes one self-contained run file: our schema, that run only, no journal beside it', () => {
    const file = new Database(exported, { readonly: true })
    try {
      expect(file.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
      expect(file.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      expect(file.pragma('journal_mode', { simple: true })).toBe('delete')
      expect(file.prepare('SELECT id FROM runs').pluck().all()).toEqual([RUN_A])
      for (const table of TABLES.slice(1)) {
        const ids = file.prepare(`SELECT DISTINCT run_id FROM ${table}`).pluck().all()
        expect(ids, table).toEqual([RUN_A])
        expect(file.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(
          rows(source.db, table, RUN_A).length
        )
      }
    } finally {
      file.close()
    }
    expect(existsSync(`${exported}-wal`)).toBe(false)
    expect(existsSync(`${exported}-journal`)).toBe(false)
    expect(partials(dir)).toEqual([])
  })

  it('imports into an empty library the run exactly as it was saved', () => {
    const target = openStore('import-target.sqlite')
    expect(target.list()).toEqual([])
    const original = source.require(RUN_A)

    const imported = importRuns(target, exported)

    expect(imported).toEqual([original])
    expect(target.list()).toEqual([original])
    expect(target.get(RUN_A)).toEqual(original)
    expect(target.scenarioOf(RUN_A)).toEqual(source.scenarioOf(RUN_A))
    expect(target.kpiNames(RUN_A)).toEqual([...KPI_NAMES])
    expect(target.events(RUN_A)).toEqual(source.events(RUN_A))
    expect(target.kpiSeries(RUN_A)).toEqual(source.kpiSeries(RUN_A))
    expect(target.kpiSeries(RUN_A)).toHaveLength(original.frameCount)
    for (let i = 0; i < original.frameCount; i++) {
      const mine = target.frameByIndex(RUN_A, i)
      const theirs = source.frameByIndex(RUN_A, i)
      expect(theirs, `source frame ${i}`).not.toBeNull()
      expect(mine?.simTimeS).toBe(theirs!.simTimeS)
      expect(Buffer.compare(mine!.data, theirs!.data), `frame ${i} bytes`).toBe(0)
    }
    expect(target.frameByIndex(RUN_A, original.frameCount)).toBeNull()
    expect(target.overview(RUN_A)).toEqual(source.overview(RUN_A))
    // every stored row, columns included (owner, heartbeat, overview frames)
    for (const table of TABLES)
      expect(rows(target.db, table, RUN_A), table).toEqual(rows(source.db, table, RUN_A))
    // the other run of the source library did not come along
    expect(target.get(RUN_B)).toBeNull()
    expectIntact(target)
  })

  it('refuses the same file twice, naming the run, and leaves the library as it was', () => {
    const target = openStore('twice.sqlite')
    importRuns(target, exported)
    const before = snapshot(target)

    const error = libraryError(() => importRuns(target, exported))

    expect(error.message).toBe(`fault-drill.twinrun: run 'fault drill' is already in the library`)
    expect(snapshot(target)).toEqual(before)
    expect(before.counts.frames).toBe(20)
    expectIntact(target)
  })

  it('refuses to export a run that is still recording', () => {
    const scenario = shortScenario(5)
    const recorder = new RunRecorder(source, {
      id: 'still-running',
      name: 'live run',
      scenario,
      frameCodec: 0,
      kpiNames: KPI_NAMES
    })
    const path = join(dir, 'live.twinrun')
    try {
      const error = libraryError(() => exportRun(source, 'still-running', path))
      expect(error.message).toBe(`run 'live run' is still recording; export it when it ends`)
      expect(existsSync(path)).toBe(false)
      expect(partials(dir)).toEqual([])
    } finally {
      recorder.finish('stopped', null)
      source.delete('still-running')
    }
  })

  it('refuses an unknown run', () => {
    const path = join(dir, 'unknown.twinrun')
    expect(libraryError(() => exportRun(source, 'no-such-run', path)).message).toBe(
      `no run 'no-such-run' in the library`
    )
    expect(existsSync(path)).toBe(false)
  })

  it('reports a folder that does not exist as "cannot write" and leaves no file anywhere', () => {
    const parent = join(dir, 'no-such-folder')
    const path = join(parent, 'x.twinrun')
    const error = libraryError(() => exportRun(source, RUN_A, path))
    expect(error.message).toBe(`cannot write ${path}: the folder does not exist`)
    expect(existsSync(parent)).toBe(false)
    expect(partials(dir)).toEqual([])
  })

  it('cleans up its partial file when the last step (the rename) fails', () => {
    const folder = mkdtempSync(join(dir, 'rename-'))
    const path = join(folder, 'taken.twinrun')
    mkdirSync(path)
    writeFileSync(join(path, 'inside'), 'a folder with the chosen name')
    const error = libraryError(() => exportRun(source, RUN_A, path))
    expect(error.message).toBe(`cannot write ${path}: it is a folder`)
    expect(readdirSync(folder)).toEqual(['taken.twinrun'])
    expect(readdirSync(path)).toEqual(['inside'])
  })

  it('overwrites an existing file at the chosen path (the save dialog asked) with a valid run', () => {
    const folder = mkdtempSync(join(dir, 'overwrite-'))
    const path = join(folder, 'again.twinrun')
    writeFileSync(path, 'old content')
    exportRun(source, RUN_B, path)
    expect(readdirSync(folder)).toEqual(['again.twinrun'])
    const target = openStore('overwrite-target.sqlite')
    expect(importRuns(target, path).map((r) => r.id)).toEqual([RUN_B])
  })
})

describe('importRuns of a bad file', () => {
  let target: RunStore
  let before: ReturnType<typeof snapshot>
  let n = 0

  beforeEach(() => {
    // a library that already holds a run, so "unchanged" means something
    target = openStore(`bad-target-${n++}.sqlite`)
    importRuns(target, exported)
    before = snapshot(target)
    expect(before.counts.frames).toBe(20)
  })

  afterEach(() => {
    expect(snapshot(target)).toEqual(before)
    expectIntact(target)
  })

  const badFile = (name: string, make: (path: string) => void): string => {
    const path = join(dir, name)
    make(path)
    return path
  }

  const expectRefused = (path: string, words: RegExp): LibraryError => {
    const error = libraryError(() => importRuns(target, path))
    expect(error.message).toMatch(words)
    // the message names the user's file, not the private copy the checks ran on
    expect(error.message).toContain(path)
    expect(error.message).not.toMatch(/twin-import-/)
    expect(error.message).not.toContain('\n')
    return error
  }

  it('(a) a text file renamed .twinrun: not a SQLite database', () => {
    const path = badFile('notes.twinrun', (p) =>
      writeFileSync(p, 'these are my notes, not a run\n'.repeat(200))
    )
    expectRefused(path, /is not a SQLite database/)
    expect(readFileSync(path, 'utf8')).toMatch(/^these are my notes/)
  })

  it("(b) another application's SQLite database: refused, not altered", () => {
    const path = badFile('other-app.twinrun', (p) => {
      const db = new Database(p)
      db.exec(
        `CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('a', '1')`
      )
      db.close()
    })
    const bytes = readFileSync(path)
    expectRefused(
      path,
      /not a Supernode Twin run library \(it is another application's SQLite database\)/
    )
    expect(Buffer.compare(readFileSync(path), bytes)).toBe(0)
  })

  it('(c) a run file from a newer build (user_version 99)', () => {
    const path = badFile('newer.twinrun', (p) => {
      copyFileSync(exported, p)
      const db = new Database(p)
      db.pragma('user_version = 99')
      db.close()
    })
    expectRefused(
      path,
      new RegExp(
        `written by a newer Supernode Twin \\(run library schema 99; this build reads up to ${SCHEMA_VERSION}\\)`
      )
    )
  })

  it('(d) a truncated run file: damaged or not readable', () => {
    const path = badFile('truncated.twinrun', (p) => {
      const bytes = readFileSync(exported)
      writeFileSync(p, bytes.subarray(0, Math.floor(bytes.length / 2)))
    })
    expectRefused(path, /damaged|not readable/)
  })

  it('(e) a path that does not exist', () => {
    const path = join(dir, 'nowhere', 'missing.twinrun')
    expect(libraryError(() => importRuns(target, path)).message).toBe(`${path}: no such file`)
  })

  it('a folder', () => {
    const path = mkdtempSync(join(dir, 'a-folder-'))
    expect(libraryError(() => importRuns(target, path)).message).toBe(`${path}: it is a folder`)
  })

  it('a valid library file that holds no finished run', () => {
    const path = badFile('empty.twinrun', (p) => {
      const empty = new RunStore(p)
      empty.close()
    })
    expectRefused(path, /holds no finished run/)
  })
})

describe('exportKpiCsv', () => {
  /** Checks the CSV of `id` against its KPI series; returns how many cells were empty. */
  function checkCsv(id: string, path: string): number {
    exportKpiCsv(source, id, path)
    const text = readFileSync(path, 'utf8')
    expect(text.endsWith('\n')).toBe(true)
    const [header, ...lines] = text.slice(0, -1).split('\n')
    const names = source.kpiNames(id)
    expect(names).toEqual([...KPI_NAMES])
    expect(header).toBe(`simTimeS,${names.join(',')}`)
    const series = source.kpiSeries(id)
    expect(lines).toHaveLength(source.require(id).frameCount)
    expect(lines).toHaveLength(series.length)
    let numbers = 0
    let empty = 0
    lines.forEach((line, i) => {
      const cells = line.split(',')
      expect(cells, `line ${i + 1}`).toHaveLength(names.length + 1)
      expect(Number(cells[0])).toBe(series[i]!.simTimeS)
      series[i]!.values.forEach((value, k) => {
        const cell = cells[k + 1]!
        if (Number.isFinite(value)) {
          expect(cell, `${names[k]} at line ${i + 1}`).not.toBe('')
          expect(Number(cell), `${names[k]} at line ${i + 1}`).toBe(value)
          numbers++
        } else {
          // no value yet (e.g. no completion): an empty cell, not "NaN"
          expect(cell, `${names[k]} at line ${i + 1}`).toBe('')
          empty++
        }
      })
    })
    expect(numbers).toBeGreaterThan(lines.length * (names.length / 2))
    return empty
  }

  it('writes simTimeS and every KPI by name, one line per frame, matching the KPI series', () => {
    checkCsv(RUN_A, join(dir, 'fault-drill.csv'))
    const lines = readFileSync(join(dir, 'fault-drill.csv'), 'utf8').trimEnd().split('\n')
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1)
    )
  })

  it('writes an empty cell for a KPI that has no value yet', () => {
    // sampled every 0.05 s, the first frames come before any request completes
    record(source, RUN_C, 'early frames', 0.3, 0.05)
    expect(source.kpiSeries(RUN_C).some((row) => row.values.some((v) => !Number.isFinite(v)))).toBe(
      true
    )
    expect(checkCsv(RUN_C, join(dir, 'early.csv'))).toBeGreaterThan(0)
  })

  it('refuses a folder that does not exist, writing nothing', () => {
    const path = join(dir, 'no-csv-folder', 'kpis.csv')
    expect(libraryError(() => exportKpiCsv(source, RUN_A, path)).message).toBe(
      `cannot write ${path}: the folder does not exist`
    )
    expect(existsSync(join(dir, 'no-csv-folder'))).toBe(false)
  })

  it('refuses an unknown run', () => {
    const path = join(dir, 'unknown.csv')
    expect(libraryError(() => exportKpiCsv(source, 'nope', path)).message).toBe(
      `no run 'nope' in the library`
    )
    expect(existsSync(path)).toBe(false)
  })
})
