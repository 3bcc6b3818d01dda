import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { appInfo } from '../../../src/main/services/appInfo'
import { exportRun } from '../../../src/main/services/library/exchange'
import { RunStore } from '../../../src/main/services/library/runStore'
import {
  openFailureMessage,
  openFile,
  openRequestFor,
  openRequestsFromArgv
} from '../../../src/main/services/openFiles'
import { RunHost } from '../../../src/main/services/runHost'
import { ScenarioLibrary } from '../../../src/main/services/scenarios'
import { createTwinService, type TwinService } from '../../../src/main/services/twinService'
import { workerFromSource } from '../../../src/main/worker/fromSource'
import type { RunStatus, TwinEvent } from '../../../src/shared/api'
import { workers } from '../../fixtures/runs'
import { recordRun, tempDir } from './library/fixtures'

const scenarios = new ScenarioLibrary(new URL('../../../resources/', import.meta.url).pathname)

describe('what to do with a command line', () => {
  it('imports runs, starts scenarios, and refuses the rest by name', () => {
    const argv = ['/opt/Supernode Twin/supernode-twin', 'a.twinrun', '/abs/s.json', 'notes.txt']
    expect(openRequestsFromArgv(argv, { cwd: '/home/me', skip: 1 })).toEqual([
      { kind: 'import-run', path: '/home/me/a.twinrun' },
      { kind: 'start-scenario', path: '/abs/s.json' },
      { kind: 'unsupported', path: '/home/me/notes.txt' }
    ])
  })

  it('skips the app folder when unpackaged, Chromium switches, and reads file:// URLs', () => {
    const argv = [
      'electron',
      '.',
      '--allow-file-access-from-files',
      'file:///data/My%20Run.TWINRUN',
      '-psn_0_12345'
    ]
    expect(openRequestsFromArgv(argv, { cwd: '/w', skip: 2 })).toEqual([
      { kind: 'import-run', path: '/data/My Run.TWINRUN' }
    ])
    expect(openRequestsFromArgv(['electron', '.'], { cwd: '/w', skip: 2 })).toEqual([])
  })

  it('names the file in a failure, once', () => {
    expect(openFailureMessage('/d/x.twinrun', '/d/x.twinrun is damaged')).toEqual({
      title: 'Cannot open x.twinrun',
      content: '/d/x.twinrun is damaged'
    })
    expect(openFailureMessage('/d/s.json', 'durationS: too big').content).toBe(
      '/d/s.json: durationS: too big'
    )
  })
})

let service: TwinService | null = null
afterEach(async () => {
  await service?.dispose()
  service = null
})

function make() {
  const store = new RunStore(join(tempDir(), 'runs.sqlite'))
  const events: TwinEvent[] = []
  service = createTwinService({
    runs: new RunHost({
      ...workerFromSource(workers.real),
      library: { path: store.path },
      onLost: (runId, reason) => store.markFailed(runId, reason)
    }),
    library: scenarios,
    appInfo: appInfo(),
    store
  })
  service.onEvent((e) => events.push(e))
  return { deps: { service, scenarios }, store, events }
}

/** A .twinrun made the way the app makes one: a recorded run, exported from another library. */
function twinrunFile(dir: string): { path: string; id: string } {
  const other = new RunStore(join(dir, 'other.sqlite'))
  const { id } = recordRun(other, { durationS: 4, name: 'shared run' })
  const path = join(dir, 'shared.twinrun')
  exportRun(other, id, path)
  other.close()
  return { path, id }
}

const commands = (events: TwinEvent[]) => events.filter((e) => e.type === 'app.command')

