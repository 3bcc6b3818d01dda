import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  electronBuildEnv,
  electronNativeBindingPath,
  ensureElectronNative,
  nativeBuildFailedMessage
} from '../../scripts/electron-native.mjs'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** An app root whose better-sqlite3 "install" is the given script (the real one compiles for a minute). */
function appWithInstall(install: string): string {
  const root = mkdtempSync(join(tmpdir(), 'twin-native-'))
  roots.push(root)
  const pkg = join(root, 'node_modules', 'better-sqlite3')
  mkdirSync(join(pkg, 'build', 'Release'), { recursive: true })
  writeFileSync(join(pkg, 'build', 'Release', 'better_sqlite3.node'), 'node build')
  writeFileSync(join(pkg, 'install.cjs'), install)
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: 'better-sqlite3',
      version: '0.0.0',
      scripts: { install: 'node install.cjs' }
    })
  )
  return root
}

const cacheDir = (root: string) => join(root, 'node_modules', '.cache', 'supernode-twin')

describe('ensureElectronNative', () => {
  it('does nothing when the build for this Electron version is cached', () => {
    const root = appWithInstall('process.exit(9)')
    const target = electronNativeBindingPath(root, '41.7.1')
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, 'cached')
    expect(ensureElectronNative(root, '41.7.1')).toEqual({ ok: true, path: target, built: false })
  })

  it('builds in a copy without build/, for Electron, and caches the result', () => {
    // Writes what it was asked to build for, so the test sees the environment it ran in.
    const root = appWithInstall(`
      const fs = require('fs')
      if (fs.existsSync('build')) { console.error('Error: the Node build was copied'); process.exit(1) }
      fs.mkdirSync('build/Release', { recursive: true })
      const e = process.env
      fs.writeFileSync('build/Release/better_sqlite3.node',
        [e.npm_config_runtime, e.npm_config_target, e.npm_config_disturl, 'nodedir=' + (e.npm_config_nodedir ?? '')].join(' '))`)
    const result = ensureElectronNative(root, '41.7.1', {
      ...process.env,
      npm_config_nodedir: '/usr'
    })
    const target = electronNativeBindingPath(root, '41.7.1')
    expect(result).toEqual({ ok: true, path: target, built: true })
    expect(readFileSync(target, 'utf8')).toBe(
      'electron 41.7.1 https://electronjs.org/headers nodedir='
    )
    expect(
      readFileSync(
        join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
        'utf8'
      )
    ).toBe('node build')
    expect(readdirSync(cacheDir(root)).sort()).toEqual(['electron-41.7.1'])
  }, 30_000)

  it('never builds inside a linked package (pnpm, npm link): the Node build stays', () => {
    const root = appWithInstall(`
      const fs = require('fs')
      fs.rmSync('build', { recursive: true, force: true }) // node-gyp rebuild starts with a clean
      fs.mkdirSync('build/Release', { recursive: true })
      fs.writeFileSync('build/Release/better_sqlite3.node', 'electron build')`)
    const modules = join(root, 'node_modules')
    renameSync(join(modules, 'better-sqlite3'), join(root, 'store'))
    symlinkSync(join(root, 'store'), join(modules, 'better-sqlite3'), 'junction')
    expect(ensureElectronNative(root, '41.7.1')).toMatchObject({ ok: true, built: true })
    expect(
      readFileSync(join(root, 'store', 'build', 'Release', 'better_sqlite3.node'), 'utf8')
    ).toBe('node build')
    expect(readFileSync(electronNativeBindingPath(root, '41.7.1'), 'utf8')).toBe('electron build')
  }, 30_000)

  it('reports a missing package instead of throwing', () => {
    const root = appWithInstall('')
    rmSync(join(root, 'node_modules', 'better-sqlite3'), { recursive: true })
    expect(ensureElectronNative(root, '41.7.1')).toMatchObject({ ok: false })
  })

  it('reports a failed build in one line and leaves nothing behind', () => {
    const root = appWithInstall(
      `console.error('gyp ERR! stack Error: getaddrinfo ENOTFOUND electronjs.org'); process.exit(1)`
    )
    const result = ensureElectronNative(root, '41.7.1')
    expect(result).toEqual({
      ok: false,
      reason: 'stack Error: getaddrinfo ENOTFOUND electronjs.org'
    })
    expect(existsSync(electronNativeBindingPath(root, '41.7.1'))).toBe(false)
    expect(readdirSync(cacheDir(root))).toEqual([])
  }, 30_000)
})

describe('electronBuildEnv and messages', () => {
  it('targets Electron headers and prebuilt binaries, keeping the rest of the environment', () => {
    const env = electronBuildEnv({ PATH: '/bin', npm_config_runtime: 'node' }, '41.7.1')
    expect(env).toMatchObject({
      PATH: '/bin',
      npm_config_runtime: 'electron',
      npm_config_target: '41.7.1',
      npm_config_disturl: 'https://electronjs.org/headers'
    })
  })

  it('explains a failed build in one line with what works instead', () => {
    const message = nativeBuildFailedMessage('41.7.1', 'getaddrinfo ENOTFOUND github.com')
    expect(message).not.toContain('\n')
    expect(message).toContain('better-sqlite3 could not be built for Electron 41.7.1')
    expect(message).toContain('npm run twin -- serve')
  })
})
