import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openTwinPage, type ServeProcess } from './browserView'

/** the fields of window.__twinStats this test reads */
interface Stats {
  ready: boolean
  framesReceived: number
  lastSimTimeS: number
  runState: string | null
  replayState: string
  replayPositionS: number
}
type StatsWindow = { __twinStats: Stats }

/** the smallest window the layout is made for */
const VIEWPORT = { width: 1280, height: 720 }

let serve: ServeProcess
let browser: Browser
let page: Page
const problems: string[] = []

beforeAll(async () => {
  // headless chromium reports a light system theme; this page starts as a dark-theme user's
  ;({ serve, browser, page } = await openTwinPage(problems, {
    viewport: VIEWPORT,
    colorScheme: 'dark'
  }))
})

afterAll(async () => {
  await browser?.close()
  if (serve && serve.child.exitCode === null) await serve.stop('SIGTERM')
})

/**
 * Waits pass page.waitForFunction self-contained functions (sent by their source, closing
 * over nothing but their argument): the page's CSP forbids evaluating strings.
 */
const wait = { timeout: 60_000 }

/** the bars and columns whose content is wider than they are (cut off or scrolling sideways) */
const overflowing = (): Promise<string[]> =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.status-bar, .timeline__row, .column'))
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.className)
  )

/** how many pixels of each chart's canvas are painted, by chart (-1: no canvas) */
const paintedPixels = (): Promise<Record<string, number>> =>
  page.evaluate(() => {
    const counts: Record<string, number> = {}
    for (const figure of Array.from(
      document.querySelectorAll<HTMLElement>('[data-testid^="chart-"]')
    )) {
      const canvas = figure.querySelector('canvas')
      const id = figure.dataset.testid!.slice('chart-'.length)
      if (!canvas || canvas.width === 0 || canvas.height === 0) {
        counts[id] = -1
        continue
      }
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
      let painted = 0
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++
      counts[id] = painted
    }
    return counts
  })

