import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openTwinPage, type ServeProcess, stopLiveRun } from './browserView'
import { webmDurationS } from './webm'

/**
 * The tour video in the browser view: a one-step tour saved with a replayed run, exported as a
 * WebM frame by frame. It lasts the step's dwell (its seconds on screen) to the frame, however
 * long software GL takes to draw each one.
 */

interface Stats {
  ready: boolean
  lastSimTimeS: number
  runState: string | null
  replayState: string
}
type StatsWindow = { __twinStats: Stats }

/** software GL renders take seconds on a busy machine: waits are long, never the assertions */
const wait = { timeout: 60_000 }
const out = join(artifacts, 'tour-video')
/**
 * the step's seconds on screen, typed in the tour menu: a short video, as software GL draws
 * about a frame a second here (present mode's default of 8 s would be 192 frames)
 */
const DWELL_S = 1

let serve: ServeProcess
let browser: Browser
let page: Page
const problems: string[] = []

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  ;({ serve, browser, page } = await openTwinPage(problems))
})

afterAll(async () => {
  await browser?.close()
  if (!serve) return
  if (serve.child.exitCode === null) await serve.stop('SIGTERM')
  rmSync(serve.dataDir, { recursive: true, force: true })
})

const panel = () => page.getByRole('dialog', { name: 'Export' })

/** waits for the export status to leave "busy" and returns its text */
async function settled(timeout = 120_000): Promise<string> {
  await page.waitForFunction(
    () => {
      const text = document.querySelector('[data-testid="export-status"]')?.textContent ?? ''
      return text !== '' && !text.endsWith('…')
    },
    null,
    { timeout }
  )
  return (await panel().getByTestId('export-status').textContent()) ?? ''
}

describe('the video of a tour in the browser view', () => {
  it('saves the default run for about 10 s, replays it and adds its view as a tour step', async () => {
    await stopLiveRun(page, 10, wait)
    const row = page.getByRole('region', { name: 'Run library' }).getByRole('listitem').first()
    await row.getByText('stopped', { exact: true }).waitFor(wait)
    await row.getByRole('button', { name: /^Replay “/ }).click()
    await page.waitForFunction(
      () => (window as unknown as StatsWindow).__twinStats.replayState === 'paused',
      null,
      wait
    )

    await page.getByRole('button', { name: 'Tours' }).click()
    const menu = page.getByRole('dialog', { name: 'Tours' })
    await menu.getByLabel('Caption').fill('The hall, burnt into the video.')
    await menu.getByLabel(/Seconds on screen/).fill(String(DWELL_S))
    await menu.getByRole('button', { name: 'Add the current view as a step' }).click()
    await menu.getByRole('option', { name: /^My tour \(saved with this run, 1 steps\)/ }).waitFor({
      state: 'attached',
      ...wait
    })
    await menu.getByRole('button', { name: 'Close' }).click()
  })

  it(
    'saves a WebM of the tour at 24 fps: 1280x720, as long as the step’s dwell',
    { timeout: 600_000 },
    async () => {
      await page.getByRole('button', { name: 'Export ▾' }).click()
      // the browser view has no file dialog: a PNG first brings up the folder field
      await panel().getByRole('button', { name: 'Save PNG' }).click()
      expect(await settled()).toMatch(/give a path to save to/)
      await panel().getByLabel('Save in folder').fill(out)

      await panel()
        .getByLabel('Tour for the video')
        .selectOption({ label: 'My tour (saved with this run)' })
      await panel().getByLabel('Tour video size').selectOption('1280x720')
      await panel().getByLabel('Tour video frames per second').selectOption('24')
      await panel().getByText(`1 step, ${DWELL_S} s of video at 24 fps`, { exact: false }).waitFor()
      await panel().getByRole('button', { name: 'Video of the tour…' }).click()
      await panel().getByTestId('export-progress').waitFor(wait)
      const done = await settled(540_000)
      // saved, and the step's run was shown (no problem named after the path)
      const match = /^Saved the tour video to (\/.+\.webm)$/.exec(done)
      expect(match, done).not.toBeNull()
      const webm = readFileSync(match![1]!)
      expect([...webm.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3])
      expect(Math.abs(webmDurationS(webm) - DWELL_S)).toBeLessThanOrEqual(1 / 24)
      const { Input, BufferSource, ALL_FORMATS } = await import('mediabunny')
      const input = new Input({ source: new BufferSource(webm), formats: ALL_FORMATS })
      const track = (await input.getPrimaryVideoTrack())!
      expect(track.displayWidth).toBe(1280)
      expect(track.displayHeight).toBe(720)
      expect(Math.abs((await input.computeDuration()) - DWELL_S)).toBeLessThanOrEqual(1 / 24)
      // the clock is the page's again: the camera has landed and nothing is left flying
      await page.waitForFunction(
        () =>
          !(window as unknown as { __twinStats: { camera: { moving: boolean } } }).__twinStats
            .camera.moving,
        null,
        wait
      )
    }
  )

  it('left no console errors', () => {
    expect(problems).toEqual([])
  })
})
