import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  renameSync,
  rmSync
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { FALLBACK_HINT, shortReason } from './electron-binary.mjs'

const CACHE = ['node_modules', '.cache', 'supernode-twin']

/** Same path as src/main/electron/nativeBinding.ts; the app passes it to better-sqlite3. */
export function electronNativeBindingPath(appRoot, electronVersion) {
  return join(appRoot, ...CACHE, `electron-${electronVersion}`, 'better_sqlite3.node')
}

/**
 * Environment that makes better-sqlite3's install (prebuild-install, else node-gyp) target
 * Electron: prebuilt binaries and headers for Electron's ABI instead of Node's.
 */
export function electronBuildEnv(env, electronVersion) {
  return {
    ...env,
    npm_config_runtime: 'electron',
    npm_config_target: electronVersion,
    npm_config_disturl: 'https://electronjs.org/headers',
    npm_config_build_from_source: 'false'
  }
}

export function nativeBuildFailedMessage(electronVersion, reason) {
  return `Supernode Twin: better-sqlite3 could not be built for Electron ${electronVersion} (${reason}); it needs the network (GitHub, electronjs.org) or a C++ toolchain; ${FALLBACK_HINT}.`
}

/** npm as a child: the npm that started us (no PATH or .cmd shim needed), else from PATH. */
function npmCommand() {
  const npmCli = process.env.npm_execpath
  if (npmCli && basename(npmCli) === 'npm-cli.js') {
    return { command: process.execPath, prefix: [npmCli] }
  }
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', prefix: [] }
}

/**
 * Builds better-sqlite3 for Electron once per Electron version, in a copy so the Node build in
 * node_modules stays for tests and the CLI. `--nodedir=` clears a nodedir from the user's npm
 * config: node-gyp would otherwise compile against Node's headers and produce the wrong ABI.
 */
export function ensureElectronNative(appRoot, electronVersion, env = process.env) {
  const target = electronNativeBindingPath(appRoot, electronVersion)
  if (existsSync(target)) return { ok: true, path: target, built: false }
  try {
    return buildForElectron(appRoot, electronVersion, env, target)
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
}

function buildForElectron(appRoot, electronVersion, env, target) {
  // The real directory: copying a symlink (pnpm, npm link) would make the build below run in,
  // and wipe, the Node build it must leave alone.
  const source = realpathSync(join(appRoot, 'node_modules', 'better-sqlite3'))
  const cache = join(appRoot, ...CACHE)
  mkdirSync(cache, { recursive: true })
  const work = mkdtempSync(join(cache, 'build-'))
  try {
    const copy = join(work, 'better-sqlite3')
    cpSync(source, copy, {
      recursive: true,
      dereference: true,
      filter: (path) => path !== join(source, 'build')
    })
    if (lstatSync(copy).isSymbolicLink()) return { ok: false, reason: 'could not copy the package' }
    const npm = npmCommand()
    const result = spawnSync(npm.command, [...npm.prefix, 'run', 'install', '--nodedir='], {
      cwd: copy,
      env: electronBuildEnv(env, electronVersion),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: npm.command.endsWith('.cmd'),
      timeout: 20 * 60 * 1000
    })
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node')
    if (result.status !== 0 || !existsSync(built)) {
      const output = `${result.error?.message ?? ''}\n${result.stderr ?? ''}\n${result.stdout ?? ''}`
      return { ok: false, reason: shortReason(output, `install exited with code ${result.status}`) }
    }
    mkdirSync(dirname(target), { recursive: true })
    // Move into place in one step so an interrupted run never leaves half a binary behind.
    cpSync(built, `${target}.partial`)
    renameSync(`${target}.partial`, target)
    return { ok: true, path: target, built: true }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
