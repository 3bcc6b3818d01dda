import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openTwinPage, root, type ServeProcess } from './browserView'
import {
  FAILED_MAGENTA,
  NO_DATA_GREY,
  type Rgb,
  distance,
  hexToRgb,
  utilizationColor
} from './legendColors'
import { webmDurationS } from './webm'

/**
 * Issue 7's acceptance as one stakeholder's session in the browser view: build the
 * three-system comparison from its preset and run it, open Compare and check its KPI table
 * against the runs' saved summaries and its 3D views on one timeline, play the built-in tour to
 * its end with the keyboard, then export a PNG, a WebM and a report (HTML and PDF) of one of
 * the compared runs. Every file is checked and kept in test/e2e/artifacts/.
 */

/**
 * simulated seconds per system: the paper's requests answer 4,096 tokens (about 200 s at its
 * TPOT), so a shorter run completes none and has no throughput to compare
 */
const DURATION_S = 300
/** software GL renders take seconds on a busy machine: waits are long, never the assertions */
const wait = { timeout: 60_000 }
const out = join(artifacts, 'exports')

/** the fields of window.__twinStats this test reads (src/renderer/src/twinStats.ts) */
interface Stats {
  ready: boolean
  metric: string
  replayState: string
  hallSystem: string | null
  instances: { dies: number }
  lastSimTimeS: number
  camera: { preset: string; moving: boolean }
  present: { active: boolean; step: number; steps: number }
}
interface Probe {
  view: { get(): { metric: string; camera: { preset: string; part: unknown } } }
}
/** window.__twinCompare (src/renderer/src/compare/compareProbe.ts) */
interface CompareProbe {
  timeS: number
  settled: number
  views: {
    runId: string
    system: string
    dies: number
    askedS: number
    frameS: number
    renders: number
    dieColor(index: number): Rgb
    dieCompute(index: number): number | null
    dieRole(index: number): number | null
  }[]
}
type TwinWindow = { __twinStats: Stats; __twinProbe?: Probe; __twinCompare?: CompareProbe }
interface TourStep {
  camera: { preset: string; part: { kind: string; index: number } | null }
  caption: string
  metric: string
  kpi: string
}

const tour = JSON.parse(
  readFileSync(join(root, 'resources/tours/cloudmatrix384-story.json'), 'utf8')
) as { steps: TourStep[] }

let serve: ServeProcess
let browser: Browser
let page: Page
const problems: string[] = []

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  ;({ serve, browser, page } = await openTwinPage(problems, {
    viewport: { width: 1600, height: 1000 }
  }))
  await page.waitForFunction(() => (window as unknown as TwinWindow).__twinStats?.ready, null, wait)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  if (!serve) return
  if (serve.child.exitCode === null) await serve.stop('SIGTERM')
  rmSync(serve.dataDir, { recursive: true, force: true })
})

/** the fields of `twin runs show --json` this test reads (NaN figures arrive as null) */
interface RunDetails {
  run: {
    name: string
    system: string
    status: string
    summary: {
      throughput: { outputTokensPerS: number }
      latency: { ttftMs: { p50: number | null }; tpotMs: { p99: number | null } }
      slo: { attainment: number }
      power: { meanKW: number; outputTokensPerJoule: number }
    } | null
  }
  scenario: { durationS: number }
}

/** a saved run as the CLI reads it from the server's library */
function savedRun(id: string): RunDetails {
  const text = execFileSync(
    'npm',
    ['run', '--silent', 'twin', '--', 'runs', 'show', id, '--json', '--data-dir', serve.dataDir],
    { cwd: root, encoding: 'utf8' }
  )
  return JSON.parse(text) as RunDetails
}

