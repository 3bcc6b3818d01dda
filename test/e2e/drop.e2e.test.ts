import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openTwinPage, root, type ServeProcess } from './browserView'

/** the fields of window.__twinStats this test reads */
interface Stats {
  ready: boolean
  runState: string | null
  replayState: string
}
type StatsWindow = { __twinStats: Stats }

const DROP_HINT = 'Drop a .twinrun run or a scenario .json to open it'
const wait = { timeout: 30_000 }

let serve: ServeProcess
let browser: Browser
let page: Page
const problems: string[] = []
/** a library of its own, where the CLI records and exports the run this test drops */
const elsewhere = mkdtempSync(join(tmpdir(), 'twin-e2e-drop-'))
let twinrun: Buffer

/** the CLI as users run it, on the library in `dataDir` */
function twin(dataDir: string, ...args: string[]): string {
  return execFileSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', ...args, '--data-dir', dataDir],
    { cwd: root, encoding: 'utf8' }
  )
}

/** the ids in the browser view's library (running runs too, unlike the view's list) */
const libraryIds = (): string[] =>
  (JSON.parse(twin(serve.dataDir, 'runs', 'list', '--json')) as { id: string }[])
    .map((run) => run.id)
    .sort()

beforeAll(async () => {
  const { runId } = JSON.parse(
    twin(elsewhere, 'simulate', '--duration', '20', '--save', '--name', 'dropped run', '--json')
  ) as { runId: string }
  twin(elsewhere, 'runs', 'export', runId, '--out', join(elsewhere, 'shared.twinrun'))
  twinrun = readFileSync(join(elsewhere, 'shared.twinrun'))
  ;({ serve, browser, page } = await openTwinPage(problems))
  await page.waitForFunction(() => (window as unknown as StatsWindow).__twinStats.ready, null, wait)
})

afterAll(async () => {
  await browser?.close()
  if (serve?.child.exitCode === null) await serve.stop('SIGTERM')
  if (serve) rmSync(serve.dataDir, { recursive: true, force: true })
  rmSync(elsewhere, { recursive: true, force: true })
})

/**
 * Drags a file over the page as the desktop does: a DataTransfer holding one File, in
 * dragenter (and dragover) events on the hall; `drop` finishes the drag, else it is left.
 * The DataTransfer is kept on the page between the two calls.
 */
async function dragIn(name: string, bytes: Buffer): Promise<void> {
  await page.evaluate(
    ({ name, base64 }) => {
      const data = new DataTransfer()
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name))
      ;(window as unknown as { __drag: DataTransfer }).__drag = data
      const target = document.querySelector('.viewport') ?? document.body
      for (const type of ['dragenter', 'dragover']) {
        target.dispatchEvent(
          new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true })
        )
      }
    },
    { name, base64: bytes.toString('base64') }
  )
}

async function finish(type: 'drop' | 'dragleave'): Promise<void> {
  await page.evaluate((type) => {
    const data = (window as unknown as { __drag: DataTransfer }).__drag
    const target = document.querySelector('.viewport') ?? document.body
    target.dispatchEvent(
      new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true })
    )
  }, type)
}

async function drop(name: string, bytes: Buffer): Promise<void> {
  await dragIn(name, bytes)
  await finish('drop')
}

const savedRuns = () =>
  page.getByRole('region', { name: 'Run library' }).getByRole('list', { name: 'Saved runs' })

describe('dropping a file on the browser view', () => {
  it('shows what a drop does while a file is dragged over, and nothing once it leaves', async () => {
    await dragIn('shared.twinrun', twinrun)
    await page.getByText(DROP_HINT).waitFor()
    await page.screenshot({ path: `${artifacts}drop-overlay.png` })
    await finish('dragleave')
    await page.getByText(DROP_HINT).waitFor({ state: 'detached' })
  })

  it('imports a dropped .twinrun into the library and replays it', async () => {
    await drop('shared.twinrun', twinrun)
    await page.getByText('Opened shared.twinrun: replaying “dropped run”').waitFor(wait)
    await page.waitForFunction(
      () => (window as unknown as StatsWindow).__twinStats.replayState !== 'closed',
      null,
      wait
    )
    await savedRuns().getByText('dropped run').waitFor(wait)
  })

  it('refuses a damaged .twinrun by its name and keeps the library as it was', async () => {
    const before = libraryIds()
    await drop('broken.twinrun', Buffer.from('not a database, just text'.repeat(100)))
    const alert = page.getByRole('alert').filter({ hasText: 'Could not open broken.twinrun' })
    await alert.waitFor(wait)
    expect(await alert.textContent()).toMatch(/broken\.twinrun is not a SQLite database/)
    expect(libraryIds()).toEqual(before)
  })

  it('refuses a file of another kind without asking the twin', async () => {
    await drop('notes.txt', Buffer.from('hello'))
    const alert = page.getByRole('alert').filter({ hasText: 'Cannot open notes.txt' })
    await alert.waitFor(wait)
    expect(await alert.textContent()).toMatch(/\.twinrun.*\.json/)
  })

  it('starts a dropped scenario file', async () => {
    const path = join(root, 'resources', 'scenarios', 'default.json')
    const { name } = JSON.parse(readFileSync(path, 'utf8')) as { name: string }
    await drop('my-scenario.json', readFileSync(path))
    await page.getByText(`Started “${name}” from my-scenario.json`).waitFor(wait)
    await page.waitForFunction(
      () => {
        const s = (window as unknown as StatsWindow).__twinStats
        return s.runState === 'running' && s.replayState === 'closed'
      },
      null,
      wait
    )
  })

  it('leaves nothing of the dropped files in the data folder, and logged no problems', () => {
    expect(readdirSync(serve.dataDir).filter((f) => f.startsWith('.dropped-'))).toEqual([])
    expect(problems).toEqual([])
  })
})