describe('opening files through the service', () => {
  it('imports a .twinrun, opens its replay and tells the view', async () => {
    const { deps, store, events } = make()
    const file = twinrunFile(tempDir())
    expect(await openFile(openRequestFor(file.path), deps)).toEqual({
      ok: true,
      opened: { file: 'shared.twinrun', kind: 'replay', runId: file.id, name: 'shared run' }
    })
    expect(store.list().map((run) => run.id)).toEqual([file.id])
    const replay = await deps.service.dispatch('replay.status', {})
    expect(replay).toMatchObject({ ok: true, value: { state: 'paused', runId: file.id } })
    expect(commands(events)).toEqual([
      { type: 'app.command', command: { kind: 'replay-run', runId: file.id } }
    ])

    // opened again (a second double-click): the run already imported is shown, not refused,
    // and the library keeps one copy
    await deps.service.dispatch('replay.close', {})
    expect(await openFile(openRequestFor(file.path), deps)).toEqual({
      ok: true,
      opened: { file: 'shared.twinrun', kind: 'replay', runId: file.id, name: 'shared run' }
    })
    expect(store.list().map((run) => run.id)).toEqual([file.id])
    expect(await deps.service.dispatch('replay.status', {})).toMatchObject({
      ok: true,
      value: { state: 'paused', runId: file.id }
    })
    // an import from the library's own menu still refuses it, by name
    const again = await deps.service.dispatch('runs.import', { path: file.path })
    expect(again).toMatchObject({
      ok: false,
      error: { message: "shared.twinrun: run 'shared run' is already in the library" }
    })
  })

  it('refuses a damaged .twinrun by name and keeps the library as it was', async () => {
    const { deps, store, events } = make()
    const dir = tempDir()
    recordRun(store, { durationS: 3, name: 'kept' })
    const path = join(dir, 'broken.twinrun')
    writeFileSync(path, 'not a database at all, just text that is long enough'.repeat(100))
    const outcome = await openFile(openRequestFor(path), deps)
    expect(outcome).toMatchObject({ ok: false, path })
    expect(!outcome.ok && outcome.reason).toContain(path)
    expect(store.list().map((run) => run.name)).toEqual(['kept'])
    expect(commands(events)).toEqual([])
  })

  it('starts a scenario file as a saved run, its trace found next to the file', async () => {
    const { deps, events } = make()
    const dir = tempDir()
    mkdirSync(join(dir, 'traces'))
    const trace = ['TIMESTAMP,ContextTokens,GeneratedTokens']
    for (let i = 0; i < 40; i++)
      trace.push(`2023-11-16 18:15:${String(i).padStart(2, '0')}.0,800,60`)
    writeFileSync(join(dir, 'traces', 'mine.csv'), trace.join('\n') + '\n')
    const path = join(dir, 'mine.json')
    const scenario = {
      name: 'from a file',
      system: 'cloudmatrix384',
      durationS: 3,
      workload: { kind: 'trace', trace: 'traces/mine.csv' }
    }
    writeFileSync(path, JSON.stringify(scenario))
    const outcome = await openFile(openRequestFor(path), deps)
    expect(outcome).toMatchObject({
      ok: true,
      opened: { file: 'mine.json', kind: 'run', name: 'from a file' }
    })
    const status = await deps.service.dispatch('run.status', {})
    expect(status.ok && (status.value as RunStatus)).toMatchObject({
      scenarioName: 'from a file',
      saved: true
    })
    // the library view hears of it once the worker has recorded the run
    await vi.waitFor(() => expect(events.some((e) => e.type === 'library.changed')).toBe(true), {
      timeout: 10_000
    })
  })

  it('names the file and the field of a bad scenario, and starts nothing', async () => {
    const { deps } = make()
    const dir = tempDir()
    const path = join(dir, 'bad.json')
    writeFileSync(
      path,
      JSON.stringify({ name: 'x', system: 'cloudmatrix384', durationS: -1, workload: {} })
    )
    const outcome = await openFile(openRequestFor(path), deps)
    expect(outcome.ok).toBe(false)
    expect(!outcome.ok && outcome.reason).toMatch(new RegExp(`^${path}: .*(durationS|workload)`))
    const notJson = join(dir, 'typo.json')
    writeFileSync(notJson, '{ "name": "x", }')
    const typo = await openFile(openRequestFor(notJson), deps)
    expect(!typo.ok && typo.reason).toMatch(new RegExp(`^${notJson}:1:\\d+: not valid JSON`))
    const status = await deps.service.dispatch('run.status', {})
    expect(status.ok && (status.value as RunStatus).state).toBe('idle')
  })

  it('says what it opens when given something else', async () => {
    const { deps } = make()
    const outcome = await openFile(openRequestFor('/tmp/notes.txt'), deps)
    expect(outcome).toMatchObject({ ok: false, path: '/tmp/notes.txt' })
    expect(!outcome.ok && outcome.reason).toMatch(/\.twinrun.*\.json/)
  })
})