/** the table's raw figure of a KPI for the run in column `index` matches the saved one */
async function expectCell(kpi: string, index: number, saved: number | null): Promise<void> {
  const text = await page
    .locator(`tr[data-kpi="${kpi}"] [data-run-index="${index}"]`)
    .getAttribute('data-value')
  // a figure the run could not measure (JSON null, NaN in the summary) shows as a dash
  if (saved === null || !Number.isFinite(saved)) {
    expect(text, `${kpi} of run ${index}`).toBe('')
    return
  }
  expect(text, `${kpi} of run ${index}`).toBeTruthy()
  expect(Number(text)).toBeCloseTo(saved, 3)
}

const compareDialog = () => page.getByRole('dialog', { name: 'Compare runs' })
const exportPanel = () => page.getByRole('dialog', { name: 'Export' })
const stats = (): Promise<Stats> =>
  page.evaluate(() => (window as unknown as TwinWindow).__twinStats)
const viewNow = () =>
  page.evaluate(() => {
    const { metric, camera } = (window as unknown as TwinWindow).__twinProbe!.view.get()
    return { metric, preset: camera.preset, part: camera.part }
  })

/** waits for the export status to leave "busy" and returns its text */
async function settled(): Promise<string> {
  await page.waitForFunction(
    () => {
      const text = document.querySelector('[data-testid="export-status"]')?.textContent ?? ''
      return text !== '' && !text.endsWith('…')
    },
    null,
    { timeout: 420_000 }
  )
  return (await exportPanel().getByTestId('export-status').textContent()) ?? ''
}

const savedPath = (text: string): string => {
  const match = / to (\/.+)$/.exec(text)
  if (!match) throw new Error(`not a saved message: ${text}`)
  return match[1]!
}

