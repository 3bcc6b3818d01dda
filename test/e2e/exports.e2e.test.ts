import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openTwinPage, type ServeProcess } from './browserView'

interface Stats {
  ready: boolean
  lastSimTimeS: number
  runState: string | null
  replayState: string
}
type StatsWindow = { __twinStats: Stats }

const wait = { timeout: 60_000 }
const out = join(artifacts, 'exports')

let serve: ServeProcess
let browser: Browser
let page: Page
const problems: string[] = []

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  ;({ serve, browser, page } = await openTwinPage(problems, {
    viewport: { width: 1600, height: 900 }
  }))
})

afterAll(async () => {
  await browser?.close()
  if (!serve) return
  if (serve.child.exitCode === null) await serve.stop('SIGTERM')
  rmSync(serve.dataDir, { recursive: true, force: true })
})

const panel = () => page.getByRole('dialog', { name: 'Export' })
const status = () => panel().getByTestId('export-status')

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
  return (await status().textContent()) ?? ''
}

const savedPath = (text: string): string => {
  const match = / to (\/.+)$/.exec(text)
  if (!match) throw new Error(`not a saved message: ${text}`)
  return match[1]!
}

/** Duration of a WebM: Segment Info's Duration (0x4489, float) times TimestampScale (0x2AD7B1). */
function webmDurationS(bytes: Buffer): number {
  const find = (id: number[]): number => {
    for (let i = 0; i < bytes.length - id.length; i++) {
      if (id.every((b, k) => bytes[i + k] === b)) return i + id.length
    }
    return -1
  }
  const readSize = (at: number): { size: number; length: number } => {
    const first = bytes[at]!
    let length = 1
    while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++
    let size = first & (0xff >> length)
    for (let k = 1; k < length; k++) size = size * 256 + bytes[at + k]!
    return { size, length }
  }
  let scale = 1_000_000
  const s = find([0x2a, 0xd7, 0xb1])
  if (s >= 0) {
    const { size, length } = readSize(s)
    scale = bytes.readUIntBE(s + length, size)
  }
  const d = find([0x44, 0x89])
  if (d < 0) throw new Error('the WebM has no Duration element')
  const { size, length } = readSize(d)
  const ticks = size === 4 ? bytes.readFloatBE(d + length) : bytes.readDoubleBE(d + length)
  return (ticks * scale) / 1e9
}

