/**
 * What the view's exports (screenshots, videos, reports) send to main to be written. Bytes
 * cross both transports as base64 text: the browser view's WebSocket carries JSON only, and one
 * encoding keeps the Electron path the same.
 */
export const EXPORT_KINDS = ['png', 'webm', 'html', 'pdf'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

/** the largest export main accepts, bytes (a minute of 1080p VP9 fits easily) */
export const MAX_EXPORT_BYTES = 64 * 2 ** 20

/** characters of base64 for `bytes` bytes */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4
}

/** true for standard, padded base64 (what btoa and Buffer write) */
export function isBase64(text: string): boolean {
  if (text.length % 4 !== 0) return false
  // a loop, not a regex: the text can be tens of megabytes
  const end = text.endsWith('==')
    ? text.length - 2
    : text.endsWith('=')
      ? text.length - 1
      : text.length
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i)
    const ok =
      (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47
    if (!ok) return false
  }
  return true
}

/** the file extension of each kind */
export const EXPORT_EXTENSIONS: Record<ExportKind, string> = {
  png: 'png',
  webm: 'webm',
  html: 'html',
  pdf: 'pdf'
}

/** the first bytes every file of a kind starts with (html: none required) */
export const EXPORT_SIGNATURES: Record<ExportKind, readonly number[]> = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  webm: [0x1a, 0x45, 0xdf, 0xa3],
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d],
  html: []
}

/** whether `bytes` starts as a file of `kind` must */
export function hasSignature(kind: ExportKind, bytes: Uint8Array): boolean {
  const signature = EXPORT_SIGNATURES[kind]
  return signature.every((b, i) => bytes[i] === b)
}

/** A file name for an export: letters, digits, dashes, the kind's extension; never empty. */
export function exportFileName(name: string, kind: ExportKind): string {
  const extension = EXPORT_EXTENSIONS[kind]
  const stem = name
    .replace(new RegExp(`\\.${extension}$`, 'i'), '')
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
  return `${stem || 'export'}.${extension}`
}

/** exports.save and exports.pdf: where the file went (null: the user cancelled the dialog) */
export interface ExportSaved {
  path: string | null
  bytes: number
}