describe('a stakeholder’s session: compare, present, take it away', () => {
  const ids: string[] = []
  const names: string[] = []

  it('runs the three-system comparison from its preset; the KPI table is the runs’ saved summaries', async () => {
    await page.getByRole('button', { name: 'Compare runs…' }).click()
    const dialog = compareDialog()
    await dialog.waitFor()
    await dialog.getByRole('textbox', { name: /Simulated seconds/ }).fill(String(DURATION_S))
    await dialog.getByRole('button', { name: 'Run comparison' }).click()
    await dialog.getByRole('progressbar', { name: 'Comparison progress' }).waitFor()
    const table = dialog.getByRole('table', { name: 'KPI comparison' })
    await table.waitFor({ timeout: 240_000 })

    ids.push(
      ...(await table
        .locator('thead th[data-run-id]')
        .evaluateAll((ths) => ths.map((th) => th.getAttribute('data-run-id')!)))
    )
    expect(ids).toHaveLength(3)
    const systems: string[] = []
    for (const [i, id] of ids.entries()) {
      const { run, scenario } = savedRun(id)
      systems.push(run.system)
      names.push(run.name)
      expect(run.status).toBe('complete')
      expect(scenario.durationS).toBe(DURATION_S)
      const s = run.summary!
      expect(s.throughput.outputTokensPerS).toBeGreaterThan(0)
      await expectCell('outputTokensPerS', i, s.throughput.outputTokensPerS)
      await expectCell('tpotMs.p99', i, s.latency.tpotMs.p99)
      await expectCell('ttftMs.p50', i, s.latency.ttftMs.p50)
      await expectCell('sloAttainment', i, s.slo.attainment * 100)
      await expectCell('powerW', i, s.power.meanKW * 1000)
      await expectCell('outputTokensPerJoule', i, s.power.outputTokensPerJoule)
    }
    expect(systems).toEqual(['cloudmatrix384', 'h800-deepseek', 'h100-sglang'])
    // deltas are signed and in words, and every row says where it comes from
    const second = await table
      .locator('tr[data-kpi="outputTokensPerS"] [data-run-index="1"]')
      .textContent()
    expect(second).toMatch(/[+−][\d,.]+ \([+−][\d,.]+ %\) (better|worse|about the same)/)
    expect(await table.locator('tbody tr .provenance').count()).toBe(
      await table.locator('tbody tr').count()
    )
    // the charts draw (uPlot canvases), one per KPI
    await dialog.locator('[data-testid="chart-compare-power"] canvas').first().waitFor()
    await page.screenshot({ path: join(artifacts, 'compare.png') })
  }, 300_000)

  it('shows each run in its own 3D view, all at the time of one timeline', async () => {
    const views = () =>
      page.evaluate(() =>
        ((window as unknown as TwinWindow).__twinCompare?.views ?? []).map((v) => ({
          runId: v.runId,
          system: v.system,
          dies: v.dies,
          askedS: v.askedS,
          frameS: v.frameS,
          renders: v.renders
        }))
      )
    await page.waitForFunction(
      (count) => {
        const probe = (window as unknown as TwinWindow).__twinCompare
        return probe?.views.length === count && probe.views.every((v) => v.renders > 0)
      },
      ids.length,
      wait
    )
    expect((await views()).map((v) => v.runId).sort()).toEqual([...ids].sort())

    // scrub the one timeline to 150 s: every scene paints its own run's frame of that moment
    const at = 150
    await page.evaluate((value) => {
      const input = document.querySelector<HTMLInputElement>('.compare-timeline__scrub')!
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
      setValue.call(input, String(value))
      input.dispatchEvent(new Event('input', { bubbles: true }))
    }, at)
    await page.waitForFunction(
      (t) =>
        (window as unknown as TwinWindow).__twinCompare!.views.every(
          (v) => v.askedS === t && v.frameS === t
        ),
      at,
      wait
    )
    await expect
      .poll(() => compareDialog().getByTestId('compare-time').textContent())
      .toMatch(/^2 min 30 s of 5 min/)
    for (const view of await views()) {
      expect(view.dies, view.system).toBeGreaterThan(0)
      const sample = await page.evaluate(
        ({ runId, dies }) => {
          const v = (window as unknown as TwinWindow).__twinCompare!.views.find(
            (x) => x.runId === runId
          )!
          const picked: { i: number; color: Rgb; compute: number | null; role: number | null }[] =
            []
          for (let i = 0; i < dies; i += 5) {
            picked.push({ i, color: v.dieColor(i), compute: v.dieCompute(i), role: v.dieRole(i) })
          }
          return picked
        },
        { runId: view.runId, dies: view.dies }
      )
      let busy = 0
      for (const die of sample) {
        // roles: 0 idle (no data grey), 4 failed (magenta), else viridis of the compute share
        const expected =
          die.role === 0
            ? hexToRgb(NO_DATA_GREY)
            : die.role === 4
              ? hexToRgb(FAILED_MAGENTA)
              : utilizationColor(die.compute!)
        expect(distance(die.color, expected), `${view.system} die ${die.i}`).toBeLessThan(0.02)
        if (die.role !== 0 && die.compute! > 0.05) busy++
      }
      expect(busy, `${view.system}: dies busy at ${at} s`).toBeGreaterThan(0)
    }
    await compareDialog()
      .locator('.compare-scenes')
      .screenshot({
        path: join(artifacts, 'compare-scenes.png')
      })
    await page.keyboard.press('Escape')
    await compareDialog().waitFor({ state: 'detached' })
  }, 180_000)

  it('plays the built-in tour to its end with the keyboard, then Esc leaves', async () => {
    await page
      .locator('body')
      .click({ position: { x: 5, y: 300 } })
      .catch(() => {})
    await page.keyboard.press('p')
    await page.getByTestId('present-caption').waitFor(wait)
    expect((await stats()).present).toEqual({ active: true, step: 0, steps: tour.steps.length })
    // the chrome is hidden: the hall fills the window
    expect(await page.locator('.status-bar').isVisible()).toBe(false)
    expect(await page.locator('.timeline').isVisible()).toBe(false)
    expect(await page.locator('#right-column').isVisible()).toBe(false)

    for (let i = 0; i < tour.steps.length; i++) {
      const step = tour.steps[i]!
      await page.waitForFunction(
        (n) => (window as unknown as TwinWindow).__twinStats.present.step === n,
        i,
        wait
      )
      expect(await page.getByTestId('present-caption').textContent()).toBe(step.caption)
      expect(await page.getByTestId('present-kpi').getAttribute('data-kpi')).toBe(step.kpi)
      expect(await viewNow()).toEqual({
        metric: step.metric,
        preset: step.camera.preset,
        part: step.camera.part
      })
      // the scene painted the metric and is flying to (or at) the preset
      await page.waitForFunction(
        ([m, p]) => {
          const s = (window as unknown as TwinWindow).__twinStats
          return s.metric === m && s.camera.preset === p
        },
        [step.metric, step.camera.preset] as const,
        wait
      )
      if (i === 3) {
        await page.waitForFunction(
          () => !(window as unknown as TwinWindow).__twinStats.camera.moving,
          null,
          wait
        )
        await page.screenshot({ path: join(artifacts, 'present.png') })
      }
      await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'Space')
    }
    // at the end, → stays on the last step
    expect((await stats()).present.step).toBe(tour.steps.length - 1)
    await expect(page.getByText(/end of the tour/).isVisible()).resolves.toBe(true)

    await page.keyboard.press('Escape')
    await page.waitForFunction(
      () => !(window as unknown as TwinWindow).__twinStats.present.active,
      null,
      wait
    )
    expect(await page.getByTestId('present').count()).toBe(0)
    expect(await page.locator('.status-bar').isVisible()).toBe(true)
    expect(statSync(join(artifacts, 'present.png')).size).toBeGreaterThan(10_000)
  }, 300_000)

  it('replays the H800 run in its own hall: 160 GPUs, drawn from its frames', async () => {
    await page.getByRole('button', { name: `Replay “${names[1]!}”` }).click()
    await page.waitForFunction(
      () => {
        const s = (window as unknown as TwinWindow).__twinStats
        return s.replayState === 'paused' && s.hallSystem === 'h800-deepseek'
      },
      null,
      wait
    )
    expect((await stats()).instances.dies).toBe(160)
    // the replay's frame is painted on the H800's GPUs
    await page.waitForFunction(
      () => (window as unknown as TwinWindow).__twinStats.lastSimTimeS >= 0,
      null,
      wait
    )
    await page.screenshot({ path: join(artifacts, 'hall-h800.png') })
  }, 120_000)

  it('replays the CloudMatrix384 run and saves a 1920x1080 PNG, refusing an unwritable folder clearly', async () => {
    await page.getByRole('button', { name: `Replay “${names[0]!}”` }).click()
    await page.waitForFunction(
      () => {
        const s = (window as unknown as TwinWindow).__twinStats
        return s.replayState === 'paused' && s.hallSystem === 'cloudmatrix384'
      },
      null,
      wait
    )
    expect((await stats()).instances.dies).toBe(768)
    await page.getByRole('button', { name: 'Export ▾' }).click()
    await exportPanel().getByLabel('Screenshot size').selectOption('1920x1080')
    await exportPanel().getByRole('button', { name: 'Save PNG' }).click()
    expect(await settled()).toMatch(/give a path to save to: there is no file dialog/)
    const folder = exportPanel().getByLabel('Save in folder')
    await folder.waitFor()

    // an unwritable place: a clear message naming the path, nothing written, nothing lost
    const unwritable = join(out, 'not-a-folder.txt')
    writeFileSync(unwritable, 'keep me')
    await folder.fill(unwritable)
    await exportPanel().getByRole('button', { name: 'Save PNG' }).click()
    expect(await settled()).toMatch(
      new RegExp(
        `cannot write '${unwritable}/hall-\\d+-\\d+\\.png' \\(ENOTDIR\\); nothing was written`
      )
    )
    expect(readFileSync(unwritable, 'utf8')).toBe('keep me')

    await folder.fill(out)
    await exportPanel().getByRole('button', { name: 'Save PNG' }).click()
    const done = await settled()
    expect(done).toMatch(/^Saved the 1920×1080 screenshot to /)
    const png = readFileSync(savedPath(done))
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR')
    expect(png.readUInt32BE(16)).toBe(1920)
    expect(png.readUInt32BE(20)).toBe(1080)
    // the hall is drawn, not a blank picture: a 1920x1080 PNG of one colour is a few KB
    expect(png.length).toBeGreaterThan(50_000)
  }, 180_000)

  it('saves a frame-accurate WebM of 20 s of the replay at 24 fps and 20x', async () => {
    const speedUp = 20
    const fps = 24
    const toS = 20
    await exportPanel().getByLabel('Video size', { exact: true }).selectOption('1280x720')
    await exportPanel().getByLabel('Frames per second', { exact: true }).selectOption(String(fps))
    await exportPanel().getByLabel('Speed-up').fill(String(speedUp))
    await exportPanel().getByLabel('From (s)').fill('0')
    await exportPanel().getByLabel('To (s)').fill(String(toS))
    await exportPanel().getByRole('button', { name: 'Save WebM' }).click()
    await exportPanel().getByTestId('export-progress').waitFor(wait)
    const done = await settled()
    expect(done).toMatch(/^Saved the video to /)
    const webm = readFileSync(savedPath(done))
    expect([...webm.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3])
    const expected = toS / speedUp
    const duration = webmDurationS(webm)
    expect(Math.abs(duration - expected)).toBeLessThanOrEqual(1 / fps)
    // and as a media library reads it
    const { Input, BufferSource, ALL_FORMATS } = await import('mediabunny')
    const input = new Input({ source: new BufferSource(webm), formats: ALL_FORMATS })
    const track = (await input.getPrimaryVideoTrack())!
    expect(track.displayWidth).toBe(1280)
    expect(track.displayHeight).toBe(720)
    expect(Math.abs((await input.computeDuration()) - expected)).toBeLessThanOrEqual(1 / fps)
    writeFileSync(
      join(out, 'webm-duration.json'),
      JSON.stringify({ duration, expected, toS, speedUp, fps })
    )
  }, 480_000)

  it('saves the run’s HTML report with the comparison, and its page prints to a PDF with the KPI tables', async () => {
    await exportPanel().getByRole('button', { name: 'Save HTML' }).click()
    const done = await settled()
    expect(done).toMatch(/^Saved the report to /)
    const html = readFileSync(savedPath(done), 'utf8')
    expect(html).toContain('Output tokens/s per decode chip')
    expect(html).toMatch(/src="data:image\/png;base64,/)
    // the comparison the run belongs to, with every compared run
    expect(html).toContain('class="comparison"')
    // names as the page reads them (the report escapes &, <, >, " and ')
    const shown = html
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
    for (const name of names) expect(shown).toContain(name)

    // the browser view's PDF: the report opened in a new tab, printed (page.pdf is the print path)
    const [report] = await Promise.all([
      page.context().waitForEvent('page'),
      exportPanel().getByRole('link', { name: 'Open report' }).click()
    ])
    await report.waitForLoadState('load')
    const pdf = await report.pdf({ format: 'A4', printBackground: true })
    await report.close()
    writeFileSync(join(out, 'report.pdf'), pdf)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const doc = await getDocument({ data: new Uint8Array(pdf) }).promise
    let text = ''
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent()
      text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n'
    }
    expect(text).toContain('Key performance indicators')
    expect(text).toContain('Output tokens/s per decode chip')
    expect(text).toContain('SLO attainment')
    expect(text).toContain('tokens/s per TFLOPS')

    // Save PDF here says to print the report instead
    await exportPanel().getByRole('button', { name: 'Save PDF' }).click()
    expect(await settled()).toMatch(/PDF export needs the desktop app.*Print/)
  }, 180_000)

  it('left only the exported files behind, and no console errors', () => {
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([])
    expect(existsSync(join(out, 'not-a-folder.txt'))).toBe(true)
    expect(problems).toEqual([])
  })
})
