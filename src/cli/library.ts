import { dataDir, libraryPath } from '../main/services/library/dataDir'
import { RunStore } from '../main/services/library/runStore'
import { UsageError } from './command'

/** `--data-dir`: a folder; absent means TWIN_DATA_DIR, else the app's own data folder. */
export const DATA_DIR_HELP =
  "--data-dir <dir>     the run library's folder (default: TWIN_DATA_DIR, else the desktop app's)"

export function dataDirFlag(value: string | boolean | undefined): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError('--data-dir needs a folder')
  return value
}

/** The run library the desktop app uses (or the one --data-dir names), opened for the CLI. */
export function openCliLibrary(flag: string | boolean | undefined): RunStore {
  return new RunStore(libraryPath(dataDir(dataDirFlag(flag))))
}
