import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DOCS } from '../../../src/main/electron/menuTemplate'
import pkg from '../../../package.json'

// electron-builder cannot run on these offline machines (it downloads Electron for each
// target), so its configuration is checked here against what the app needs at run time.

/** The parts of electron-builder's Configuration checked here. */
interface BuilderConfig {
  appId: string
  productName: string
  extraMetadata: { homepage: string }
  files: string[]
  extraResources: { from: string; to: string }[]
  asar: boolean
  asarUnpack: string[]
  npmRebuild: boolean
  fileAssociations: { ext: string; name: string; role: string }[]
  linux: { target: string[]; maintainer: string }
  mac: { target: string[] }
  win: { target: string[] }
}

// imported by URL: the config is plain JavaScript for electron-builder, with no types of its own
const config = (
  (await import(new URL('../../../electron-builder.js', import.meta.url).href)) as {
    default: BuilderConfig
  }
).default

const root = new URL('../../../', import.meta.url).pathname
const at = (path: string): string => join(root, path)
const built = existsSync(at('out/main/index.js'))

/** asarUnpack patterns are folder globs ('dir/**'), so "is it unpacked" is a prefix test. */
const unpacked = (path: string): boolean =>
  config.asarUnpack.some((pattern) => path.startsWith(pattern.slice(0, -'**'.length)))

/** The packages a file loads by bare name (import, require, dynamic import). */
function bareImports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const names = new Set<string>()
  for (const match of text.matchAll(
    /(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)["']([^"'./][^"']*)["']/g
  )) {
    const specifier = match[1]!
    const name = specifier.startsWith('@')
      ? specifier.split('/').slice(0, 2).join('/')
      : specifier.split('/')[0]!
    if (!isBuiltin(specifier) && name !== 'electron') names.add(name)
  }
  return [...names]
}

const scripts = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(c|m)?js$/.test(f) && !f.split(/[\\/]/).includes('node_modules'))
    .map((f) => join(dir, f))

/** Every package the engine worker loads at run time, following each package's own requires. */
function workerPackages(): string[] {
  const seen = new Set<string>()
  const pending = scripts(at('out/main')).flatMap(bareImports)
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue
    seen.add(name)
    const dir = at(`node_modules/${name}`)
    expect(existsSync(dir), `${name} is loaded by the worker but not installed`).toBe(true)
    pending.push(
      ...scripts(dir)
        .flatMap(bareImports)
        .filter((n) => existsSync(at(`node_modules/${n}`)))
    )
  }
  return [...seen].sort()
}

describe('the installer configuration (electron-builder.js)', () => {
  it('builds AppImage and deb, dmg, and NSIS, as Supernode Twin', () => {
    expect(config.productName).toBe('Supernode Twin')
    expect(config.productName).toBe(pkg.productName)
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/)
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toEqual(['dmg'])
    expect(config.win.target).toEqual(['nsis'])
    // deb refuses to build without both
    expect(config.linux.maintainer).toMatch(/^.+ <.+@.+>$/)
    expect(config.extraMetadata.homepage).toMatch(/^https:\/\//)
  })

  it('packs the build output, with package.json main among it', () => {
    expect(config.files).toEqual(['out/**', 'package.json'])
    expect(pkg.main.replace(/^\.\//, '')).toMatch(/^out\//)
  })

  it('ships presets, traces and docs where src/main/index.ts looks for them', () => {
    expect(config.extraResources).toContainEqual({ from: 'resources', to: 'resources' })
    for (const { from } of config.extraResources) expect(existsSync(at(from)), from).toBe(true)
    const shipped = (path: string) =>
      config.extraResources.some(
        ({ from, to }) => from === to && (path === from || path.startsWith(`${from}/`))
      )
    for (const doc of DOCS) {
      expect(shipped(doc.path), doc.path).toBe(true)
      expect(existsSync(at(doc.path)), doc.path).toBe(true)
    }
    expect(existsSync(at('resources/traces/README.md'))).toBe(true)
  })

  it('rebuilds better-sqlite3 for Electron and keeps its .node outside the archive', () => {
    expect(config.npmRebuild).toBe(true)
    expect(config.asar).toBe(true)
    for (const pattern of config.asarUnpack) expect(pattern).toMatch(/^[^*]+\/\*\*$/)
    const native = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'
    expect(statSync(at(native)).isFile()).toBe(true)
    expect(unpacked(native)).toBe(true)
    expect(unpacked('node_modules/ws/index.js')).toBe(false)
  })

  it('opens .twinrun files with the app', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'twinrun', name: 'Supernode Twin run', role: 'Editor' })
    ])
  })

  it.skipIf(!built)(
    'unpacks the engine worker and every package it loads (after npm run build)',
    () => {
      for (const file of ['out/main/index.js', 'out/main/engineWorker.js', 'out/preload/index.cjs'])
        expect(existsSync(at(file)), file).toBe(true)
      expect(unpacked('out/main/engineWorker.js')).toBe(true)
      const packages = workerPackages()
      expect(packages).toEqual(expect.arrayContaining(['better-sqlite3', 'bindings', 'zod']))
      for (const name of packages)
        expect(unpacked(`node_modules/${name}/package.json`), name).toBe(true)
    }
  )

  it('is named by the dist script', () => {
    expect(pkg.scripts.dist).toMatch(
      /^electron-vite build && npx --yes electron-builder@\d+\.\d+\.\d+ /
    )
  })
})
