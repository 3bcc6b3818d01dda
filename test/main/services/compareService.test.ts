import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appInfo } from '../../../src/main/services/appInfo'
import { RunStore } from '../../../src/main/services/library/runStore'
import { RunHost } from '../../../src/main/services/runHost'
import { ScenarioLibrary } from '../../../src/main/services/scenarios'
import { createTwinService, type TwinService } from '../../../src/main/services/twinService'
import { workerFromSource } from '../../../src/main/worker/fromSource'
import { compareRuns } from '../../../src/engine/serving/kpiCompare'
import type { ComparisonStatus, KpiComparison, TwinEvent } from '../../../src/shared/api'
import type { ComparisonPreset } from '../../../src/shared/comparison'
import { parseScenario } from '../../../src/shared/scenario'
import { workers } from '../../fixtures/runs'
import { tempDir } from './library/fixtures'

const scenarios = new ScenarioLibrary(new URL('../../../resources/', import.meta.url).pathname)
const PRESET = 'cloudmatrix384-vs-h800-vs-h100'
const editorScenario = {
  name: 'editor scenario',
  system: 'h800-deepseek',
  durationS: 30,
  workload: {
    kind: 'synthetic',
    arrival: { kind: 'poisson', ratePerS: 10 },
    prompt: { kind: 'fixed', tokens: 800 },
    output: { kind: 'fixed', tokens: 80 }
  }
}

let service: TwinService | null = null
afterEach(async () => {
  await service?.dispose()
  service = null
})

function make(pickFile?: (purpose: string, name: string) => Promise<string | null>) {
  const store = new RunStore(join(tempDir(), 'runs.sqlite'))
  const events: TwinEvent[] = []
  service = createTwinService({
    runs: new RunHost({ ...workerFromSource(workers.real), library: { path: store.path } }),
    library: scenarios,
    appInfo: appInfo(),
    store,
    ...(pickFile ? { pickFile } : {})
  })
  service.onEvent((e) => events.push(e))
  return { twin: service, store, events }
}

async function value<T>(twin: TwinService, method: string, args: unknown): Promise<T> {
  const response = await twin.dispatch(method, args)
  if (!response.ok) throw new Error(`${method}: ${response.error.message}`)
  return response.value as T
}