describe('the dashboard in the browser view at 1280x720', () => {
  it('lays out the top bar, both columns, the hall and the timeline without overlap', async () => {
    await page.waitForFunction(
      () => {
        const s = (window as unknown as StatsWindow).__twinStats
        return s.ready && s.runState === 'running' && s.lastSimTimeS >= 5
      },
      null,
      wait
    )
    const layout = await page.evaluate(() => {
      const box = (selector: string) => {
        const el = document.querySelector(selector)
        if (!el) return null
        const r = el.getBoundingClientRect()
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
      }
      // every piece of visible text around the hall is at least 11px (the hall's own labels
      // are the scene's, sized to what they label)
      const tiny = Array.from(
        document.querySelectorAll<HTMLElement>('.status-bar *, .column *, .timeline *')
      )
        .filter((el) =>
          Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim())
        )
        .filter((el) => el.getClientRects().length > 0)
        .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 11)
        .map((el) => `${el.tagName}.${el.className}: ${el.textContent}`)
      return {
        regions: {
          top: box('.status-bar'),
          left: box('#left-column'),
          hall: box('main.viewport'),
          right: box('#right-column'),
          timeline: box('.timeline')
        },
        page: {
          width: document.documentElement.scrollWidth,
          height: document.documentElement.scrollHeight
        },
        tiny
      }
    })
    const regions = Object.entries(layout.regions)
    for (const [name, r] of regions) {
      expect(r, name).not.toBeNull()
      expect(r!.left, name).toBeGreaterThanOrEqual(0)
      expect(r!.top, name).toBeGreaterThanOrEqual(0)
      expect(r!.right, name).toBeLessThanOrEqual(VIEWPORT.width)
      expect(r!.bottom, name).toBeLessThanOrEqual(VIEWPORT.height)
    }
    for (let i = 0; i < regions.length; i++) {
      for (let j = i + 1; j < regions.length; j++) {
        const [a, ra] = regions[i]!
        const [b, rb] = regions[j]!
        const w = Math.min(ra!.right, rb!.right) - Math.max(ra!.left, rb!.left)
        const h = Math.min(ra!.bottom, rb!.bottom) - Math.max(ra!.top, rb!.top)
        expect(w > 0.5 && h > 0.5, `${a} overlaps ${b}`).toBe(false)
      }
    }
    // the hall keeps most of the window, and nothing scrolls sideways or is cut off
    const hall = layout.regions.hall!
    expect(hall.right - hall.left).toBeGreaterThanOrEqual(560)
    expect(hall.bottom - hall.top).toBeGreaterThanOrEqual(480)
    expect(layout.page).toEqual({ width: VIEWPORT.width, height: VIEWPORT.height })
    expect(await overflowing()).toEqual([])
    expect(layout.tiny).toEqual([])
  })

  it('shows the KPI tiles’ numbers, with units and SLO status, once frames arrive', async () => {
    await page.waitForFunction(
      () =>
        /\d/.test(
          document.querySelector('[data-testid="kpi-outputTokensPerS"]')?.textContent ?? ''
        ),
      null,
      wait
    )
    expect(await page.getByTestId('kpi-outputTokensPerS').textContent()).toMatch(/^[\d,.]+ tok\/s$/)
    expect(await page.getByTestId('kpi-powerKW').textContent()).toMatch(/^[\d,.]+ kW$/)
    expect(await page.getByTestId('kpi-slo-ttftP99Ms').textContent()).toMatch(
      /(within|near|over) SLO · target 2,000 ms|target 2,000 ms/
    )
  })

  it('draws the charts with uPlot, streaming, inside their column', async () => {
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('[data-testid^="chart-"]')).every(
          (figure) => (figure.querySelector('canvas')?.width ?? 0) > 0
        ),
      null,
      wait
    )
    const first = await paintedPixels()
    expect(Object.keys(first)).toEqual(['throughput', 'ttft', 'tpot', 'power'])
    for (const [id, painted] of Object.entries(first)) expect(painted, id).toBeGreaterThan(500)
    // the charts fit their column
    const widths = await page.evaluate(() => ({
      column: document.querySelector('#right-column')!.getBoundingClientRect().width,
      charts: Array.from(document.querySelectorAll('.uplot')).map(
        (u) => u.getBoundingClientRect().width
      )
    }))
    for (const width of widths.charts) expect(width).toBeLessThanOrEqual(widths.column)

    // streaming: the throughput line moves on as the run goes
    const before = await page.evaluate(() =>
      document
        .querySelector<HTMLCanvasElement>('[data-testid="chart-throughput"] canvas')!
        .toDataURL()
    )
    await page.waitForFunction(
      (earlier: string) =>
        document
          .querySelector<HTMLCanvasElement>('[data-testid="chart-throughput"] canvas')!
          .toDataURL() !== earlier,
      before,
      wait
    )
    await page.screenshot({ path: `${artifacts}dashboard.png` })
  })

  it('starts in the system’s theme, switches with T and its switch, and remembers the choice', async () => {
    const background = () =>
      page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await background()).toBe('rgb(11, 14, 19)')
    await page.locator('body').press('t')
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light', null, wait)
    expect(await background()).toBe('rgb(233, 237, 242)')
    expect(
      await page.getByRole('switch', { name: 'Light theme' }).getAttribute('aria-checked')
    ).toBe('true')
    // the charts are remade in the light colours, and draw
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid^="chart-"] canvas').length === 4,
      null,
      wait
    )
    await page.waitForFunction(
      () => {
        const canvas = document.querySelector<HTMLCanvasElement>(
          '[data-testid="chart-power"] canvas'
        )
        if (!canvas || canvas.width === 0) return false
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true
        return false
      },
      null,
      wait
    )
    await page.screenshot({ path: `${artifacts}dashboard-light.png` })

    await page.reload()
    await page.waitForFunction(
      () => (window as unknown as StatsWindow).__twinStats.ready,
      null,
      wait
    )
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    await page.getByRole('switch', { name: 'Light theme' }).click()
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, wait)
  })

  it('marks a run’s faults on the timeline, and a marker seeks its replay with the keyboard', async () => {
    await page.waitForFunction(
      () => (window as unknown as StatsWindow).__twinStats.runState === 'running',
      null,
      wait
    )
    await page
      .getByRole('combobox', { name: 'Scenario' })
      .selectOption({ label: 'CloudMatrix384 · faults and what-ifs' })
    await page.getByRole('button', { name: 'Speed: as fast as possible' }).click()
    await page.getByRole('button', { name: /^Restart CloudMatrix384 · faults/ }).click()
    await page.waitForFunction(
      () => (window as unknown as StatsWindow).__twinStats.runState === 'finished',
      null,
      { timeout: 120_000 }
    )
    const timeline = page.getByRole('region', { name: 'Timeline' })
    const liveMarkers = timeline
      .getByRole('list', { name: 'Events on the timeline' })
      .getByRole('img')
    await liveMarkers.first().waitFor()
    expect(await liveMarkers.first().getAttribute('aria-label')).toMatch(
      /^60 s · die failed · node-05\.npu-3\.die-1/
    )

    // the finished run heads the library: replay it
    const library = page.getByRole('region', { name: 'Run library' })
    const row = library.getByRole('listitem').first()
    await row.getByText('complete', { exact: true }).waitFor(wait)
    await row.getByRole('button', { name: /^Replay “/ }).click()
    await page.waitForFunction(
      () => (window as unknown as StatsWindow).__twinStats.replayState === 'paused',
      null,
      wait
    )
    const strip = timeline.getByTestId('overview-strip')
    await strip.waitFor(wait)
    expect(await strip.locator('path').getAttribute('d')).toMatch(/^M0 20 L/)

    // from the slider, Tab walks the markers in time order; each shows its tooltip on focus
    await timeline.getByRole('slider', { name: 'Replay position' }).focus()
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement!
        const tip = el.nextElementSibling
        return {
          label: el.getAttribute('aria-label'),
          tip: tip ? getComputedStyle(tip).display : null
        }
      })
    await page.keyboard.press('Tab')
    expect(await focused()).toEqual({
      label: expect.stringMatching(/^Seek to 60 s · die failed/),
      tip: 'block'
    })
    await page.keyboard.press('Tab')
    expect((await focused()).label).toMatch(/^Seek to 120 s · NPU failed/)
    await page.keyboard.press('Enter')
    await page.waitForFunction(
      () => {
        const s = (window as unknown as StatsWindow).__twinStats
        return s.replayPositionS === 120 && s.lastSimTimeS === 120
      },
      null,
      wait
    )
    expect(await page.getByTestId('replay-time').textContent()).toContain('sim 120 s / 600 s')
    // the replay's longer timeline row still fits the window
    expect(await overflowing()).toEqual([])
    await page.screenshot({ path: `${artifacts}dashboard-replay.png` })
  })

  it('logged no console errors or warnings (none from the CSP)', () => {
    expect(problems).toEqual([])
  })
})
