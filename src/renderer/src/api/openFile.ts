import { type OpenedFile, type TwinApi, call } from '../../../shared/api'
import { MAX_DROPPED_BYTES, type TwinFiles } from '../../../shared/openFiles'
import { bytesToBase64 } from './base64'

declare global {
  interface Window {
    /** set by the Electron preload: a dropped File's path; absent in the browser view */
    twinFiles?: TwinFiles
  }
}

const MIB = 2 ** 20

/**
 * Asks the twin to open a file the user dropped, as it opens one from the command line. In
 * the desktop app the preload knows the file's path (app.openPath, any size); the browser view
 * has only the bytes, which it sends (app.openDropped, up to MAX_DROPPED_BYTES). Rejects with
 * a message that names the file.
 */
export async function openDroppedFile(
  api: TwinApi,
  file: File,
  files: TwinFiles | undefined = window.twinFiles
): Promise<OpenedFile> {
  const path = files?.pathFor(file) ?? null
  if (path !== null) return call(api, 'app.openPath', { path })
  if (file.size > MAX_DROPPED_BYTES) {
    throw new Error(
      `${file.name} is ${(file.size / MIB).toFixed(1)} MiB, more than the ${MAX_DROPPED_BYTES / MIB} MiB the browser view takes: open it in the desktop app, or import it with \`twin runs import\``
    )
  }
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await file.arrayBuffer())
  } catch (error) {
    throw new Error(`${file.name} could not be read (${(error as Error).message})`, {
      cause: error
    })
  }
  return call(api, 'app.openDropped', { name: file.name, data: bytesToBase64(bytes) })
}

/** the confirmation shown once a dropped file is open */
export function openedNote(opened: OpenedFile): string {
  return opened.kind === 'replay'
    ? `Opened ${opened.file}: replaying “${opened.name}”`
    : `Started “${opened.name}” from ${opened.file}`
}
