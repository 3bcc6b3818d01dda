// Benchmark: the 3D hall in the browser view (issue 6, performance budget). Records a 10-minute
// run of the default scenario with `twin simulate --save`, starts `twin serve` on that library,
// lets the auto-started live run play for ~20 s, then replays the recording at 64x to its end,
// and prints what window.__twinStats measured: draw calls, JavaScript per telemetry repaint,
// JavaScript per rendered frame, Hall React renders, and three's GPU objects at the start and
// end of the replay. Prints figures; asserts nothing (these machines are shared and noisy).
// Targets: <= 60 draw calls, < 4 ms of JavaScript per telemetry frame, no React render per
// frame, GPU memory not growing over the replay.
// Run after `npm run build`: npm run bench:hall
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { launchChromium, root, startServe } from '../test/e2e/browserView'

const RUN_NAME = 'bench-hall'
const RECORDED_S = 600
const LIVE_S = 20

/** the page's stats hook (src/renderer/src/twinStats.ts), as far as this bench reads it */
interface Stats {
  ready: boolean
  framesReceived: number
  drawCalls: number
  frameTimeMs: number
  frameMsP50: number
  frameMsP99: number
  paintMs: number
  paintMsP50: number
  paintMsP99: number
  paintMsMax: number
  renderCostMs: number
  repaints: number
  renders: number
  hallRenders: number
  gpu: { geometries: number; textures: number; programs: number }
  motion: boolean
  runState: string | null
  replayState: string
  replayPositionS: number
}
type StatsGlobal = { __twinStats?: Stats }

function twin(args: string[]): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8'
  })
  if (result.status !== 0) throw new Error(`twin ${args.join(' ')} failed:\n${result.stderr}`)
  return result.stdout
}

const read = (page: Page): Promise<Stats> =>
  page.evaluate(() => (globalThis as unknown as StatsGlobal).__twinStats!)

/** samples the stats every 250 ms while `until` is false; returns every sample */
async function sample(page: Page, until: (s: Stats) => boolean, limitMs: number) {
  const samples: Stats[] = []
  const end = Date.now() + limitMs
  for (;;) {
    const s = await read(page)
    samples.push(s)
    if (until(s) || Date.now() > end) return samples
    await new Promise((r) => setTimeout(r, 250))
  }
}

const ms = (v: number): string => `${v.toFixed(2)} ms`

function report(title: string, samples: Stats[], first: Stats): void {
  const last = samples.at(-1)!
  const maxDraw = Math.max(...samples.map((s) => s.drawCalls))
  const maxFrame = Math.max(...samples.map((s) => s.frameTimeMs))
  console.log(`\n${title}`)
  console.log(
    `  telemetry frames received ${last.framesReceived - first.framesReceived}, ` +
      `repaints ${last.repaints - first.repaints}, renders ${last.renders - first.renders}`
  )
  console.log(`  draw calls: max ${maxDraw} (target <= 60)`)
  // each repaint of this phase once: the samples that saw a new repaint count
  const paints = samples
    .filter((s, i) => s.repaints > (i === 0 ? first.repaints : samples[i - 1]!.repaints))
    .map((s) => s.paintMs)
    .sort((a, b) => a - b)
  const at = (q: number): number =>
    paints[Math.min(paints.length - 1, Math.floor(q * paints.length))] ?? 0
  console.log(
    `  paint JS per telemetry repaint in this phase (${paints.length} seen): p50 ${ms(at(0.5))}, ` +
      `max ${ms(paints.at(-1) ?? 0)} (target < 4 ms); since load: p99 ${ms(last.paintMsP99)}, ` +
      `max ${ms(last.paintMsMax)}`
  )
  console.log(
    `  frame JS (paint + render submit, last 200 renders): p50 ${ms(last.frameMsP50)}, ` +
      `p99 ${ms(last.frameMsP99)}, max sampled ${ms(maxFrame)}`
  )
  console.log(
    `  software GL cost of the last render (to the next task): ${ms(last.renderCostMs)}; ` +
      `link pulses animating: ${last.motion}`
  )
  console.log(
    `  Hall React renders: ${first.hallRenders} before, ${last.hallRenders} after (target: unchanged)`
  )
}

const gpu = (s: Stats): string =>
  `geometries ${s.gpu.geometries}, textures ${s.gpu.textures}, programs ${s.gpu.programs}`

async function main(): Promise<void> {
  if (!existsSync(`${root}out/renderer/index.html`)) {
    throw new Error('the app is not built: run `npm run build` first')
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'twin-bench-hall-'))
  const began = Date.now()
  const seconds = (): string => `${((Date.now() - began) / 1000).toFixed(0)} s`
  let stopServer: (() => Promise<unknown>) | null = null
  // the e2e tests' chromium (same flags) and `twin serve`, on this bench's own library
  const browser = await launchChromium()
  try {
    twin([
      'simulate',
      ...['--duration', String(RECORDED_S), '--save', '--name', RUN_NAME, '--data-dir', dataDir]
    ])
    console.log(`recorded ${RECORDED_S} simulated s of the default scenario (${seconds()})`)
    const server = await startServe(dataDir)
    stopServer = () => server.stop()
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
    await page.goto(server.url)
    await page.waitForFunction(
      () => {
        const s = (globalThis as unknown as StatsGlobal).__twinStats
        return s?.ready === true && s.runState === 'running'
      },
      null,
      { timeout: 60_000 }
    )
    const liveFirst = await read(page)
    const live = await sample(page, () => false, LIVE_S * 1000)
    report(`live run of the default scenario, ${LIVE_S} s at 10x (${seconds()})`, live, liveFirst)

    // pause the live run so only the replay's frames arrive, then replay the recording at 64x
    await page.locator('body').press('Space')
    await page.waitForFunction(
      () => (globalThis as unknown as StatsGlobal).__twinStats!.runState === 'paused',
      null,
      { timeout: 30_000 }
    )
    const replayButton = page.getByRole('button', { name: `Replay “${RUN_NAME}”` })
    if (!(await replayButton.isVisible())) await page.locator('body').press('l')
    await replayButton.click()
    await page.waitForFunction(
      () => (globalThis as unknown as StatsGlobal).__twinStats!.replayState === 'paused',
      null,
      { timeout: 30_000 }
    )
    await page.getByRole('combobox', { name: 'Replay speed' }).selectOption('64')
    // a render or two with the replay's first frame, so GPU objects are counted as it starts
    await page.waitForTimeout(3000)
    const replayFirst = await read(page)
    await page.getByRole('button', { name: 'Play the replay' }).click()
    await page.waitForFunction(
      () => (globalThis as unknown as StatsGlobal).__twinStats!.replayState === 'playing',
      null,
      { timeout: 30_000 }
    )
    const replay = await sample(
      page,
      (s) => s.replayState !== 'playing' && s.replayPositionS >= RECORDED_S - 2,
      120_000
    )
    // the last frame's render
    await page.waitForTimeout(3000)
    replay.push(await read(page))
    const last = replay.at(-1)!
    report(
      `replay of the ${RECORDED_S} s recording at 64x, to ${last.replayPositionS.toFixed(0)} s (${seconds()})`,
      replay,
      replayFirst
    )
    console.log(`  GPU objects at the replay's start: ${gpu(replayFirst)}`)
    console.log(`  GPU objects at the replay's end:   ${gpu(last)}`)
    console.log(`
total ${seconds()}`)
  } finally {
    await browser.close()
    await stopServer?.()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
