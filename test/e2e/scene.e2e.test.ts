import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openTwinPage, type ServeProcess } from './browserView'
import { DECODE_BLUE, type Rgb, distance, hexToRgb, utilizationColor } from './legendColors'

/** the fields of window.__twinStats this test reads (src/renderer/src/twinStats.ts) */
interface Stats {
  ready: boolean
  framesReceived: number
  drawCalls: number
  renders: number
  repaints: number
  hallRenders: number
  lastSimTimeS: number
  runState: string | null
  replayState: string
  replayPositionS: number
  metric: string
  selected: string | null
  camera: { preset: string; moving: boolean }
  gpu: { geometries: number; textures: number; programs: number }
}

/** window.__twinProbe, as far as this test uses it */
interface Probe {
  dieColor(index: number): Rgb
  dieValue(index: number): number | null
  dieRole(index: number): number | null
  dieScreenPoint(index: number): { x: number; y: number } | null
  nodeOfDie(index: number): number
  view: {
    setMetric(metric: string): void
    flyTo(preset: string, part?: { kind: string; index: number } | null): void
    get(): { selected: { kind: string; index: number } | null }
  }
}

type TwinWindow = { __twinStats: Stats; __twinProbe?: Probe }

/** software GL renders take seconds on a busy machine: waits are long, never the assertions */
const wait = { timeout: 60_000 }
const DIES = 768

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

const stats = (): Promise<Stats> =>
  page.evaluate(() => (window as unknown as TwinWindow).__twinStats)

/** every die's value and colour as drawn, read in one go so no repaint falls in between */
function drawnDies(): Promise<{
  values: (number | null)[]
  roles: (number | null)[]
  colors: Rgb[]
}> {
  return page.evaluate((count) => {
    const probe = (window as unknown as TwinWindow).__twinProbe!
    const dies = Array.from({ length: count }, (_, i) => i)
    return {
      values: dies.map((i) => probe.dieValue(i)),
      roles: dies.map((i) => probe.dieRole(i)),
      colors: dies.map((i) => probe.dieColor(i))
    }
  }, DIES)
}

async function showMetric(metric: string): Promise<void> {
  await page.evaluate(
    (m) => (window as unknown as TwinWindow).__twinProbe!.view.setMetric(m),
    metric
  )
  await page.waitForFunction(
    (m) => (window as unknown as TwinWindow).__twinStats.metric === m,
    metric,
    wait
  )
}

/** flies and waits until the camera has arrived and a later render has drawn the view */
async function flyTo(preset: string, part: { kind: string; index: number } | null) {
  await page.evaluate(
    ([p, target]) => (window as unknown as TwinWindow).__twinProbe!.view.flyTo(p, target),
    [preset, part] as const
  )
  await page.waitForFunction(
    (p) => {
      const s = (window as unknown as TwinWindow).__twinStats
      return s.camera.preset === p && !s.camera.moving
    },
    preset,
    wait
  )
  const after = (await stats()).renders
  await page.waitForFunction(
    (n) => (window as unknown as TwinWindow).__twinStats.renders > n,
    after,
    wait
  )
}

/** relative luminance: viridis rises in it, so a hotter colour is a lighter one */
const luma = (c: Rgb): number => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