async function until<T>(probe: () => T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const found = probe()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const comparisonEvents = (events: TwinEvent[]): ComparisonStatus[] =>
  events.flatMap((e) => (e.type === 'comparison.status' ? [e.status] : []))

describe('scenarios.validate and scenarios.save', () => {
  it('returns every issue at its field, without an error', async () => {
    const { twin } = make()
    const result = await value<{ ok: boolean; issues: { path: string }[] }>(
      twin,
      'scenarios.validate',
      {
        scenario: {
          ...editorScenario,
          slo: { ttftMs: 0 },
          workload: { ...editorScenario.workload, arrival: { kind: 'poisson', ratePerS: -1 } },
          faults: [{ kind: 'slow-chip', atS: 5, npu: 'node-00.npu-0', speedFraction: 0.5 }]
        }
      }
    )
    expect(result.ok).toBe(false)
    expect(result.issues.map((i) => i.path).sort()).toEqual([
      'slo.ttftMs',
      'workload.arrival.ratePerS'
    ])
    // once the schema passes, the fault is checked against the system's parts: an H800 cluster
    // has GPUs, not NPUs; a system without a part-level topology has no parts to fault
    const faulted = async (system: string) =>
      value<{ ok: boolean; issues: { path: string; message: string }[] }>(
        twin,
        'scenarios.validate',
        {
          scenario: {
            ...editorScenario,
            system,
            faults: [{ kind: 'slow-chip', atS: 5, npu: 'node-00.npu-0', speedFraction: 0.5 }]
          }
        }
      )
    const h800 = await faulted('h800-deepseek')
    expect(h800.issues.map((i) => i.path)).toEqual(['faults.0.npu'])
    const gb200 = await faulted('gb200-nvl72')
    expect(gb200.issues.map((i) => i.path)).toEqual(['faults.0'])
  })

  it('reads the trace a scenario names and reports one it cannot read', async () => {
    const { twin } = make()
    const result = await value<{ ok: boolean; issues: { path: string; message: string }[] }>(
      twin,
      'scenarios.validate',
      { scenario: { ...editorScenario, workload: { kind: 'trace', trace: '/nonexistent/t.csv' } } }
    )
    expect(result.issues).toEqual([
      { path: 'workload.trace', message: expect.stringMatching(/cannot read .*ENOENT/) }
    ])
    const builtIn = await value<{ ok: boolean }>(twin, 'scenarios.validate', {
      scenario: { ...editorScenario, workload: { kind: 'trace', trace: 'azure-conv' } }
    })
    expect(builtIn.ok).toBe(true)
  })

  it('saves a valid scenario as pretty JSON that loads again, at a path or a picked one', async () => {
    const dir = tempDir()
    const picked: string[] = []
    const { twin } = make(async (purpose, name) => {
      picked.push(`${purpose}:${name}`)
      return join(dir, 'picked.json')
    })
    const path = join(dir, 'mine.json')
    expect(await value(twin, 'scenarios.save', { scenario: editorScenario, path })).toEqual({
      path
    })
    const text = readFileSync(path, 'utf8')
    expect(text).toBe(JSON.stringify(editorScenario, null, 2) + '\n')
    expect(scenarios.file(path).scenario.name).toBe('editor scenario')
    expect(await value(twin, 'scenarios.save', { scenario: editorScenario })).toEqual({
      path: join(dir, 'picked.json')
    })
    expect(picked).toEqual(['save-scenario:editor-scenario.json'])
  })

  it('refuses an invalid scenario or an unwritable path, writing nothing', async () => {
    const dir = tempDir()
    const { twin } = make()
    const bad = await twin.dispatch('scenarios.save', {
      scenario: { ...editorScenario, durationS: 0 },
      path: join(dir, 'bad.json')
    })
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', field: 'scenario.durationS' }
    })
    const locked = join(dir, 'locked')
    mkdirSync(locked)
    chmodSync(locked, 0o500)
    const target = join(locked, 'x.json')
    const unwritable = await twin.dispatch('scenarios.save', {
      scenario: editorScenario,
      path: target
    })
    chmodSync(locked, 0o700)
    if (process.getuid?.() !== 0) {
      expect(unwritable).toMatchObject({
        ok: false,
        error: { code: 'invalid-argument', field: 'path' }
      })
      expect(!unwritable.ok && unwritable.error.message).toContain(target)
      expect(readdirSync(locked)).toEqual([])
    }
    const missingDir = join(dir, 'no', 'such', 'dir.json')
    const response = await twin.dispatch('scenarios.save', {
      scenario: editorScenario,
      path: missingDir
    })
    expect(response).toMatchObject({ ok: false, error: { field: 'path' } })
    expect(!response.ok && response.error.message).toContain(missingDir)
    expect(existsSync(join(dir, 'bad.json'))).toBe(false)
    expect(readdirSync(dir).sort()).toEqual(['locked'])
  })
})

