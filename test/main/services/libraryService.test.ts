import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appInfo } from '../../../src/main/services/appInfo'
import { RunStore } from '../../../src/main/services/library/runStore'
import type { FilePicker } from '../../../src/main/services/libraryApi'
import { RunHost } from '../../../src/main/services/runHost'
import { ScenarioLibrary } from '../../../src/main/services/scenarios'
import { createTwinService, type TwinService } from '../../../src/main/services/twinService'
import { workerFromSource } from '../../../src/main/worker/fromSource'
import type { RunStatus, StoredFrame, TwinEvent } from '../../../src/shared/api'
import type { ReplayStatus, RunRecord } from '../../../src/shared/library'
import { decodeFrame } from '../../../src/shared/frame'
import { workers } from '../../fixtures/runs'
import { tempDir } from './library/fixtures'

const scenarios = new ScenarioLibrary(new URL('../../../resources/', import.meta.url).pathname)
const inline = (durationS: number) => ({
  name: 'library fixture',
  system: 'cloudmatrix384',
  durationS,
  workload: {
    kind: 'synthetic',
    arrival: { kind: 'poisson', ratePerS: 40 },
    prompt: { kind: 'fixed', tokens: 800 },
    output: { kind: 'fixed', tokens: 80 }
  }
})

let service: TwinService | null = null
afterEach(async () => {
  await service?.dispose()
  service = null
})

function make(options: { pickFile?: FilePicker; libraryPath?: string } = {}) {
  const store = new RunStore(join(tempDir(), 'runs.sqlite'))
  const events: TwinEvent[] = []
  const frames: number[] = []
  service = createTwinService({
    runs: new RunHost({
      ...workerFromSource(workers.real),
      library: { path: options.libraryPath ?? store.path },
      onLost: (runId, reason) => store.markFailed(runId, reason)
    }),
    library: scenarios,
    appInfo: appInfo(),
    store,
    ...(options.pickFile ? { pickFile: options.pickFile } : {})
  })
  service.onEvent((e) => events.push(e))
  service.onFrame((f) => frames.push(decodeFrame(f).simTimeS))
  return { twin: service, store, events, frames }
}

async function value<T>(twin: TwinService, method: string, args: unknown): Promise<T> {
  const response = await twin.dispatch(method, args)
  if (!response.ok) throw new Error(`${method}: ${response.error.message}`)
  return response.value as T
}

function runState(events: TwinEvent[], state: RunStatus['state']): Promise<RunStatus> {
  return until(
    () =>
      events.flatMap((e) =>
        e.type === 'run.status' && e.status.state === state ? [e.status] : []
      )[0]
  )
}

