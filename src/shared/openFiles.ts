import { MAX_EXPORT_BYTES } from './exports'

/**
 * Opening a saved run or a scenario file from the view (drag and drop): app.openPath in the
 * desktop app, which knows the dropped file's path, and app.openDropped in the browser view,
 * which sends the file's bytes. Main opens both as it opens a file from the command line.
 */

/** what opening a file did, for the view to confirm */
export interface OpenedFile {
  /** the file's name, as the user knows it */
  file: string
  /** 'replay': a saved run was imported and its replay opened; 'run': a scenario was started */
  kind: 'replay' | 'run'
  /** the imported run, or the run started (null when it is not being saved) */
  runId: string | null
  /** the run's name, or the scenario's */
  name: string
}

/** the extensions the app opens, lower case */
export const OPENABLE_EXTENSIONS = ['.twinrun', '.json'] as const

export const OPENABLE_FILES =
  'Supernode Twin opens saved runs (.twinrun) and scenario files (.json)'

/** whether a file name ends in an extension the app opens (any case) */
export function isOpenableName(name: string): boolean {
  const lower = name.toLowerCase()
  return OPENABLE_EXTENSIONS.some((extension) => lower.endsWith(extension))
}

/**
 * The largest file the browser view accepts by drop: what its WebSocket carries as base64
 * (the export bound; a .twinrun holds about 10 MB per simulated hour). The desktop app opens
 * a dropped file by its path, at any size.
 */
export const MAX_DROPPED_BYTES = MAX_EXPORT_BYTES

/** a bare file name: no folders, nothing that resolves outside the folder it is written to */
export function isBareFileName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[/\\\x00-\x1f]/.test(name) && name !== '.' && name !== '..'
}

/**
 * The preload's second, narrow bridge (`window.twinFiles`): the path of a file the user
 * dropped, which a sandboxed page cannot read from a File itself. Null for a File that is not
 * on disk (one the page made).
 */
export interface TwinFiles {
  pathFor(file: object): string | null
}
