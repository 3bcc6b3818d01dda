import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { commands, runCli } from '../../src/cli/cli'

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

describe('twin CLI', () => {
  it('counts the CloudMatrix384 topology as JSON', async () => {
    const { code, stdout, stderr } = await run('topology', '--system', 'cloudmatrix384', '--json')
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(JSON.parse(stdout).counts).toMatchObject({
      racks: 16,
      nodes: 48,
      npus: 384,
      dies: 768,
      cpus: 192,
      l1Switches: 336,
      l2Switches: 112,
      ubLinks: 5376
    })
  })

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await run('topology', '--system', 'cloudmatrix384')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Huawei CloudMatrix384\n/)
    expect(stdout).toMatch(/ubLinks\s+5376/)
  })

  it.each([
    [['frobnicate'], /^twin: unknown command 'frobnicate' \(see 'twin --help'\)\n$/],
    [
      ['topology', '--system', 'dgx-h100'],
      /unknown system 'dgx-h100' \(known: cloudmatrix384, h800-deepseek, h100-sglang, gb200-nvl72\)/
    ],
    [['topology', '--system', 'cloudmatrix384', '--colour'], /unknown option '--colour'/],
    [['topology'], /--system is required/],
    [['topology', '--system'], /option '--system <value>' argument missing/],
    [['topology', '--system', 'cloudmatrix384', 'extra'], /unexpected argument 'extra'/],
    [['serve', '--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['help', 'nope'], /unknown command 'nope'/]
  ])('refuses %j with one line and exit code 2', async (argv, message) => {
    const { code, stdout, stderr } = await run(...argv)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(message)
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
  })

  it('says plainly when a known system has no part-level topology yet (exit 1)', async () => {
    const { code, stdout, stderr } = await run('topology', '--system', 'gb200-nvl72', '--json')
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toBe(
      'twin topology: gb200-nvl72 has no part-level topology yet (only cloudmatrix384, h800-deepseek, h100-sglang have one)\n'
    )
  })

  it('has --help for the CLI and for every command', async () => {
    const overview = await run('--help')
    expect(overview.code).toBe(0)
    for (const command of commands) {
      expect(overview.stdout).toContain(command.name)
      const help = await run(command.name, '--help')
      expect(help.code).toBe(0)
      expect(help.stdout).toContain(`usage: ${command.usage}`)
      expect((await run('help', command.name)).stdout).toBe(help.stdout)
    }
  })

  it('exits with the code it returns when run as a process', () => {
    const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
    const ok = spawnSync(
      process.execPath,
      ['--import', 'tsx', main, 'topology', '--system', 'cloudmatrix384', '--json'],
      {
        encoding: 'utf8'
      }
    )
    expect(ok.status).toBe(0)
    expect(JSON.parse(ok.stdout).counts.ubLinks).toBe(5376)
    const bad = spawnSync(process.execPath, ['--import', 'tsx', main, 'topology', '--bogus'], {
      encoding: 'utf8'
    })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toBe(
      "twin: topology: unknown option '--bogus' (see 'twin topology --help')\n"
    )
  })
})