describe('comparisons', () => {
  it('lists the three-system preset with each system at a fraction of its own capacity', async () => {
    const { twin } = make()
    const list = await value<ComparisonPreset[]>(twin, 'comparisons.list', {})
    const preset = list.find((c) => c.id === PRESET)!
    expect(preset.name).toBe('CloudMatrix384 vs H800 vs H100 on DeepSeek-R1')
    expect(preset.load).toBe('capacity')
    expect(preset.members.map((m) => [m.system, m.decodeChips])).toEqual([
      ['cloudmatrix384', 160],
      ['h800-deepseek', 128],
      ['h100-sglang', 72]
    ])
    for (const m of preset.members) {
      const capacity = m.capacity!
      expect(m.ratePerS).toBeCloseTo(capacity.loadFraction * capacity.requestsPerS, 9)
      expect(capacity.requestsPerS).toBe(
        Math.min(capacity.decodeRequestsPerS, capacity.prefillRequestsPerS)
      )
    }
    // over the preset's hour each summary leaves out two decode lifetimes of its own system
    expect(preset.members.map((m) => [m.warmup!.measureFromS, m.warmup!.clipped])).toEqual([
      [382, false],
      [407, false],
      [407, false]
    ])
  })

  it('runs every member one after another, saves each, and compares their KPIs', async () => {
    const { twin, store, events } = make()
    const started = await value<ComparisonStatus>(twin, 'comparisons.run', {
      id: PRESET,
      durationS: 20
    })
    expect(started).toMatchObject({ state: 'running', current: 0, done: 0, total: 3 })
    const finished = await until(() => comparisonEvents(events).find((s) => s.state === 'finished'))
    expect(finished.done).toBe(3)
    expect(finished.runIds).toHaveLength(3)
    // 20 s is shorter than a decode lifetime: the warm-ups fitted to it leave nothing out
    expect(finished.members.map((m) => m.warmup!.measureFromS)).toEqual([0, 0, 0])
    expect(finished.members.map((m) => [m.system, m.state])).toEqual([
      ['cloudmatrix384', 'finished'],
      ['h800-deepseek', 'finished'],
      ['h100-sglang', 'finished']
    ])
    // progress went member by member
    const running = comparisonEvents(events).filter((s) => s.current !== null)
    expect(running.map((s) => s.current)).toEqual([0, 1, 2])
    const records = finished.runIds.map((id) => store.require(id))
    expect(records.map((r) => [r.system, r.status])).toEqual([
      ['cloudmatrix384', 'complete'],
      ['h800-deepseek', 'complete'],
      ['h100-sglang', 'complete']
    ])

    const table = await value<KpiComparison>(twin, 'runs.compare', { ids: finished.runIds })
    const expected = compareRuns(
      records.map((r) => ({
        id: r.id,
        name: r.name,
        summary: r.summary!,
        scenario: parseScenario(store.scenarioOf(r.id))
      }))
    )
    expect(table).toEqual(JSON.parse(JSON.stringify(expected)))
    expect(table.rows.find((r) => r.key === 'ttftMs.p99')!.values).toEqual(
      records.map((r) => r.summary!.latency.ttftMs.p99)
    )
  }, 90_000)

  it('cancels a comparison and refuses a bad id or runs to compare', async () => {
    const { twin, events } = make()
    await value(twin, 'comparisons.run', { id: PRESET, speed: 1 })
    const cancelled = await value<ComparisonStatus>(twin, 'comparisons.cancel', {})
    expect(cancelled.state).toBe('cancelled')
    expect(cancelled.members.map((m) => m.state)).toEqual(['cancelled', 'cancelled', 'cancelled'])
    expect(comparisonEvents(events).at(-1)!.state).toBe('cancelled')
    expect(await twin.dispatch('comparisons.run', { id: 'nonesuch' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', field: 'id' }
    })
    expect(await twin.dispatch('runs.compare', { ids: ['nope1', 'nope2'] })).toMatchObject({
      ok: false,
      error: { code: 'not-found', field: 'ids.0' }
    })
  })
})

describe('validation.get', () => {
  it('gives the published figures beside the twin, with provenance', async () => {
    const { twin } = make()
    const report = await value<{
      rows: { id: string; published: { value: number } | null; twin: { provenance: string } }[]
    }>(twin, 'validation.get', {})
    const decode = report.rows.find((r) => r.id === 'decode-throughput')!
    expect(decode.published!.value).toBe(1943)
    expect(decode.twin.provenance).toBe('calibrated model')
  })
})
