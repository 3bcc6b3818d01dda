import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { RESOURCES_DIR } from '../../../src/cli/resources'
import { appInfo } from '../../../src/main/services/appInfo'
import { exportRun, importRuns } from '../../../src/main/services/library/exchange'
import { RunStore } from '../../../src/main/services/library/runStore'
import {
  APPLICATION_ID,
  MIGRATIONS,
  SCHEMA_VERSION
} from '../../../src/main/services/library/schema'
import { runTours, saveRunTour } from '../../../src/main/services/library/tourStore'
import { RunHost } from '../../../src/main/services/runHost'
import { ScenarioLibrary } from '../../../src/main/services/scenarios'
import { createTwinService, type TwinService } from '../../../src/main/services/twinService'
import { workerFromSource } from '../../../src/main/worker/fromSource'
import type { ListedTour, TwinResponse, TwinMethod } from '../../../src/shared/api'
import { parseTour, type Tour } from '../../../src/shared/tour'
import { workers } from '../../fixtures/runs'
import { recordRun, tempDir } from './library/fixtures'

const stores: RunStore[] = []
let service: TwinService | null = null
afterEach(async () => {
  await service?.dispose()
  service = null
  for (const s of stores.splice(0)) s.close()
})
const open = (path: string): RunStore => {
  const s = new RunStore(path)
  stores.push(s)
  return s
}

const myTour = (name = 'My tour', caption = 'Our decode rack.'): Tour =>
  parseTour(
    {
      name,
      steps: [
        {
          camera: { preset: 'rack', part: { kind: 'rack', index: 2 } },
          caption,
          metric: 'role',
          kpi: 'decodeBatchPerChip',
          runId: 'some-run',
          timeS: 4
        }
      ]
    },
    'test'
  )

describe('tours in the run library (schema 3)', () => {
  it('is the current schema, with a tours table', () => {
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(3)
    const s = open(join(tempDir(), 'runs.sqlite'))
    const columns = s.db.prepare(`SELECT name FROM pragma_table_info('tours')`).pluck().all()
    expect(columns).toEqual(['run_id', 'name', 'tour_json', 'updated_at'])
  })

  for (let version = 0; version < 3; version++) {
    it(`migrates a library from schema ${version}: its runs take tours`, () => {
      const path = join(tempDir(), 'runs.sqlite')
      const db = new Database(path)
      for (let v = 0; v < version; v++) db.exec(MIGRATIONS[v]!)
      db.pragma(`application_id = ${APPLICATION_ID}`)
      db.pragma(`user_version = ${version}`)
      if (version >= 1) {
        db.prepare(
          `INSERT INTO runs (id, name, system, scenario_name, scenario_json, status, created_at,
             duration_s, sample_interval_s, seed, frame_codec)
           VALUES ('old-run', 'an old run', 'cloudmatrix384', 'default', '{}', 'complete',
             '2026-01-01T00:00:00.000Z', 600, 1, 1, 1)`
        ).run()
      }
      db.close()
      const s = open(path)
      expect(s.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok')
      const id = version >= 1 ? 'old-run' : recordRun(s, { durationS: 2 }).id
      expect(runTours(s, id)).toEqual([])
      saveRunTour(s, id, myTour())
      expect(runTours(s, id)).toEqual([myTour()])
    })
  }

  it('deletes a run with its tours', () => {
    const s = open(join(tempDir(), 'runs.sqlite'))
    const { id } = recordRun(s, { durationS: 2 })
    saveRunTour(s, id, myTour())
    s.delete(id)
    expect(s.db.prepare(`SELECT count(*) FROM tours`).pluck().get()).toBe(0)
  })

  it('carries a run’s tours through a .twinrun export and import', () => {
    const source = open(join(tempDir(), 'runs.sqlite'))
    const { id } = recordRun(source, { durationS: 2 })
    saveRunTour(source, id, myTour('A'))
    saveRunTour(source, id, myTour('B', 'Another view.'))
    const file = join(tempDir(), 'run.twinrun')
    exportRun(source, id, file)
    const target = open(join(tempDir(), 'runs.sqlite'))
    importRuns(target, file)
    expect(runTours(target, id)).toEqual([myTour('A'), myTour('B', 'Another view.')])
  })
})

describe('tours.* through the service', () => {
  function make() {
    const store = new RunStore(join(tempDir(), 'runs.sqlite'))
    service = createTwinService({
      runs: new RunHost({ ...workerFromSource(workers.real), library: { path: store.path } }),
      library: new ScenarioLibrary(RESOURCES_DIR),
      appInfo: appInfo(),
      store
    })
    return { twin: service, store }
  }
  const send = <M extends TwinMethod>(
    twin: TwinService,
    method: M,
    args: unknown
  ): Promise<TwinResponse<M>> => twin.dispatch(method, args) as Promise<TwinResponse<M>>
  async function value<M extends TwinMethod>(twin: TwinService, method: M, args: unknown) {
    const response = await send(twin, method, args)
    if (!response.ok) throw new Error(`${method}: ${response.error.message}`)
    return response.value
  }

  it('lists the built-in tour, then the run’s, and saves, replaces and deletes them', async () => {
    const { twin, store } = make()
    const { id } = recordRun(store, { durationS: 2 })
    const builtIn = (await value(twin, 'tours.list', {})) as ListedTour[]
    expect(builtIn.map((t) => [t.tour.name, t.builtIn, t.runId])).toEqual([
      ['CloudMatrix384 serving DeepSeek-R1', true, null]
    ])
    expect(await value(twin, 'tours.list', { runId: id })).toEqual(builtIn)

    const saved = await value(twin, 'tours.save', { runId: id, tour: myTour() })
    expect(saved).toEqual({ tour: myTour(), runId: id, builtIn: false })
    await value(twin, 'tours.save', { runId: id, tour: myTour('My tour', 'Changed.') })
    const listed = (await value(twin, 'tours.list', { runId: id })) as ListedTour[]
    expect(listed.slice(1)).toEqual([
      { tour: myTour('My tour', 'Changed.'), runId: id, builtIn: false }
    ])

    expect(await value(twin, 'tours.delete', { runId: id, name: 'My tour' })).toEqual({
      deleted: 'My tour'
    })
    expect(await value(twin, 'tours.list', { runId: id })).toEqual(builtIn)
  })

  it('refuses a bad tour at its field, and a run or a tour that is not there', async () => {
    const { twin, store } = make()
    const { id } = recordRun(store, { durationS: 2 })
    const bad = { ...myTour(), steps: [{ ...myTour().steps[0]!, kpi: 'speed' }] }
    const refused = await send(twin, 'tours.save', { runId: id, tour: bad })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', field: 'tour.steps.0.kpi' }
    })
    expect(await send(twin, 'tours.save', { runId: 'gone', tour: myTour() })).toMatchObject({
      ok: false,
      error: { code: 'not-found', field: 'runId' }
    })
    expect(await send(twin, 'tours.list', { runId: 'gone' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/no run 'gone'/) }
    })
    expect(await send(twin, 'tours.delete', { runId: id, name: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/no tour named 'nope'/) }
    })
  })
})
