import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/cli'
import { RESOURCES_DIR } from '../../src/cli/resources'
import { getTopology } from '../../src/engine/topology'
import { frameCountsOf } from '../../src/engine/telemetry/frameCounts'
import { libraryPath } from '../../src/main/services/library/dataDir'
import { RunRecorder } from '../../src/main/services/library/recorder'
import { RunStore, type RunRecord } from '../../src/main/services/library/runStore'
import { ScenarioLibrary } from '../../src/main/services/scenarios'
import { KPI_NAMES } from '../../src/shared/frame'

interface Result {
  code: number
  stdout: string
  stderr: string
}

/** One in-process CLI run. `interrupted` resolved means Ctrl+C was pressed before it started. */
async function cli(argv: string[], interrupted: Promise<void> = new Promise(() => {})) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    interrupted
  })
  return { code, stdout, stderr } satisfies Result
}

const root = mkdtempSync(join(tmpdir(), 'twin-runs-cli-'))
const newDataDir = (): string => mkdtempSync(join(root, 'data-'))
const runs = (dataDir: string, ...argv: string[]) => cli(['runs', ...argv, '--data-dir', dataDir])
const json = (r: Result): unknown => {
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  expect(r.stdout.trimEnd().split('\n')).toHaveLength(1)
  return JSON.parse(r.stdout)
}
const list = async (dataDir: string): Promise<RunRecord[]> =>
  json(await runs(dataDir, 'list', '--json')) as RunRecord[]

/** A failure the CLI reports on stderr in one line. */
function expectOneLineError(r: Result, code: number, words: RegExp): void {
  expect(r.code).toBe(code)
  expect(r.stdout).toBe('')
  expect(r.stderr.trimEnd()).toMatch(words)
  expect(r.stderr.endsWith('\n')).toBe(true)
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
}

const counts = frameCountsOf(getTopology('cloudmatrix384'))

let dataDir: string
let runId: string
let saved: Record<string, unknown>

