import { randomBytes } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DesktopElectron } from './types'

export type PrintElectron = Pick<DesktopElectron, 'BrowserWindow'>

/**
 * Prints a self-contained HTML report to PDF through Chromium's print path: a hidden,
 * sandboxed window without scripts loads the page from a temporary file (a report with its
 * images inlined is too long for a data: URL), then `printToPDF`. The file and the window go
 * away whatever happens.
 */
export async function printHtmlToPdf(
  electron: PrintElectron,
  html: string,
  dir: string = tmpdir()
): Promise<Uint8Array> {
  const file = join(dir, `twin-report-${randomBytes(6).toString('hex')}.html`)
  await writeFile(file, html, { encoding: 'utf8', flag: 'wx' })
  const window = new electron.BrowserWindow({
    show: false,
    width: 1024,
    height: 1400,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true
    }
  })
  try {
    await window.loadFile(file)
    const pdf = await window.webContents.printToPDF({
      printBackground: true,
      pageSize: 'A4',
      margins: { marginType: 'default' }
    })
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
  } finally {
    window.destroy()
    await rm(file, { force: true })
  }
}