describe('exports in the browser view', () => {
  let replayEndS = 0

  it('saves the default run for about 20 s and opens its replay', async () => {
    await page.waitForFunction(
      () => {
        const s = (window as unknown as StatsWindow).__twinStats
        return s.ready && s.runState === 'running' && s.lastSimTimeS >= 20
      },
      null,
      wait
    )
    await page.getByRole('button', { name: 'Stop the run' }).click()
    await page.waitForFunction(
      () => (window as unknown as StatsWindow).__twinStats.runState === 'stopped',
      null,
      wait
    )
    const row = page.getByRole('region', { name: 'Run library' }).getByRole('listitem').first()
    await row.getByText('stopped', { exact: true }).waitFor(wait)
    await row.getByRole('button', { name: /^Replay “/ }).click()
    await page.waitForFunction(
      () => (window as unknown as StatsWindow).__twinStats.replayState === 'paused',
      null,
      wait
    )
    replayEndS = Number(
      await page.getByRole('slider', { name: 'Replay position' }).getAttribute('max')
    )
    expect(replayEndS).toBeGreaterThanOrEqual(20)
  })

  it('reports what the browser has for video: WebCodecs VideoEncoder and VP8/VP9', async () => {
    const support = await page.evaluate(async () => {
      if (typeof VideoEncoder === 'undefined') return { encoder: false, vp8: false, vp9: false }
      const ok = async (codec: string) =>
        (await VideoEncoder.isConfigSupported({ codec, width: 1280, height: 720, bitrate: 2e6 }))
          .supported === true
      return { encoder: true, vp8: await ok('vp8'), vp9: await ok('vp09.00.10.08') }
    })
    writeFileSync(join(out, 'video-support.json'), JSON.stringify(support, null, 2))
    expect(support.encoder).toBe(true)
    expect(support.vp8 || support.vp9).toBe(true)
  })

  it('asks for a folder without a dialog, refuses an unwritable one clearly, then saves a 1920x1080 PNG', async () => {
    await page.getByRole('button', { name: 'Export ▾' }).click()
    await panel().getByLabel('Screenshot size').selectOption('1920x1080')
    await panel().getByRole('button', { name: 'Save PNG' }).click()
    expect(await settled()).toMatch(/give a path to save to: there is no file dialog/)
    const folder = panel().getByLabel('Save in folder')
    await folder.waitFor()

    // an unwritable place: a clear message naming the path, nothing written, nothing lost
    const unwritable = join(out, 'not-a-folder.txt')
    writeFileSync(unwritable, 'keep me')
    await folder.fill(unwritable)
    await panel().getByRole('button', { name: 'Save PNG' }).click()
    const refused = await settled()
    expect(refused).toMatch(
      new RegExp(
        `cannot write '${unwritable}/hall-\\d+-\\d+\\.png' \\(ENOTDIR\\); nothing was written`
      )
    )
    expect(readFileSync(unwritable, 'utf8')).toBe('keep me')

    await folder.fill(out)
    await panel().getByRole('button', { name: 'Save PNG' }).click()
    const done = await settled()
    expect(done).toMatch(/^Saved the 1920×1080 screenshot to /)
    const png = readFileSync(savedPath(done))
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR')
    expect(png.readUInt32BE(16)).toBe(1920)
    expect(png.readUInt32BE(20)).toBe(1080)
    // the hall is drawn, not a blank picture: a 1920x1080 PNG of one colour is a few KB
    expect(png.length).toBeGreaterThan(50_000)
  })

  it(
    'saves a frame-accurate WebM of the replay at 24 fps and 20x',
    { timeout: 480_000 },
    async () => {
      const speedUp = 20
      const fps = 24
      await panel().getByLabel('Video size').selectOption('1280x720')
      await panel().getByLabel('Frames per second').selectOption(String(fps))
      await panel().getByLabel('Speed-up').fill(String(speedUp))
      await panel().getByRole('button', { name: 'Save WebM' }).click()
      await panel().getByTestId('export-progress').waitFor(wait)
      const done = await settled()
      expect(done).toMatch(/^Saved the video to /)
      const webm = readFileSync(savedPath(done))
      expect([...webm.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3])
      const expected = replayEndS / speedUp
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
        JSON.stringify({ duration, expected, replayEndS, speedUp, fps })
      )
    }
  )

  it('saves the HTML report, and its page prints to a PDF with the KPI table', async () => {
    await panel().getByRole('button', { name: 'Save HTML' }).click()
    const done = await settled()
    expect(done).toMatch(/^Saved the report to /)
    const html = readFileSync(savedPath(done), 'utf8')
    expect(html).toContain('Output tokens/s per decode chip')
    expect(html).toMatch(/src="data:image\/png;base64,/)

    // the browser view's PDF: the report opened in a new tab, printed (page.pdf is the print path)
    const [report] = await Promise.all([
      page.context().waitForEvent('page'),
      panel().getByRole('link', { name: 'Open report' }).click()
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

    // Save PDF here says to print the report instead
    await panel().getByRole('button', { name: 'Save PDF' }).click()
    expect(await settled()).toMatch(/PDF export needs the desktop app.*Print/)
  })

  it('left only the exported files behind, and no console errors', () => {
    const files = readdirSync(out).filter((f) => f.startsWith('.'))
    expect(files).toEqual([])
    expect(existsSync(join(out, 'not-a-folder.txt'))).toBe(true)
    expect(problems).toEqual([])
  })
})
