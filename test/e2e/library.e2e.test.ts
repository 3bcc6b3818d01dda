import { rmSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openTwinPage, type ServeProcess, stopLiveRun } from './browserView'

/** the fields of window.__twinStats this test reads */
interface Stats {
  ready: boolean
  lastSimTimeS: number
  runState: string | null
  replayState: string
  replayPositionS: number
}

let serve: ServeProcess
let browser: Browser
let page: Page
const problems: string[] = []

beforeAll(async () => {
  ;({ serve, browser, page } = await openTwinPage(problems, {
    viewport: { width: 1600, height: 900 }
  }))
})

afterAll(async () => {
  await browser?.close()
  if (!serve) return
  // SIGTERM lets the library close its database before the folder goes
  if (serve.child.exitCode === null) await serve.stop('SIGTERM')
  rmSync(serve.dataDir, { recursive: true, force: true })
})

const stats = (): Promise<Stats> =>
  page.evaluate(() => (window as unknown as { __twinStats: Stats }).__twinStats)

type StatsWindow = { __twinStats: Stats }

/**
 * How long a wait for the page may take. Each wait passes page.waitForFunction a
 * self-contained function that reads window.__twinStats itself (it is sent by its source and
 * closes over nothing but its argument): functions, not strings, as the page's CSP forbids
 * evaluating strings.
 */
const wait = { timeout: 30_000 }

describe('the run library in the browser view', () => {
  it('saves the auto-started run, which shows in the library once stopped', async () => {
    await stopLiveRun(page, 40, wait)

    // the library sits in the left column, open from the start
    const panel = page.getByRole('region', { name: 'Run library' })
    await panel.waitFor()
    const rows = panel.getByRole('list', { name: 'Saved runs' }).getByRole('listitem')
    await rows.first().waitFor()
    expect(await rows.count()).toBe(1)
    const row = rows.first()
    await row.getByText('stopped', { exact: true }).waitFor()
    // its system by name, its scenario, and a summary of its KPIs
    const text = (await row.textContent()) ?? ''
    expect(text).toMatch(/on CloudMatrix384 · .*Azure conversations/)
    expect(text).toMatch(/Output per decode chip[\d,.]+ tok\/s/)
    await page.screenshot({ path: `${artifacts}library.png` })
  })

  it('replays it, seeks to the middle with the slider, and goes back to live', async () => {
    const row = page.getByRole('region', { name: 'Run library' }).getByRole('listitem').first()
    await row.getByRole('button', { name: /^Replay “/ }).click()
    await page.waitForFunction(
      () => (window as unknown as StatsWindow).__twinStats.replayState === 'paused',
      null,
      wait
    )
    await page.getByRole('group', { name: 'Replay controls' }).waitFor()
    expect(await page.getByTestId('replay-label').textContent()).toMatch(/^Replay of “/)

    const slider = page.getByRole('slider', { name: 'Replay position' })
    const endS = Number(await slider.getAttribute('max'))
    // the replay covers what the run saved: at least the 40 s waited for
    expect(endS).toBeGreaterThanOrEqual(40)

    const box = (await slider.boundingBox())!
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    // the hall draws the frame from the middle of the run, and main reports that position
    await page.waitForFunction(
      ({ middle, tolerance }: { middle: number; tolerance: number }) => {
        const s = (window as unknown as StatsWindow).__twinStats
        return (
          Math.abs(s.replayPositionS - middle) <= tolerance &&
          Math.abs(s.lastSimTimeS - middle) <= tolerance
        )
      },
      { middle: endS / 2, tolerance: Math.max(3, endS * 0.1) },
      wait
    )
    const shown = (await stats()).replayPositionS
    expect(await page.getByTestId('replay-time').textContent()).toContain(
      `sim ${Math.floor(shown)} s`
    )
    await page.screenshot({ path: `${artifacts}replay.png` })

    await page.locator('body').press('Escape')
    await page.waitForFunction(
      () => (window as unknown as StatsWindow).__twinStats.replayState === 'closed',
      null,
      wait
    )
    await page.getByRole('group', { name: 'Run controls' }).waitFor()
    // back to the live run's last frame, which is also the last one it saved
    await page.waitForFunction(
      (at: number) =>
        Math.abs((window as unknown as StatsWindow).__twinStats.lastSimTimeS - at) <= 1,
      endS,
      wait
    )
  })

  it('logged no console errors or warnings', () => {
    expect(problems).toEqual([])
  })
})
