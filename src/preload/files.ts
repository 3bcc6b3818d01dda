import type { TwinFiles } from '../shared/openFiles'

/** The part of Electron's webUtils the bridge uses: a parameter so tests can pass a fake. */
export interface PreloadWebUtils {
  /** Electron's webUtils.getPathForFile: '' for a File that is not on disk; throws for a non-File */
  getPathForFile(file: never): string
}

/**
 * `window.twinFiles`: the path of a File the user dropped on the window. With context
 * isolation and the sandbox, the page sees a dropped File without its path; only the preload
 * can ask Electron for it. Nothing else about the disk is exposed: the page then asks main to
 * open that path (app.openPath), as it may ask to import any path (runs.import).
 */
export function createFilesBridge(webUtils: PreloadWebUtils): TwinFiles {
  return {
    pathFor(file: object): string | null {
      try {
        const path = webUtils.getPathForFile(file as never)
        return typeof path === 'string' && path.length > 0 ? path : null
      } catch {
        // not a File (the page passed something else): no path
        return null
      }
    }
  }
}
