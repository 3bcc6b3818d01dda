import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** What works without the desktop app; every failure message ends with it. */
export const FALLBACK_HINT =
  'the browser view (npm run build, then npm run twin -- serve) and the CLI (npm run twin -- --help) work without it'

/** The Electron version installed in node_modules (its package.json, not the binary). */
export function electronVersion(appRoot) {
  const file = join(appRoot, 'node_modules', 'electron', 'package.json')
  return JSON.parse(readFileSync(file, 'utf8')).version
}

/**
 * The Electron executable that node_modules/electron points at, or null when it is missing.
 * Mirrors electron/index.js: path.txt names the executable relative to dist/.
 */
export function electronBinaryPath(electronDir, env = process.env) {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const relative = readFileSync(pathFile, 'utf8').trim()
  if (!relative) return null
  const base = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist')
  const binary = join(base, relative)
  return existsSync(binary) ? binary : null
}

const TOOL_PREFIX =
  /^(gyp (ERR!|WARN)|npm (ERR!|error|warn)|prebuild-install (warn|info|err!?)( install)?)\s*/i

/**
 * The first line of a failed tool's output that says what went wrong, without stack frames
 * or npm/gyp chatter, for a one-line message.
 */
export function shortReason(output, fallback = 'no details') {
  const lines = String(output ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(TOOL_PREFIX, '').trim())
    .filter((line) => line && !/^at\s/.test(line))
  const network = lines.find((line) =>
    /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT)\b/.test(line)
  )
  const error = lines.find((line) => /error/i.test(line))
  const reason = network ?? error ?? lines.at(-1) ?? fallback
  return reason.length > 160 ? `${reason.slice(0, 157)}...` : reason
}

export function electronDownloadFailedMessage(version, reason) {
  return `Supernode Twin: Electron ${version} could not be downloaded (${reason}); ${FALLBACK_HINT}.`
}

/**
 * Runs Electron's own installer (the postinstall step that npm skipped) and reports whether
 * the binary is there afterwards. Its output is kept for the one-line reason on failure.
 */
export function installElectron(electronDir, env = process.env) {
  // The variable that made npm skip the download must not make this attempt a no-op too.
  const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ...installEnv } = env
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    env: installEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30 * 60 * 1000
  })
  if (electronBinaryPath(electronDir, env)) return { ok: true }
  const output = `${result.error?.message ?? ''}\n${result.stderr ?? ''}\n${result.stdout ?? ''}`
  return { ok: false, reason: shortReason(output, `installer exited with code ${result.status}`) }
}
