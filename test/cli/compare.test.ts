import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/cli'
import { RunStore } from '../../src/main/services/library/runStore'

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    interrupted: new Promise(() => {})
  })
  return { code, stdout, stderr }
}

describe('twin compare', () => {
  it('runs the three-system preset, saves each member and prints the KPI table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-compare-'))
    const { code, stdout, stderr } = await run(
      'compare',
      '--preset',
      'cloudmatrix384-vs-h800-vs-h100',
      '--duration',
      '20',
      '--save',
      '--data-dir',
      dir,
      '--json'
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(out.members.map((m: { system: string }) => m.system)).toEqual([
      'cloudmatrix384',
      'h800-deepseek',
      'h100-sglang'
    ])
    expect(out.runIds).toHaveLength(3)
    const store = new RunStore(join(dir, 'runs.sqlite'))
    try {
      const saved = out.runIds.map((id: string) => store.require(id))
      expect(saved.map((r: { status: string }) => r.status)).toEqual([
        'complete',
        'complete',
        'complete'
      ])
      const ttft = out.table.rows.find((r: { key: string }) => r.key === 'ttftMs.p50')
      expect(ttft.values).toEqual(
        saved.map(
          (r: { summary: { latency: { ttftMs: { p50: number } } } }) => r.summary.latency.ttftMs.p50
        )
      )
    } finally {
      store.close()
    }
  }, 60_000)

  it('prints each member’s warm-up and the window its summary measures', async () => {
    const { code, stdout } = await run(
      'compare',
      '--preset',
      'cloudmatrix384-vs-h800-vs-h100',
      '--duration',
      '300'
    )
    expect(code).toBe(0)
    // 300 s is too short for two decode lifetimes of ~200 s: clipped, and said so
    expect(stdout).toMatch(
      /cloudmatrix384: .*warm-up 382 s \(2 decode lifetimes of 191 s\) clipped to 54 s/
    )
    expect(stdout).toMatch(/measured over: cloudmatrix384 54-300 s, h800-deepseek 48-300 s/)
  }, 60_000)

  it('names an unknown preset', async () => {
    const { code, stderr } = await run('compare', '--preset', 'nonesuch')
    expect(code).toBe(2)
    expect(stderr).toMatch(/no built-in comparison 'nonesuch'/)
  })
})
