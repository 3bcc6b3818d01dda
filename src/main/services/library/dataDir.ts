import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

const APP_FOLDER = 'Supernode Twin'

/**
 * Where the app keeps its data: the same folder Electron names userData for this app on each
 * platform, computed without Electron so that the CLI and the desktop app share one library.
 * `--data-dir` (passed as `explicit`) wins over TWIN_DATA_DIR, which wins over the default.
 */
export function dataDir(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform
): string {
  if (explicit) return explicit
  if (env['TWIN_DATA_DIR']) return env['TWIN_DATA_DIR']
  if (platform === 'win32')
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER)
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), APP_FOLDER)
}

/** The run library's file in a data folder, creating the folder when needed. */
export function libraryPath(dir: string): string {
  mkdirSync(dir, { recursive: true })
  return join(dir, 'runs.sqlite')
}
