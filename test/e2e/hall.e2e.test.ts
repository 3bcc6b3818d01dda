import { writeFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openTwinPage, type ServeProcess } from './browserView'

interface TwinStats {
  ready: boolean
  framesReceived: number
  lastFrameIndex: number
  lastSimTimeS: number
  runState: string | null
  drawCalls: number
  triangles: number
  frameTimeMs: number
  instances: Record<string, number>
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
  if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL')
})

const stats = (): Promise<TwinStats> =>
  page.evaluate(() => (window as unknown as { __twinStats: TwinStats }).__twinStats)

describe('the app in the browser view', () => {
  it('loads, streams frames from the engine and draws the 16-rack hall with WebGL', async () => {
    await page.waitForFunction(
      () => {
        const s = (window as unknown as { __twinStats?: TwinStats }).__twinStats
        return s?.ready === true && s.framesReceived >= 2
      },
      undefined,
      { timeout: 60_000 }
    )
    const s = await stats()
    expect(s.instances).toMatchObject({
      racks: 16,
      nodes: 48,
      dies: 768,
      cpus: 192,
      l1Switches: 336,
      l2Switches: 112,
      ubLinks: 5376
    })
    expect(s.drawCalls).toBeGreaterThan(0)
    expect(s.drawCalls).toBeLessThanOrEqual(60)
    expect(s.triangles).toBeGreaterThan(1000)
    expect(s.lastFrameIndex).toBeGreaterThanOrEqual(1)

    const png = await page.screenshot({ path: `${artifacts}hall.png` })
    // The picture must be a drawn scene, not an empty canvas: count distinct colours in it.
    const colours = await page.evaluate(
      async (dataUrl) => {
        const image = new Image()
        image.src = dataUrl
        await image.decode()
        const canvas = document.createElement('canvas')
        canvas.width = image.width
        canvas.height = image.height
        const context = canvas.getContext('2d')!
        context.drawImage(image, 0, 0)
        const { data } = context.getImageData(0, 0, image.width, image.height)
        const seen = new Set<number>()
        for (let i = 0; i < data.length; i += 16)
          seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!)
        return seen.size
      },
      `data:image/png;base64,${png.toString('base64')}`
    )
    expect(colours).toBeGreaterThan(200)
  })

  it('logged no console errors or warnings', () => {
    writeFileSync(`${artifacts}console.txt`, problems.join('\n') + '\n')
    expect(problems).toEqual([])
  })

  it('runs the default scenario live: simulated time advances, Space pauses and resumes it', async () => {
    // a function, not a string: the page's CSP forbids evaluating strings
    const waitFor = (state: string, afterS: number) =>
      page.waitForFunction(
        ([wanted, after]) => {
          const s = (window as unknown as { __twinStats: TwinStats }).__twinStats
          return s.runState === wanted && s.lastSimTimeS > (after as number)
        },
        [state, afterS] as const,
        { timeout: 30_000 }
      )
    await waitFor('running', 2)
    const before = await page.evaluate(
      () => (window as unknown as { __twinStats: TwinStats }).__twinStats.lastSimTimeS
    )
    await waitFor('running', before)
    await page.locator('body').press('Space')
    await waitFor('paused', 0)
    await page.locator('body').press('Space')
    await waitFor('running', 0)
    await page.screenshot({ path: `${artifacts}live-run.png` })
  })

  it('stops cleanly on SIGTERM', async () => {
    await browser.close()
    expect(await serve.stop('SIGTERM')).toBe(0)
    expect(serve.output()).toMatch(/twin serve: stopped/)
  })
})
