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

describe('twin estimate', () => {
  it('prints one JSON object with the decode figures and a per-operator breakdown', async () => {
    const { code, stdout } = await run(
      'estimate',
      '--system',
      'cloudmatrix384',
      '--phase',
      'decode',
      '--batch',
      '96',
      '--kv',
      '4096',
      '--mtp',
      '0.7',
      '--json'
    )
    expect(code).toBe(0)
    const result = JSON.parse(stdout)
    for (const field of [
      'tokensPerSecondPerChip',
      'tpotMs',
      'stepMs',
      'layerUs',
      'tokensPerSecondPerTflops'
    ]) {
      expect(typeof result[field], field).toBe('number')
    }
    const operators = result.breakdown.moeLayer.operators.map(
      (o: { operator: string }) => o.operator
    )
    expect(operators).toEqual(
      expect.arrayContaining([
        'mla.projections',
        'mla.core',
        'moe.dispatch',
        'moe.experts',
        'moe.combine'
      ])
    )
    expect(stdout.trimEnd().split('\n')).toHaveLength(1)
  })

  it('prints prefill figures and takes the deployment defaults for left-out flags', async () => {
    const { code, stdout } = await run(
      'estimate',
      '--system',
      'h100-sglang',
      '--phase',
      'prefill',
      '--json'
    )
    expect(code).toBe(0)
    const result = JSON.parse(stdout)
    expect(result.inputs).toMatchObject({
      promptTokens: 4096,
      tokensPerChip: 16384,
      eplb: 'default'
    })
    expect(result.tokensPerSecondPerTflops).toBeCloseTo(result.tokensPerSecondPerChip / 1979, 9)
  })

  it('prints a readable summary without --json', async () => {
    const { stdout } = await run(
      'estimate',
      '--system',
      'gb200-nvl72',
      '--phase',
      'decode',
      '--mtp',
      '0'
    )
    expect(stdout).toMatch(/tokens\/s per chip, TPOT [\d.]+ ms/)
    expect(stdout).toMatch(/moe\.experts/)
  })

  it.each([
    [['--system', 'tpu-v5', '--phase', 'decode'], /unknown system 'tpu-v5'/],
    [
      ['--system', 'cloudmatrix384', '--phase', 'train'],
      /--phase must be 'decode' or 'prefill', not 'train'/
    ],
    [
      ['--system', 'cloudmatrix384', '--phase', 'decode', '--batch', '0'],
      /--batch must be a whole number from 1 to 1024, not 0/
    ],
    [
      ['--system', 'cloudmatrix384', '--phase', 'decode', '--batch', 'lots'],
      /--batch must be a number, not 'lots'/
    ],
    [
      ['--system', 'cloudmatrix384', '--phase', 'decode', '--kv=-5'],
      /--kv must be a whole number from 1 to 131072/
    ],
    [
      ['--system', 'cloudmatrix384', '--phase', 'decode', '--kv', '-5'],
      /'--kv' argument is ambiguous: write --kv=VALUE/
    ],
    [
      ['--system', 'cloudmatrix384', '--phase', 'decode', '--mtp', '2'],
      /--mtp must be a number from 0 to 1/
    ],
    [
      ['--system', 'cloudmatrix384', '--phase', 'prefill', '--prompt', '1e9'],
      /--prompt must be a whole number/
    ],
    [
      ['--system', 'cloudmatrix384', '--phase', 'prefill', '--eplb', 'best'],
      /--eplb must be 'perfect' or 'default'/
    ],
    [
      ['--system', 'cloudmatrix384', '--phase', 'prefill', '--kv', '100'],
      /--kv applies to the decode phase only/
    ],
    [['--phase', 'decode'], /--system is required/]
  ])('refuses %j with one line and exit code 2', async (argv, message) => {
    const { code, stdout, stderr } = await run('estimate', ...argv)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(message)
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
  })
})

describe('twin calibrate', () => {
  it('prints every published point with its error and passes', async () => {
    const { code, stdout } = await run('calibrate')
    expect(code).toBe(0)
    for (const value of ['6688', '5655', '1943', '49.40', '874', '1260'])
      expect(stdout).toContain(value)
    expect(stdout).toMatch(/all 9 points within 10%/)
  })

  it('reports the same as JSON', async () => {
    const { code, stdout } = await run('calibrate', '--json')
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    expect(report.pass).toBe(true)
    expect(report.points).toHaveLength(9)
    expect(report.notModelledHere[0].id).toBe('model-load')
  })
})