/** the files of the data folder a dropped file was written to, while it was opened */
const leftInDataDir = (store: RunStore): string[] =>
  readdirSync(dirname(store.path)).filter((name) => name.startsWith('.dropped-'))

const base64Of = (path: string): string => readFileSync(path).toString('base64')
const defaultScenario = new URL('../../../resources/scenarios/default.json', import.meta.url)
  .pathname

describe('opening a dropped file (app.openPath, app.openDropped)', () => {
  it('opens a dropped .twinrun by its path: imported, replayed, and said what it did', async () => {
    const { deps, store, events } = make()
    const file = twinrunFile(tempDir())
    expect(await deps.service.dispatch('app.openPath', { path: file.path })).toEqual({
      ok: true,
      value: { file: 'shared.twinrun', kind: 'replay', runId: file.id, name: 'shared run' }
    })
    expect(store.list().map((run) => run.id)).toEqual([file.id])
    expect(await deps.service.dispatch('replay.status', {})).toMatchObject({
      ok: true,
      value: { state: 'paused', runId: file.id }
    })
    expect(commands(events)).toEqual([
      { type: 'app.command', command: { kind: 'replay-run', runId: file.id } }
    ])
  })

  it('starts a dropped scenario file from resources/scenarios as a saved run', async () => {
    const { deps } = make()
    const name = JSON.parse(readFileSync(defaultScenario, 'utf8')).name as string
    const response = await deps.service.dispatch('app.openPath', { path: defaultScenario })
    expect(response).toMatchObject({
      ok: true,
      value: { file: 'default.json', kind: 'run', name, runId: expect.any(String) }
    })
    const status = await deps.service.dispatch('run.status', {})
    expect(status).toMatchObject({ ok: true, value: { scenarioName: name, saved: true } })
    await deps.service.dispatch('run.stop', {})
  })

  it('refuses a path it does not open, or that is not there, naming the file', async () => {
    const { deps } = make()
    const dir = tempDir()
    const notes = join(dir, 'notes.txt')
    writeFileSync(notes, 'hello')
    const other = await deps.service.dispatch('app.openPath', { path: notes })
    expect(other).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'path' } })
    expect(!other.ok && other.error.message).toMatch(new RegExp(`^${notes}: .*\\.twinrun.*\\.json`))
    const gone = join(dir, 'gone.twinrun')
    const missing = await deps.service.dispatch('app.openPath', { path: gone })
    expect(!missing.ok && missing.error.message).toBe(`${gone}: no such file`)
  })

  it('opens the bytes of a dropped .twinrun, then removes them from the data folder', async () => {
    const { deps, store, events } = make()
    const file = twinrunFile(tempDir())
    const response = await deps.service.dispatch('app.openDropped', {
      name: 'shared.twinrun',
      data: base64Of(file.path)
    })
    expect(response).toEqual({
      ok: true,
      value: { file: 'shared.twinrun', kind: 'replay', runId: file.id, name: 'shared run' }
    })
    expect(store.list().map((run) => run.id)).toEqual([file.id])
    expect(commands(events)).toHaveLength(1)
    expect(leftInDataDir(store)).toEqual([])
  })

  it('starts the bytes of a dropped scenario file', async () => {
    const { deps, store } = make()
    const response = await deps.service.dispatch('app.openDropped', {
      name: 'my scenario.json',
      data: base64Of(defaultScenario)
    })
    expect(response).toMatchObject({
      ok: true,
      value: { file: 'my scenario.json', kind: 'run', runId: expect.any(String) }
    })
    expect(leftInDataDir(store)).toEqual([])
    await deps.service.dispatch('run.stop', {})
  })

  it('refuses a damaged .twinrun by its name, not the copy, and keeps the library', async () => {
    const { deps, store, events } = make()
    recordRun(store, { durationS: 3, name: 'kept' })
    const data = Buffer.from('not a database, just text'.repeat(200)).toString('base64')
    const response = await deps.service.dispatch('app.openDropped', {
      name: 'broken.twinrun',
      data
    })
    expect(response).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', field: 'data' }
    })
    const message = !response.ok ? response.error.message : ''
    expect(message).toMatch(/^broken\.twinrun\b/)
    expect(message).not.toContain('.dropped-')
    expect(store.list().map((run) => run.name)).toEqual(['kept'])
    expect(commands(events)).toEqual([])
    expect(leftInDataDir(store)).toEqual([])
  })

  it('names the dropped file and the field, or the line, of a bad scenario', async () => {
    const { deps, store } = make()
    const bad = { name: 'x', system: 'cloudmatrix384', durationS: -1, workload: {} }
    const invalid = await deps.service.dispatch('app.openDropped', {
      name: 'bad.json',
      data: Buffer.from(JSON.stringify(bad)).toString('base64')
    })
    expect(!invalid.ok && invalid.error.message).toMatch(/^bad\.json: .*(durationS|workload)/)
    const typo = await deps.service.dispatch('app.openDropped', {
      name: 'typo.json',
      data: Buffer.from('{\n  "name": "x",\n}').toString('base64')
    })
    expect(!typo.ok && typo.error.message).toMatch(/^typo\.json:3:\d+: not valid JSON/)
    // a trace next to the file did not come with the drop: the message says which, not where
    const traced = await deps.service.dispatch('app.openDropped', {
      name: 'traced.json',
      data: Buffer.from(
        JSON.stringify({
          name: 't',
          system: 'cloudmatrix384',
          durationS: 3,
          workload: { kind: 'trace', trace: 'traces/mine.csv' }
        })
      ).toString('base64')
    })
    const message = !traced.ok ? traced.error.message : ''
    expect(message).toMatch(/^traced\.json: .*workload\.trace.*'traces\/mine\.csv'/)
    expect(message).not.toContain('.dropped-')
    const status = await deps.service.dispatch('run.status', {})
    expect(status.ok && (status.value as RunStatus).state).toBe('idle')
    expect(leftInDataDir(store)).toEqual([])
  })

  it('refuses a dropped file of another kind by its name', async () => {
    const { deps } = make()
    const response = await deps.service.dispatch('app.openDropped', {
      name: 'notes.txt',
      data: Buffer.from('hello').toString('base64')
    })
    expect(response).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', field: 'name' }
    })
    expect(!response.ok && response.error.message).toMatch(/^notes\.txt: .*\.twinrun.*\.json/)
  })

  it('opens two drops one after the other, the view ending on the last', async () => {
    const { deps, store } = make()
    const first = twinrunFile(tempDir())
    const second = twinrunFile(tempDir())
    const [a, b] = await Promise.all([
      deps.service.dispatch('app.openDropped', { name: 'a.twinrun', data: base64Of(first.path) }),
      deps.service.dispatch('app.openPath', { path: second.path })
    ])
    expect(a.ok && b.ok).toBe(true)
    expect(
      store
        .list()
        .map((run) => run.id)
        .sort()
    ).toEqual([first.id, second.id].sort())
    expect(await deps.service.dispatch('replay.status', {})).toMatchObject({
      ok: true,
      value: { runId: second.id }
    })
  })
})