beforeAll(async () => {
  dataDir = newDataDir()
  const r = await cli([
    'simulate',
    '--duration',
    '10',
    '--save',
    '--name',
    'cli saved run',
    '--data-dir',
    dataDir,
    '--json'
  ])
  saved = json(r) as Record<string, unknown>
  runId = saved.runId as string
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('twin simulate --save', () => {
  it('saves the run as it goes and prints its id and status with the summary', async () => {
    expect(runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/)
    expect(saved).toMatchObject({
      status: 'complete',
      system: 'cloudmatrix384',
      scenario: 'CloudMatrix384 · Azure conversations',
      simulatedS: 10
    })
    expect(existsSync(join(dataDir, 'runs.sqlite'))).toBe(true)
  })

  it('stops at Ctrl+C and keeps what it saved, as a stopped run', async () => {
    const dir = newDataDir()
    const r = await cli(
      ['simulate', '--duration', '60', '--save', '--data-dir', dir, '--json'],
      Promise.resolve()
    )
    const result = json(r) as Record<string, unknown>
    expect(result.status).toBe('stopped')
    const [run, ...others] = await list(dir)
    expect(others).toEqual([])
    expect(run).toMatchObject({ id: result.runId, status: 'stopped', durationS: 60 })
    expect(run!.name).toBe('CloudMatrix384 · Azure conversations') // the scenario's, by default
    expect(run!.frameCount).toBeGreaterThan(0)
    expect(run!.frameCount).toBeLessThan(60) // 60 planned: one frame per simulated second
    expect(run!.simulatedS).toBe(run!.frameCount)
    expect(run!.summary).not.toBeNull()
    expect(run!.finishedAt).not.toBeNull()
  })

  it('refuses --name or --data-dir without --save', async () => {
    const dir = newDataDir()
    for (const extra of [
      ['--name', 'x'],
      ['--data-dir', dir]
    ]) {
      const r = await cli(['simulate', '--duration', '2', ...extra])
      expectOneLineError(r, 2, /^twin: simulate: --name and --data-dir go with --save/)
    }
    expect(readdirSync(dir)).toEqual([]) // no library created
  })
})

describe('twin runs', () => {
  it('lists the saved run with its name', async () => {
    const [run, ...others] = await list(dataDir)
    expect(others).toEqual([])
    expect(run).toMatchObject({
      id: runId,
      name: 'cli saved run',
      status: 'complete',
      system: 'cloudmatrix384',
      durationS: 10,
      simulatedS: 10,
      frameCount: 10,
      sampleIntervalS: 1,
      error: null
    })
    const text = await runs(dataDir, 'list')
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(runId.slice(0, 8))
    expect(text.stdout).toContain('cli saved run')
  })

  it('says so when the library is empty', async () => {
    const dir = newDataDir()
    expect(await list(dir)).toEqual([])
    const r = await runs(dir, 'list')
    expect(r).toEqual({ code: 0, stdout: `no saved runs in ${libraryPath(dir)}\n`, stderr: '' })
  })

  it('shows a run named by a prefix of its id', async () => {
    const shown = json(await runs(dataDir, 'show', runId.slice(0, 8), '--json')) as {
      run: RunRecord
      scenario: { durationS: number; system: string }
      events: unknown[]
    }
    expect(shown.run).toEqual((await list(dataDir))[0])
    expect(shown.scenario).toMatchObject({ durationS: 10, system: 'cloudmatrix384' })
    expect(Array.isArray(shown.events)).toBe(true)
    const text = await runs(dataDir, 'show', runId)
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(`cli saved run  (${runId})`)
    expect(text.stdout).toContain('10 of 10 simulated s saved in 10 frames')
  })

  it('refuses an unknown id or an ambiguous prefix in one line, exit 1', async () => {
    const dir = newDataDir()
    const store = new RunStore(libraryPath(dir))
    try {
      const scenario = new ScenarioLibrary(RESOURCES_DIR).load('default').scenario
      for (const id of ['abcd1111-first', 'abcd2222-second']) {
        new RunRecorder(store, {
          id,
          name: id,
          scenario,
          frameCodec: 0,
          kpiNames: KPI_NAMES
        }).finish('complete', null)
      }
    } finally {
      store.close()
    }
    expectOneLineError(
      await runs(dir, 'show', 'abcd', '--json'),
      1,
      /^twin runs show: 'abcd' names more than one run \(abcd1111-first, abcd2222-second/
    )
    expectOneLineError(
      await runs(dir, 'show', 'ffffffff'),
      1,
      /^twin runs show: no run 'ffffffff' in the library$/
    )
    // too short to be a prefix
    expectOneLineError(await runs(dir, 'show', 'abc'), 1, /no run 'abc' in the library/)
    // an unambiguous prefix still works there
    const shown = json(await runs(dir, 'show', 'abcd2', '--json')) as { run: RunRecord }
    expect(shown.run.id).toBe('abcd2222-second')
  })

  it('prints the saved frame at or before a time, decoded, with the topology counts', async () => {
    const frame = json(
      await runs(dataDir, 'frame', runId.slice(0, 8), '--at', '4.5', '--json')
    ) as {
      index: number
      simTimeS: number
      counts: Record<string, number>
      kpis: Record<string, number | null>
      dies: { role: string[]; compute: number[]; hbmBandwidth: number[]; hbmUsedGB: number[] }
      cpus: { utilization: number[] }
      links: { utilization: number[] }
      experts: { load: number[] }
      slots: { expert: number[]; die: number[] }
    }
    // frames every simulated second: the one at 4 s
    expect(frame.simTimeS).toBeLessThanOrEqual(4.5)
    expect(frame.simTimeS).toBeGreaterThan(3.5)
    expect(frame.index).toBe(3)
    expect(frame.counts).toEqual({
      ...counts,
      experts: 256, // DeepSeek-R1's routed experts
      slots: 320, // decode EP320: one expert slot per decode die
      kpis: KPI_NAMES.length
    })
    expect(frame.counts.dies).toBe(768)
    expect(frame.counts.cpus).toBe(192)
    expect(frame.dies.role).toHaveLength(768)
    expect(frame.dies.compute).toHaveLength(counts.dies)
    expect(frame.cpus.utilization).toHaveLength(counts.cpus)
    expect(frame.links.utilization).toHaveLength(counts.links)
    expect(frame.experts.load).toHaveLength(256)
    expect(frame.slots.expert).toHaveLength(320)
    expect(Object.keys(frame.kpis)).toEqual([...KPI_NAMES])
    expect(new Set(frame.dies.role)).toContain('decode')
    expect(new Set(frame.dies.role)).toContain('prefill')
    // before the first frame: the first frame; past the end: the last
    const first = json(await runs(dataDir, 'frame', runId, '--at', '0', '--json')) as {
      index: number
    }
    expect(first.index).toBe(0)
    const last = json(await runs(dataDir, 'frame', runId, '--at', '1e6', '--json')) as {
      index: number
      simTimeS: number
    }
    expect(last).toMatchObject({ index: 9, simTimeS: 10 })
  })

  it('refuses a bad --at with exit 2', async () => {
    for (const at of [['--at', 'soon'], ['--at=-1'], ['--at', ''], []]) {
      const r = await runs(dataDir, 'frame', runId, ...at, '--json')
      expectOneLineError(r, 2, /^twin: runs: --at must be a time in seconds, 0 or more/)
    }
  })

  it('exports a run and imports it into another library as the same run', async () => {
    const out = join(root, 'exported.twinrun')
    const exported = await runs(dataDir, 'export', runId.slice(0, 8), '--out', out)
    expect(exported).toEqual({ code: 0, stdout: `${out}\n`, stderr: '' })
    expect(existsSync(out)).toBe(true)

    const other = newDataDir()
    const imported = json(await runs(other, 'import', out, '--json')) as RunRecord[]
    const original = (await list(dataDir))[0]
    expect(imported).toEqual([original])
    expect(await list(other)).toEqual([original])
    expect(json(await runs(other, 'show', runId, '--json'))).toEqual(
      json(await runs(dataDir, 'show', runId, '--json'))
    )
    for (const at of ['0', '4.5', '10'])
      expect(json(await runs(other, 'frame', runId, '--at', at, '--json'))).toEqual(
        json(await runs(dataDir, 'frame', runId, '--at', at, '--json'))
      )

    // once is enough
    const again = await runs(other, 'import', out)
    expectOneLineError(
      again,
      1,
      /^twin runs import: exported\.twinrun: run 'cli saved run' is already in the library$/
    )
    expect(await list(other)).toEqual([original])
  })

  it('refuses to export to a folder that does not exist, in one line', async () => {
    const out = join(root, 'missing-folder', 'x.twinrun')
    expectOneLineError(
      await runs(dataDir, 'export', runId, '--out', out),
      1,
      /^twin runs export: cannot write .*x\.twinrun: the folder does not exist$/
    )
    expect(existsSync(join(root, 'missing-folder'))).toBe(false)
    expectOneLineError(await runs(dataDir, 'export', runId), 2, /--out needs a file/)
  })

  it('writes the KPI series as CSV', async () => {
    const out = join(root, 'kpis.csv')
    expect(await runs(dataDir, 'csv', runId.slice(0, 8), '--out', out)).toEqual({
      code: 0,
      stdout: `${out}\n`,
      stderr: ''
    })
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n')
    expect(lines[0]).toBe(['simTimeS', ...KPI_NAMES].join(','))
    expect(lines).toHaveLength(1 + 10)
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ])
    for (const line of lines.slice(1)) expect(line.split(',')).toHaveLength(1 + KPI_NAMES.length)
  })

  it('refuses a bad file to import with exit 1 and leaves the library unchanged', async () => {
    const before = await list(dataDir)
    expect(before).toHaveLength(1)
    const bad = join(root, 'not-a-run.twinrun')
    writeFileSync(bad, 'just some text\n'.repeat(100))
    expectOneLineError(
      await runs(dataDir, 'import', bad),
      1,
      new RegExp(`^twin runs import: ${bad.replaceAll('.', '\\.')} is not a SQLite database`)
    )
    expectOneLineError(
      await runs(dataDir, 'import', join(root, 'nowhere.twinrun')),
      1,
      /nowhere\.twinrun: no such file$/
    )
    expect(await list(dataDir)).toEqual(before)
  })

  it('deletes a run', async () => {
    const dir = newDataDir()
    const out = join(root, 'to-delete.twinrun')
    expect((await runs(dataDir, 'export', runId, '--out', out)).code).toBe(0)
    expect((await runs(dir, 'import', out)).code).toBe(0)
    expect((await list(dir)).map((r) => r.id)).toEqual([runId])

    const r = await runs(dir, 'delete', runId.slice(0, 8))
    expect(r).toEqual({ code: 0, stdout: `deleted ${runId} (cli saved run)\n`, stderr: '' })
    expect(await list(dir)).toEqual([])
    expectOneLineError(await runs(dir, 'delete', runId), 1, /no run '.*' in the library/)
    // the original library still has it
    expect((await list(dataDir)).map((r) => r.id)).toEqual([runId])
  })

  it('needs a known subcommand and the right arguments (exit 2, one line)', async () => {
    expectOneLineError(
      await runs(dataDir),
      2,
      /^twin: runs: say what to do: list, show, frame, export, csv, import, delete \(see 'twin runs --help'\)$/
    )
    expectOneLineError(
      await runs(dataDir, 'rename', runId),
      2,
      /^twin: runs: unknown subcommand 'rename' \(list, show/
    )
    expectOneLineError(
      await runs(dataDir, 'show'),
      2,
      /^twin: runs: usage: twin runs show <id> \[--json\]/
    )
    expectOneLineError(await runs(dataDir, 'list', 'extra'), 2, /usage: twin runs list/)
    expectOneLineError(await runs(dataDir, 'list', '--bogus'), 2, /unknown option '--bogus'/)
  })

  it('--help lists every subcommand', async () => {
    const r = await cli(['runs', '--help'])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    for (const sub of ['list', 'show', 'frame', 'export', 'csv', 'import', 'delete'])
      expect(r.stdout).toMatch(new RegExp(`^  twin runs ${sub}\\b`, 'm'))
    expect(r.stdout).toContain('--data-dir')
    expect((await cli(['--help'])).stdout).toMatch(/^ {2}runs +list, show, export/m)
  })
})
