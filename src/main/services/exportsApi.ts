import { resolve } from 'node:path'
import type { TwinParsedArgs, TwinResults } from '../../shared/api'
import { TwinError } from '../../shared/errors'
import { type ExportKind, exportFileName, hasSignature } from '../../shared/exports'
import type { FilePicker, FilePurpose } from './libraryApi'
import { writeFileAtomic } from './scenarioEditorApi'

type Method = 'exports.save' | 'exports.pdf'
export type ExportHandlers = {
  [M in Method]: (args: TwinParsedArgs<M>) => TwinResults[M] | Promise<TwinResults[M]>
}

/** Prints a self-contained HTML page to PDF (the desktop app: a hidden window's printToPDF). */
export type PdfPrinter = (html: string) => Promise<Uint8Array>

export interface ExportApiDeps {
  /** the desktop app's file dialogs; without it (browser view, CLI), a path must be given */
  pickFile?: FilePicker | undefined
  /** the desktop app's PDF printer; without it exports.pdf is unavailable */
  printPdf?: PdfPrinter | undefined
}

const PURPOSES: Record<ExportKind, FilePurpose> = {
  png: 'export-png',
  webm: 'export-webm',
  html: 'export-html',
  pdf: 'export-pdf'
}

const WHAT: Record<ExportKind, string> = {
  png: 'a PNG image',
  webm: 'a WebM video',
  html: 'an HTML report',
  pdf: 'a PDF'
}

export const NO_DIALOG_MESSAGE =
  'give a path to save to: there is no file dialog in the browser view (the desktop app has one)'
export const NO_PDF_MESSAGE =
  'PDF export needs the desktop app; in the browser view open the HTML report and use its Print button (Save as PDF)'

/**
 * exports.save and exports.pdf: writes what the view exported (screenshot, video, report)
 * whole or not at all, to the path given or one the user picks.
 */
export function exportHandlers(deps: ExportApiDeps): ExportHandlers {
  const pathFor = async (
    given: string | undefined,
    kind: ExportKind,
    suggestedName: string
  ): Promise<string | null> => {
    if (given !== undefined) return resolve(given)
    if (!deps.pickFile) {
      throw new TwinError({ code: 'invalid-argument', message: NO_DIALOG_MESSAGE, field: 'path' })
    }
    const picked = await deps.pickFile(PURPOSES[kind], exportFileName(suggestedName, kind))
    return picked === null ? null : resolve(picked)
  }

  const write = async (
    kind: ExportKind,
    bytes: Uint8Array,
    suggestedName: string,
    given: string | undefined
  ): Promise<TwinResults['exports.save']> => {
    if (!hasSignature(kind, bytes)) {
      throw new TwinError({
        code: 'invalid-argument',
        message: `the data is not ${WHAT[kind]}; nothing was written`,
        field: 'data'
      })
    }
    const path = await pathFor(given, kind, suggestedName)
    if (path === null) return { path: null, bytes: 0 }
    writeFileAtomic(path, bytes)
    return { path, bytes: bytes.byteLength }
  }

  return {
    'exports.save': ({ kind, suggestedName, path, data }) =>
      write(kind, Buffer.from(data, 'base64'), suggestedName, path),
    'exports.pdf': async ({ html, suggestedName, path }) => {
      if (!deps.printPdf) {
        throw new TwinError({ code: 'unavailable', message: NO_PDF_MESSAGE })
      }
      // ask for the path first: a cancelled dialog prints nothing
      const target = await pathFor(path, 'pdf', suggestedName)
      if (target === null) return { path: null, bytes: 0 }
      const pdf = await deps.printPdf(html)
      return write('pdf', pdf, suggestedName, target)
    }
  }
}
