import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openTwinPage, root, type ServeProcess } from './browserView'

/** the fields of window.__twinStats this test reads (src/renderer/src/twinStats.ts) */
interface Stats {
  ready: boolean
  metric: string
  camera: { preset: string; moving: boolean }
  present: { active: boolean; step: number; steps: number }
}
interface Probe {
  view: { get(): { metric: string; camera: { preset: string; part: unknown } } }
}
type TwinWindow = { __twinStats: Stats; __twinProbe?: Probe }
interface Step {
  camera: { preset: string; part: { kind: string; index: number } | null }
  caption: string
  metric: string
  kpi: string
}

const tour = JSON.parse(
  readFileSync(join(root, 'resources/tours/cloudmatrix384-story.json'), 'utf8')
) as { steps: Step[] }
const wait = { timeout: 60_000 }

let serve: ServeProcess
let browser: Browser
let page: Page
const problems: string[] = []

beforeAll(async () => {
  ;({ serve, browser, page } = await openTwinPage(problems, {
    viewport: { width: 1600, height: 900 }
  }))
  await page.waitForFunction(() => (window as unknown as TwinWindow).__twinStats?.ready, null, wait)
})

afterAll(async () => {
  await browser?.close()
  if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL')
})

const stats = (): Promise<Stats> =>
  page.evaluate(() => (window as unknown as TwinWindow).__twinStats)
const viewNow = () =>
  page.evaluate(() => {
    const { metric, camera } = (window as unknown as TwinWindow).__twinProbe!.view.get()
    return { metric, preset: camera.preset, part: camera.part }
  })

describe('present mode in the browser view', () => {
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
    expect(problems).toEqual([])
  })
})
