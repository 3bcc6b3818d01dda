import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/cli'

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    interrupted: Promise.resolve()
  })
  return { code, stdout, stderr }
}

const dir = mkdtempSync(join(tmpdir(), 'twin-scenarios-'))
const write = (name: string, content: string): string => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}
const mooncake = 'test/fixtures/traces/mooncake-conversations.jsonl'

describe('twin simulate', () => {
  it('runs the default scenario and prints one JSON summary', async () => {
    const { code, stdout, stderr } = await run('simulate', '--duration', '5', '--json')
    expect(code).toBe(0)
    expect(stderr).toBe('') // no progress bar when stderr is not a terminal
    expect(stdout.trimEnd().split('\n')).toHaveLength(1)
    const s = JSON.parse(stdout)
    expect(s).toMatchObject({
      scenario: 'CloudMatrix384 · Azure conversations',
      system: 'cloudmatrix384',
      seed: 1,
      simulatedS: 5
    })
    expect(s.requests.completed).toBeGreaterThan(0)
    for (const key of ['ttftMs', 'tpotMs', 'e2eS'])
      expect(s.latency[key].p99).toBeGreaterThanOrEqual(s.latency[key].p50)
    expect(s.throughput.outputTokensPerSPerDecodeChip).toBeGreaterThan(0)
    expect(s.power.meanKW).toBeGreaterThan(0)
    expect(typeof s.wallS).toBe('number')
  })

  it('is deterministic from the command line too', async () => {
    const a = JSON.parse((await run('simulate', '--duration', '4', '--seed', '7', '--json')).stdout)
    const b = JSON.parse((await run('simulate', '--duration', '4', '--seed', '7', '--json')).stdout)
    delete a.wallS
    delete b.wallS
    delete a.simulatedSecondsPerWallSecond
    delete b.simulatedSecondsPerWallSecond
    expect(a).toEqual(b)
  })

  it('replays a Mooncake trace given with --trace and reports its prefix cache hits', async () => {
    const { code, stdout } = await run(
      'simulate',
      '--trace',
      mooncake,
      '--rate-scale',
      '10',
      '--duration',
      '6',
      '--json'
    )
    expect(code).toBe(0)
    expect(JSON.parse(stdout).cache.prefixHitRate).toBeGreaterThan(0.2)
  })

  it('runs the same workload on another system with its published deployment', async () => {
    const { code, stdout } = await run(
      'simulate',
      '--system',
      'h100-sglang',
      '--rate-scale',
      '10',
      '--duration',
      '5',
      '--json'
    )
    expect(code).toBe(0)
    expect(JSON.parse(stdout).system).toBe('h100-sglang')
  })

  it('measures the summary from --measure-from, and says so', async () => {
    const json = JSON.parse(
      (await run('simulate', '--duration', '6', '--measure-from', '2', '--json')).stdout
    )
    expect(json.window).toEqual({ fromS: 2, toS: 6 })
    const { code, stdout } = await run('simulate', '--duration', '6', '--measure-from', '2')
    expect(code).toBe(0)
    expect(stdout).toMatch(/measured over 2-6 s \(warm-up left out\)/)
    const whole = await run('simulate', '--duration', '6')
    expect(whole.stdout).not.toMatch(/measured over/)
  })

  it.each([
    [['--scenario', 'nonesuch'], /no built-in scenario 'nonesuch' \(known: default, /],
    [['--duration', '5', '--measure-from', '5'], /measureFromS: must be less than durationS/],
    [['--rate-scale', 'fast'], /--rate-scale must be a number, not 'fast'/],
    [['--duration', '0'], /durationS: /],
    [['--system', 'tpu-pod'], /system: /],
    [['--scenario', 'default', '--on-bad-row', 'ignore'], /--on-bad-row must be skip or fail/],
    [
      ['--trace', 'no/such/file.csv'],
      /workload\.trace: cannot read 'no\/such\/file\.csv' \(ENOENT\)/
    ]
  ])('refuses %j with one line and exit code 2', async (argv, message) => {
    const { code, stdout, stderr } = await run('simulate', ...argv)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(message)
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
  })

  it('names the file and field of a bad scenario, and the line and column of bad JSON', async () => {
    const unknown = write(
      'unknown.json',
      JSON.stringify({
        name: 'x',
        system: 'cloudmatrix384',
        durationS: 5,
        workload: {
          kind: 'synthetic',
          arrival: { kind: 'poisson', ratePerS: 1 },
          prompt: { kind: 'fixed', tokens: 10 },
          output: { kind: 'fixed', tokens: 10 }
        },
        colour: 'red'
      })
    )
    expect((await run('simulate', '--scenario', unknown)).stderr).toContain(
      `${unknown}: unknown field 'colour'`
    )
    const broken = write('broken.json', '{\n  "name": "x",\n  "system": cloudmatrix384\n}\n')
    const result = await run('simulate', '--scenario', broken)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:\\d+: not valid JSON`)
    )
    const impossible = write(
      'impossible.json',
      JSON.stringify({
        name: 'x',
        system: 'cloudmatrix384',
        durationS: 5,
        deployment: { prefillInstances: 30 },
        workload: {
          kind: 'synthetic',
          arrival: { kind: 'poisson', ratePerS: 1 },
          prompt: { kind: 'fixed', tokens: 10 },
          output: { kind: 'fixed', tokens: 10 }
        }
      })
    )
    expect((await run('simulate', '--scenario', impossible)).stderr).toMatch(
      /but Huawei CloudMatrix384 has 384/
    )
  })

  it('names the file and line of a bad trace row, and skips it when asked', async () => {
    const trace = write(
      'bad.csv',
      'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:47.6805900,-3,44\n2023-11-16 18:15:48.6805900,396,109\n'
    )
    const failed = await run('simulate', '--trace', trace, '--duration', '3', '--json')
    expect(failed.code).toBe(2)
    expect(failed.stderr).toContain(`${trace.split('/').pop()}:3: ContextTokens`)
    const skipped = await run(
      'simulate',
      '--trace',
      trace,
      '--on-bad-row',
      'skip',
      '--duration',
      '3',
      '--json'
    )
    expect(skipped.code).toBe(0)
    expect(JSON.parse(skipped.stdout).requests.arrived).toBe(2)
  })
})
