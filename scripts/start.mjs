#!/usr/bin/env node
// `npm start` / `npm run dev`: make sure Electron and its native modules are there, then
// hand over to electron-vite (preview = build + launch; dev = dev server + launch).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  electronBinaryPath,
  electronDownloadFailedMessage,
  electronVersion,
  installElectron
} from './electron-binary.mjs'
import {
  electronNativeBindingPath,
  ensureElectronNative,
  nativeBuildFailedMessage
} from './electron-native.mjs'

const appRoot = dirname(dirname(fileURLToPath(import.meta.url)))
const electronDir = join(appRoot, 'node_modules', 'electron')

function fail(message) {
  console.error(message)
  process.exit(1)
}

let version
try {
  version = electronVersion(appRoot)
} catch {
  fail('Supernode Twin: node_modules/electron is missing; run npm install (or npm ci) first.')
}

if (!electronBinaryPath(electronDir)) {
  console.log(`Supernode Twin: downloading Electron ${version} (first start only)...`)
  const installed = installElectron(electronDir)
  if (!installed.ok) fail(electronDownloadFailedMessage(version, installed.reason))
}

if (!existsSync(electronNativeBindingPath(appRoot, version))) {
  console.log(
    `Supernode Twin: building better-sqlite3 for Electron ${version} (first start only)...`
  )
}
const native = ensureElectronNative(appRoot, version)
if (!native.ok) fail(nativeBuildFailedMessage(version, native.reason))

const mode = process.argv.includes('--dev') ? 'dev' : 'preview'
const cli = join(appRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
const run = spawnSync(process.execPath, [cli, mode], { cwd: appRoot, stdio: 'inherit' })
if (run.error) fail(`Supernode Twin: could not run electron-vite (${run.error.message}).`)
process.exit(run.status ?? 1)
