import { join } from 'node:path'

/**
 * Where `scripts/electron-native.mjs` (run by `npm start`) puts better-sqlite3 compiled for
 * Electron's ABI. node_modules/better-sqlite3 keeps its build for plain Node (tests, CLI), so
 * one install serves both. Inside Electron, open databases with
 * `new Database(file, { nativeBinding: electronNativeBindingPath(app.getAppPath(), process.versions.electron) })`.
 * Keep in step with `electronNativeBindingPath` in scripts/electron-native.mjs (a test checks).
 */
export function electronNativeBindingPath(appRoot: string, electronVersion: string): string {
  return join(
    appRoot,
    'node_modules',
    '.cache',
    'supernode-twin',
    `electron-${electronVersion}`,
    'better_sqlite3.node'
  )
}