async function until<T>(probe: () => T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const found = probe()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('the run library through TwinService', () => {
  it('saves a live run as it goes, then replays it on the same frame stream', async () => {
    const { twin, events, frames } = make()
    const started = await value<RunStatus>(twin, 'run.start', {
      scenario: inline(6),
      speed: 'max',
      name: 'saved from the app'
    })
    expect(started.saved).toBe(true)
    await runState(events, 'finished')
    expect(events.filter((e) => e.type === 'library.changed').length).toBeGreaterThanOrEqual(2)
    const [run] = await value<RunRecord[]>(twin, 'runs.list', {})
    expect(run).toMatchObject({
      id: started.runId,
      name: 'saved from the app',
      status: 'complete',
      frameCount: 6,
      simulatedS: 6
    })
    expect(run!.summary?.requests.arrived).toBeGreaterThan(0)
    expect(await value(twin, 'runs.get', { id: run!.id })).toMatchObject({
      scenario: { name: 'library fixture', durationS: 6 },
      events: []
    })
    // one saved frame by time, for the compare view: the last at or before it, whole
    const stored = await value<StoredFrame>(twin, 'runs.frameAt', { id: run!.id, atS: 2.5 })
    expect(stored).toMatchObject({ index: 1, simTimeS: 2 })
    const bytes = Buffer.from(stored.data, 'base64')
    const frame = decodeFrame(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))
    expect(frame).toMatchObject({ simTimeS: 2, counts: { dies: 768 } })
    expect(Math.max(...frame.dieCompute)).toBeGreaterThan(0)
    expect((await twin.dispatch('runs.frameAt', { id: 'gone', atS: 0 })).ok).toBe(false)

    frames.length = 0
    const opened = await value<ReplayStatus>(twin, 'replay.open', { id: run!.id, atS: 3 })
    expect(opened).toMatchObject({ state: 'paused', positionS: 3, endS: 6 })
    expect(frames).toEqual([3])
    await value(twin, 'replay.seek', { timeS: 1 })
    expect(frames).toEqual([3, 1])
    expect(events.at(-1)).toMatchObject({ type: 'replay.status', status: { positionS: 1 } })

    // a new live run takes the view back from the replay
    await value(twin, 'run.start', { scenario: inline(3), speed: 'max', save: false })
    expect(await value<ReplayStatus>(twin, 'replay.status', {})).toMatchObject({ state: 'closed' })
    await until(() => (frames.length >= 5 ? true : undefined))
    expect(frames.slice(2, 5)).toEqual([1, 2, 3])
    await runState(events, 'finished')
    expect(await value<RunRecord[]>(twin, 'runs.list', {})).toHaveLength(1) // save: false
  })

  it('exports through the file picker, and says what to do without one', async () => {
    const dir = tempDir()
    let answer: string | null = null
    const asked: string[] = []
    const { twin, events } = make({
      pickFile: async (purpose, suggested) => {
        asked.push(`${purpose}:${suggested}`)
        return answer
      }
    })
    const started = await value<RunStatus>(twin, 'run.start', {
      scenario: inline(3),
      speed: 'max',
      name: 'Exported / run'
    })
    await runState(events, 'finished')
    const id = started.runId!
    expect(await value(twin, 'runs.export', { id })).toEqual({ path: null }) // cancelled
    answer = join(dir, 'picked.twinrun')
    expect(await value(twin, 'runs.export', { id })).toEqual({ path: answer })
    expect(existsSync(answer)).toBe(true)
    expect(asked).toEqual(['export-run:Exported-run.twinrun', 'export-run:Exported-run.twinrun'])
    // importing the run into its own library is refused, naming it
    expect(await twin.dispatch('runs.import', { path: answer })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', field: 'path', message: /already in the library/ }
    })
    answer = null
    expect(await value(twin, 'runs.import', {})).toEqual([])
    expect(await value(twin, 'runs.exportCsv', { id, path: join(dir, 'kpis.csv') })).toEqual({
      path: join(dir, 'kpis.csv')
    })
  })

  it('says the library changed once a started run is in it, not before', async () => {
    const { twin, store } = make()
    // each library.changed is answered the way the panel does it: by reading the list
    const seen: string[][] = []
    twin.onEvent((e) => {
      if (e.type === 'library.changed') seen.push(store.list().map((run) => run.status))
    })
    await value<RunStatus>(twin, 'run.start', { scenario: inline(600), speed: 1 })
    await until(() => (seen.length > 0 ? true : undefined))
    expect(seen[0]).toEqual(['running'])
    await value(twin, 'run.stop', {})
  })

  it('says the library changed once a stopped run is written as stopped, not before', async () => {
    const { twin, store } = make()
    // a slow live run, so the stop lands while the worker is still recording
    const started = await value<RunStatus>(twin, 'run.start', { scenario: inline(600), speed: 20 })
    await until(() => (store.get(started.runId!)?.frameCount ?? 0) >= 2 || undefined)
    // each library.changed is answered the way the panel does it: by reading the list
    const seen: string[] = []
    twin.onEvent((e) => {
      if (e.type === 'library.changed') seen.push(store.get(started.runId!)!.status)
    })
    await value(twin, 'run.stop', {})
    await until(() => (seen.length > 0 ? true : undefined))
    expect(seen.at(-1)).toBe('stopped')
    expect(seen).not.toContain('running')
  })

  it('deleting the run being replayed closes the replay; unknown runs are not-found', async () => {
    const { twin, events } = make()
    const started = await value<RunStatus>(twin, 'run.start', { scenario: inline(2), speed: 'max' })
    await runState(events, 'finished')
    await value(twin, 'replay.open', { id: started.runId })
    expect(await value(twin, 'runs.delete', { id: started.runId })).toEqual({
      deleted: started.runId
    })
    expect(await value<ReplayStatus>(twin, 'replay.status', {})).toMatchObject({ state: 'closed' })
    expect(await twin.dispatch('replay.open', { id: started.runId })).toMatchObject({
      ok: false,
      error: { code: 'not-found', field: 'id' }
    })
  })

  it('fails a run in words when its library cannot be written, and keeps the twin usable', async () => {
    const notAFile = tempDir()
    mkdirSync(join(notAFile, 'runs.sqlite'))
    const { twin, events } = make({ libraryPath: join(notAFile, 'runs.sqlite') })
    await value(twin, 'run.start', { scenario: inline(3), speed: 'max' })
    const failed = await runState(events, 'failed')
    expect(failed.error).toMatch(/runs\.sqlite: cannot open/)
    expect(await value<RunRecord[]>(twin, 'runs.list', {})).toEqual([])
    await value(twin, 'run.start', { scenario: inline(2), speed: 'max', save: false })
    await runState(events, 'finished')
  })

  it('answers library calls with the reason when there is no library', async () => {
    service = createTwinService({
      runs: new RunHost(workerFromSource(workers.pattern)),
      library: scenarios,
      appInfo: appInfo(),
      store: null,
      libraryError: '/x/runs.sqlite was written by a newer Supernode Twin'
    })
    expect(await service.dispatch('runs.list', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: /not available: .*newer Supernode Twin/ }
    })
    const started = await service.dispatch('run.start', { scenario: inline(2), speed: 'max' })
    expect(started).toMatchObject({ ok: true, value: { saved: false } })
  })
})
