import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type PrintElectron, printHtmlToPdf } from '../../../src/main/electron/pdfPrinter'

/** a hidden window that "prints" the file it loaded */
function fakeElectron(fail = false) {
  const windows: FakeWindow[] = []
  class FakeWindow {
    loaded: string | null = null
    destroyed = false
    constructor(readonly options: { show: boolean; webPreferences: Record<string, unknown> }) {
      windows.push(this)
    }
    loadFile(path: string): Promise<void> {
      this.loaded = readFileSync(path, 'utf8')
      return Promise.resolve()
    }
    webContents = {
      printToPDF: (): Promise<Buffer> =>
        fail
          ? Promise.reject(new Error('printing failed'))
          : Promise.resolve(Buffer.from(`%PDF-1.4 ${this.loaded ?? ''}`))
    }
    destroy(): void {
      this.destroyed = true
    }
  }
  return { electron: { BrowserWindow: FakeWindow } as unknown as PrintElectron, windows }
}

describe('printHtmlToPdf', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'twin-pdf-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('prints the page in a hidden window without scripts, then removes window and file', async () => {
    const { electron, windows } = fakeElectron()
    const pdf = await printHtmlToPdf(electron, '<p>KPI table</p>', dir)
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.4 <p>KPI table</p>')
    expect(windows).toHaveLength(1)
    expect(windows[0]!.options.show).toBe(false)
    expect(windows[0]!.options.webPreferences).toMatchObject({ sandbox: true, javascript: false })
    expect(windows[0]!.destroyed).toBe(true)
    expect(readdirSync(dir)).toEqual([])
  })

  it('cleans up when printing fails', async () => {
    const { electron, windows } = fakeElectron(true)
    await expect(printHtmlToPdf(electron, '<p>x</p>', dir)).rejects.toThrow('printing failed')
    expect(windows[0]!.destroyed).toBe(true)
    expect(readdirSync(dir)).toEqual([])
    expect(existsSync(dir)).toBe(true)
  })
})
