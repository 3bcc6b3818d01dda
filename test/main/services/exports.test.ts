import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TwinError } from '../../../src/shared/errors'
import { exportFileName, isBase64 } from '../../../src/shared/exports'
import { parseRequest } from '../../../src/shared/requests'
import {
  NO_DIALOG_MESSAGE,
  NO_PDF_MESSAGE,
  exportHandlers
} from '../../../src/main/services/exportsApi'
import type { FilePurpose } from '../../../src/main/services/libraryApi'

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3
])
const b64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64')

/** parses like main does, then calls the handler */
async function save(handlers: ReturnType<typeof exportHandlers>, args: unknown) {
  const request = parseRequest('exports.save', args)
  if (!request.ok) throw new TwinError(request.error)
  return handlers['exports.save'](request.args as never)
}

async function failure(promise: Promise<unknown>): Promise<TwinError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof TwinError) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

describe('exports.save', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'twin-exports-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('writes exactly the bytes given to the path given', async () => {
    const handlers = exportHandlers({})
    const path = join(dir, 'shot.png')
    const result = await save(handlers, {
      kind: 'png',
      suggestedName: 'shot',
      path,
      data: b64(PNG)
    })
    expect(result).toEqual({ path, bytes: PNG.byteLength })
    expect(new Uint8Array(readFileSync(path))).toEqual(PNG)
    expect(readdirSync(dir)).toEqual(['shot.png'])
  })

  it('writes text reports byte for byte (UTF-8 included)', async () => {
    const html = '<!doctype html><p>tokens/s per chip · 1 943 — ✓</p>'
    const path = join(dir, 'report.html')
    await save(exportHandlers({}), { kind: 'html', suggestedName: 'r', path, data: b64(html) })
    expect(readFileSync(path, 'utf8')).toBe(html)
  })

  it('asks the file dialog with the kind and a clean name, and writes nothing when cancelled', async () => {
    const asked: [FilePurpose, string][] = []
    const target = join(dir, 'picked.png')
    let answer: string | null = target
    const handlers = exportHandlers({
      pickFile: (purpose, name) => {
        asked.push([purpose, name])
        return Promise.resolve(answer)
      }
    })
    const data = b64(PNG)
    expect(await save(handlers, { kind: 'png', suggestedName: 'Hall / 4K', data })).toEqual({
      path: target,
      bytes: PNG.byteLength
    })
    expect(asked).toEqual([['export-png', 'Hall-4K.png']])
    answer = null
    rmSync(target)
    expect(await save(handlers, { kind: 'png', suggestedName: 'x', data })).toEqual({
      path: null,
      bytes: 0
    })
    expect(readdirSync(dir)).toEqual([])
  })

  it('without a dialog, asks for a path at the path field', async () => {
    const error = await failure(
      save(exportHandlers({}), { kind: 'png', suggestedName: 'x', data: b64(PNG) })
    )
    expect(error.field).toBe('path')
    expect(error.message).toBe(NO_DIALOG_MESSAGE)
  })

  it('an unwritable path: a clear error naming it, nothing left behind, the old file kept', async () => {
    const handlers = exportHandlers({})
    const data = b64(PNG)
    // a folder that does not exist
    const missing = join(dir, 'no-such-folder', 'shot.png')
    const e1 = await failure(
      save(handlers, { kind: 'png', suggestedName: 'x', path: missing, data })
    )
    expect(e1.field).toBe('path')
    expect(e1.message).toContain(`'${missing}'`)
    expect(e1.message).toContain('nothing was written')
    // a path that is a folder: the temporary file is written, the rename fails, the temp goes
    const folder = join(dir, 'folder.png')
    mkdirSync(folder)
    writeFileSync(join(dir, 'keep.png'), 'old')
    const e2 = await failure(
      save(handlers, { kind: 'png', suggestedName: 'x', path: folder, data })
    )
    expect(e2.message).toContain(`'${folder}'`)
    expect(readdirSync(dir).sort()).toEqual(['folder.png', 'keep.png'])
    expect(readdirSync(folder)).toEqual([])
    expect(readFileSync(join(dir, 'keep.png'), 'utf8')).toBe('old')
    // a file in place of a folder
    const underFile = join(dir, 'keep.png', 'shot.png')
    const e3 = await failure(
      save(handlers, { kind: 'png', suggestedName: 'x', path: underFile, data })
    )
    expect(e3.message).toContain(`'${underFile}'`)
    expect(readFileSync(join(dir, 'keep.png'), 'utf8')).toBe('old')
  })

  it('refuses data that is not base64 or not the kind it claims, writing nothing', async () => {
    const handlers = exportHandlers({})
    const path = join(dir, 'x.webm')
    const notBase64 = await failure(
      save(handlers, { kind: 'webm', suggestedName: 'x', path, data: 'not base64!' })
    )
    expect(notBase64.field).toBe('data')
    const wrongKind = await failure(
      save(handlers, { kind: 'webm', suggestedName: 'x', path, data: b64(PNG) })
    )
    expect(wrongKind.field).toBe('data')
    expect(wrongKind.message).toContain('not a WebM video')
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('exports.pdf', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'twin-exports-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('is unavailable without the desktop printer and points at the report Print button', async () => {
    const error = await failure(
      Promise.resolve(
        exportHandlers({})['exports.pdf']({ html: '<p>x</p>', suggestedName: 'r.pdf' })
      )
    )
    expect(error.code).toBe('unavailable')
    expect(error.message).toBe(NO_PDF_MESSAGE)
    expect(error.message).toContain('Print')
  })

  it('prints the HTML and writes the PDF', async () => {
    const printed: string[] = []
    const pdf = new TextEncoder().encode('%PDF-1.7\n%fake')
    const handlers = exportHandlers({
      printPdf: (html) => {
        printed.push(html)
        return Promise.resolve(pdf)
      }
    })
    const path = join(dir, 'report.pdf')
    const result = await handlers['exports.pdf']({
      html: '<p>KPI</p>',
      suggestedName: 'report',
      path
    })
    expect(result).toEqual({ path, bytes: pdf.byteLength })
    expect(printed).toEqual(['<p>KPI</p>'])
    expect(readFileSync(path, 'utf8')).toBe('%PDF-1.7\n%fake')
  })
})

describe('export helpers', () => {
  it('checks base64 strictly', () => {
    expect(isBase64(b64(PNG))).toBe(true)
    expect(isBase64('QUJD')).toBe(true)
    expect(isBase64('QUI=')).toBe(true)
    expect(isBase64('QU=I')).toBe(false)
    expect(isBase64('QUJ')).toBe(false)
  })
  it('names files with the kind extension once', () => {
    expect(exportFileName('Default run.png', 'png')).toBe('Default-run.png')
    expect(exportFileName('', 'webm')).toBe('export.webm')
  })
})
