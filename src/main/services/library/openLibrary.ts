import { libraryPath } from './dataDir'
import { RunStore } from './runStore'

export interface OpenedLibrary {
  /** null when the library could not be opened; `error` then says why */
  store: RunStore | null
  path: string
  error: string | null
  /** runs found cut off by an earlier crash and marked interrupted */
  interrupted: number
}

/**
 * Opens the run library in a data folder for the app or the browser view. A library that
 * cannot be opened (damaged, from a newer build, unwritable folder) leaves the twin usable
 * without saving and the file untouched: the error is shown, nothing is overwritten.
 */
export function openRunLibrary(dir: string, nativeBinding?: string): OpenedLibrary {
  let path = dir
  try {
    path = libraryPath(dir)
    const store = new RunStore(path, nativeBinding ? { nativeBinding } : {})
    return { store, path, error: null, interrupted: store.markInterrupted() }
  } catch (error) {
    return { store: null, path, error: (error as Error).message, interrupted: 0 }
  }
}
