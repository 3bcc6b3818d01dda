import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { decodeStoredFrame } from '../../../../src/main/services/library/frameCodec'
import { RunStore } from '../../../../src/main/services/library/runStore'
import { decodeFrame } from '../../../../src/shared/frame'
import { recordRun, tempDir } from './fixtures'

const root = fileURLToPath(new URL('../../../../', import.meta.url))

/** `twin simulate --save` in its own process, as a user runs it next to the app. */
function recordInChild(dataDir: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'simulate',
      '--duration',
      '3600',
      '--save',
      '--name',
      'killed mid-run',
      '--data-dir',
      dataDir,
      '--json'
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code))
  )
  return { child, exited, output: () => output }
}

async function until<T>(what: string, probe: () => T | null | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('crash safety and concurrent use', () => {
  it('a recording process killed with SIGKILL leaves its run interrupted and replayable', async () => {
    const dataDir = tempDir()
    const path = join(dataDir, 'runs.sqlite')
    // the "app": a connection of its own, with a finished run it will rename while the CLI records
    const app = new RunStore(path)
    const own = recordRun(app, { durationS: 5, name: 'the app’s run' })
    const cli = recordInChild(dataDir)
    try {
      const running = await until('the child to commit frames', () =>
        app.list().find((r) => r.name === 'killed mid-run' && r.frameCount >= 64)
      )
      // used at once by both: the app reads the CLI's committed frames and writes its own rows
      expect(running.status).toBe('running')
      expect(decodeFrame(decodeStoredFrame(app.frameAt(running.id, 10)!.data)).simTimeS).toBe(10)
      expect(app.rename(own.id, 'renamed while the CLI records').name).toBe(
        'renamed while the CLI records'
      )
      expect(app.markInterrupted()).toBe(0) // a live recorder's run is left alone
      cli.child.kill('SIGKILL')
      expect(await cli.exited).toBe('SIGKILL')
    } finally {
      cli.child.kill('SIGKILL')
      app.close()
    }

    // the next start finds the run cut off, with everything it had committed
    const reopened = new RunStore(path)
    try {
      expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(reopened.markInterrupted()).toBe(1)
      const run = reopened.list().find((r) => r.name === 'killed mid-run')!
      expect(run.status).toBe('interrupted')
      expect(run.frameCount).toBeGreaterThanOrEqual(64)
      const rows = reopened.db
        .prepare('SELECT count(*) FROM frames WHERE run_id = ?')
        .pluck()
        .get(run.id)
      expect(rows).toBe(run.frameCount)
      const last = reopened.frameAt(run.id, run.simulatedS)!
      expect(last.index).toBe(run.frameCount - 1)
      expect(decodeFrame(decodeStoredFrame(last.data)).simTimeS).toBe(run.simulatedS)
      expect(reopened.require(own.id)).toMatchObject({
        name: 'renamed while the CLI records',
        status: 'complete',
        frameCount: own.frames.length
      })
    } finally {
      reopened.close()
    }
  }, 90_000)
})
