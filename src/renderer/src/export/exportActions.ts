import {
  type ExportKind,
  type ExportSaved,
  type KpiComparison,
  type TwinApi,
  call
} from '../../../shared/api'
import { exportFileName } from '../../../shared/exports'
import { TwinError } from '../../../shared/errors'
import { followSceneCapture, sceneCapture } from '../scene/captureRegistry'
import { bytesToBase64, textToBase64 } from '../api/base64'
import { canvasToPng, pngDataUrl } from './encode'
import { buildReportHtml } from './report'

/** a save needs a path the user types: the browser view has no file dialog */
export function needsPath(error: unknown): boolean {
  return error instanceof TwinError && error.field === 'path' && error.code === 'invalid-argument'
}

/** the folder typed, joined with a file name (the twin's machine's separator, as far as can tell) */
export function pathIn(folder: string, name: string): string {
  const trimmed = folder.trim()
  const windows = trimmed.includes('\\') && !trimmed.includes('/')
  const separator = windows ? '\\' : '/'
  return trimmed.endsWith(separator) ? `${trimmed}${name}` : `${trimmed}${separator}${name}`
}

/** Sends bytes to main to be written: to `folder` when given, else where the dialog says. */
export function saveExport(
  api: TwinApi,
  kind: ExportKind,
  name: string,
  data: Uint8Array | string,
  folder: string | null
): Promise<ExportSaved> {
  const suggestedName = exportFileName(name, kind)
  return call(api, 'exports.save', {
    kind,
    suggestedName,
    data: typeof data === 'string' ? textToBase64(data) : bytesToBase64(data),
    ...(folder ? { path: pathIn(folder, suggestedName) } : {})
  })
}

/** the hall's capture, following the hall shown (a tour video may switch it to another system) */
export function requireCapture() {
  if (!sceneCapture()) throw new Error('the 3D view is not ready to capture')
  return followSceneCapture()
}

/** The hall as PNG bytes at width x height. */
export async function screenshotPng(width: number, height: number): Promise<Uint8Array> {
  return canvasToPng(requireCapture().capture(width, height))
}

/** A timestamped name stem: what, and when (local time, to the second). */
export function stampedName(what: string, at = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${what}-${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`
}

/** The report of a saved run: its details, KPI series, a screenshot, the comparison given. */
export async function makeReport(
  api: TwinApi,
  runId: string,
  comparison: KpiComparison | null
): Promise<{ html: string; name: string }> {
  const [details, kpis, info] = await Promise.all([
    call(api, 'runs.get', { id: runId }),
    call(api, 'runs.kpis', { id: runId }),
    call(api, 'app.info', {})
  ])
  const screenshots: { caption: string; dataUrl: string }[] = []
  if (sceneCapture()) {
    const png = await screenshotPng(1600, 900)
    screenshots.push({
      caption: 'The hall as shown when the report was made',
      dataUrl: pngDataUrl(png)
    })
  }
  const html = buildReportHtml({
    details,
    kpis,
    comparison,
    screenshots,
    generatedAt: new Date().toISOString(),
    generator: `${info.name} ${info.version}`
  })
  return { html, name: `${details.run.name}-report` }
}