describe('the 3D hall in the browser view', () => {
  let hot = -1
  let cold = -1

  it('colours every die by its compute utilization in the frame drawn: busy hot, quiet cold', async () => {
    await page.waitForFunction(
      () => {
        const w = window as unknown as TwinWindow
        return w.__twinStats?.ready === true && w.__twinStats.framesReceived >= 3 && !!w.__twinProbe
      },
      undefined,
      wait
    )
    expect((await stats()).metric).toBe('compute')
    const { values, colors } = await drawnDies()
    const serving = values.flatMap((v, i) => (v === null ? [] : [i]))
    expect(serving.length).toBeGreaterThan(DIES / 2)
    for (const i of serving) {
      // the map's table has 256 entries: within a step of the exact colour
      expect(distance(colors[i]!, utilizationColor(values[i]! / 100)), `die ${i}`).toBeLessThan(
        0.02
      )
    }
    hot = serving.reduce((a, b) => (values[b]! > values[a]! ? b : a))
    cold = serving.reduce((a, b) => (values[b]! < values[a]! ? b : a))
    // prefill dies compute far more than decode dies, which wait on HBM
    expect(values[hot]! - values[cold]!).toBeGreaterThan(5)
    expect(luma(colors[hot]!)).toBeGreaterThan(luma(colors[cold]!) + 0.02)
    // the quiet die is in the bottom fifth of the map
    expect(values[cold]!).toBeLessThan(20)
    expect(distance(colors[cold]!, utilizationColor(0))).toBeLessThan(
      distance(colors[cold]!, utilizationColor(1))
    )
  })

  it('repaints when the metric changes: prefill dies near full HBM at the top of the map', async () => {
    await showMetric('hbmOccupancy')
    const { values, colors } = await drawnDies()
    const full = values.reduce<number>(
      (a, v, i) => (v !== null && v > (values[a] ?? -1) ? i : a),
      0
    )
    // occupancy is painted against the die's 64 GB
    expect(values[full]!).toBeGreaterThan(0.75 * 64)
    expect(distance(colors[full]!, utilizationColor(values[full]! / 64))).toBeLessThan(0.02)
    // at the top of the map: nearer its end than its middle
    expect(distance(colors[full]!, utilizationColor(1))).toBeLessThan(
      distance(colors[full]!, utilizationColor(0.5))
    )

    await showMetric('role')
    const roles = await drawnDies()
    const decode = roles.roles.indexOf(2)
    expect(decode).toBeGreaterThanOrEqual(0)
    expect(distance(roles.colors[decode]!, hexToRgb(DECODE_BLUE))).toBeLessThan(0.01)
  })

  it('flies to a rack, a node and the network; hovering a die names it, clicking selects it', async () => {
    await showMetric('compute')
    const node = await page.evaluate(
      (die) => (window as unknown as TwinWindow).__twinProbe!.nodeOfDie(die),
      hot
    )
    await flyTo('rack', { kind: 'die', index: hot })
    await page.screenshot({ path: `${artifacts}rack.png` })

    await flyTo('node', { kind: 'node', index: node })
    const point = await page.evaluate(
      (die) => (window as unknown as TwinWindow).__twinProbe!.dieScreenPoint(die),
      hot
    )
    expect(point).not.toBeNull()
    await page.mouse.move(point!.x, point!.y)
    const tooltip = page.locator('.hall-tooltip')
    await expect.poll(() => tooltip.isVisible(), wait).toBe(true)
    expect(await tooltip.textContent()).toMatch(
      /^node-\d\d\.npu-\d\.die-\dCompute utilization: \d+ %$/
    )
    await page.mouse.click(point!.x, point!.y)
    await page.waitForFunction(
      (die) => (window as unknown as TwinWindow).__twinStats.selected === `die:${die}`,
      hot,
      wait
    )
    await page.screenshot({ path: `${artifacts}node.png` })

    await flyTo('network', null)
    await page.screenshot({ path: `${artifacts}network.png` })
    // the selection outlives the camera moves
    expect((await stats()).selected).toBe(`die:${hot}`)
  })

  it('keeps to the budget: at most 60 draw calls, no React render per telemetry frame', async () => {
    const before = await stats()
    await page.waitForFunction(
      ([frames, repaints]) => {
        const s = (window as unknown as TwinWindow).__twinStats
        return s.framesReceived >= frames + 5 && s.repaints > repaints
      },
      [before.framesReceived, before.repaints] as const,
      wait
    )
    const after = await stats()
    expect(after.drawCalls).toBeGreaterThan(0)
    expect(after.drawCalls).toBeLessThanOrEqual(60)
    expect(after.hallRenders).toBe(before.hallRenders)
    expect(after.gpu.geometries).toBeLessThanOrEqual(before.gpu.geometries)
    expect(after.gpu.textures).toBeLessThanOrEqual(before.gpu.textures)
  })

  it('opens the clicked die in the inspector with the numbers the hall draws', async () => {
    // a paused run holds its last frame: the hall and the inspector show the same one
    await page.getByRole('button', { name: 'Pause the run' }).click()
    await page.waitForFunction(
      () => (window as unknown as TwinWindow).__twinStats.runState === 'paused',
      null,
      wait
    )
    const inspector = page.getByTestId('inspector')
    await expect
      .poll(() => page.getByTestId('inspector-id').textContent(), wait)
      .toMatch(/^node-\d\d\.npu-\d\.die-\d$/)
    const figure = (id: string) =>
      inspector
        .getByTestId(id)
        .getAttribute('data-value')
        .then((v) => Number(v))
    for (const [metric, id] of [
      ['compute', 'inspector-compute'],
      ['hbmBandwidth', 'inspector-hbm-bandwidth'],
      ['hbmOccupancy', 'inspector-hbm-used'],
      ['power', 'inspector-power']
    ] as const) {
      await showMetric(metric)
      // read together: the hall may still draw the frame before the pause for a moment
      const pair = async () => {
        const drawn = await page.evaluate(
          (die) => (window as unknown as TwinWindow).__twinProbe!.dieValue(die),
          hot
        )
        return { drawn, shown: await figure(id) }
      }
      await expect
        .poll(async () => {
          const { drawn, shown } = await pair()
          return drawn === null ? Infinity : Math.abs(drawn - shown)
        }, wait)
        .toBeLessThan(1e-6)
      expect((await pair()).drawn, metric).not.toBeNull()
    }
    await showMetric('compute')
    // the die the simulation reports busiest is called busier than the quiet one here too
    const coldValue = await page.evaluate(
      (die) => (window as unknown as TwinWindow).__twinProbe!.dieValue(die),
      cold
    )
    expect(await figure('inspector-compute')).toBeGreaterThan(coldValue!)
    await inspector.screenshot({ path: `${artifacts}inspector.png` })
    await page.screenshot({ path: `${artifacts}inspector-hall.png` })
  })

  it('replays the saved run: scrubbing to another time repaints the dies from that frame', async () => {
    await page.getByRole('button', { name: 'Stop the run' }).click()
    await page.waitForFunction(
      () => (window as unknown as TwinWindow).__twinStats.runState === 'stopped',
      null,
      wait
    )
    const library = page.getByRole('region', { name: 'Run library' })
    await library
      .getByRole('button', { name: /^Replay “/ })
      .first()
      .click()
    await page.waitForFunction(
      () => (window as unknown as TwinWindow).__twinStats.replayState === 'paused',
      null,
      wait
    )
    const slider = page.getByRole('slider', { name: 'Replay position' })
    const endS = Number(await slider.getAttribute('max'))
    expect(endS).toBeGreaterThan(4)

    /** scrubs with the keyboard and waits until the hall has drawn the frame main sent */
    const scrubTo = async (key: 'Home' | 'End') => {
      const before = (await stats()).replayPositionS
      await slider.focus()
      await slider.press(key)
      await page
        .waitForFunction(
          (from) => {
            const s = (window as unknown as TwinWindow).__twinStats
            return s.replayPositionS !== from && Math.abs(s.lastSimTimeS - s.replayPositionS) < 0.5
          },
          before,
          wait
        )
        .catch(async (error: Error) => {
          const s = await stats()
          throw new Error(
            `${error.message}: ${key} from ${before} s left position ${s.replayPositionS} s, ` +
              `drawn ${s.lastSimTimeS} s, replay ${s.replayState}`
          )
        })
      // lastSimTimeS is set by the render that painted that frame: its colours are in place
      return drawnDies()
    }
    // a replay opens at its start: to the end, then back
    const late = await scrubTo('End')
    const early = await scrubTo('Home')
    // each picture follows its own frame's telemetry...
    for (const dies of [early, late]) {
      dies.values.forEach((v, i) => {
        if (v === null) return
        expect(distance(dies.colors[i]!, utilizationColor(v / 100)), `die ${i}`).toBeLessThan(0.02)
      })
    }
    // ...and the two differ: at the start the decode batch is still filling
    const changed = early.colors.filter((c, i) => distance(c, late.colors[i]!) > 0.02).length
    expect(changed).toBeGreaterThan(DIES / 10)
    await page.screenshot({ path: `${artifacts}replay-scrubbed.png` })
  })

  it('logged no console errors or warnings', () => {
    expect(problems).toEqual([])
  })
})
