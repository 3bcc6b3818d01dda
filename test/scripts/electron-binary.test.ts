import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  FALLBACK_HINT,
  electronBinaryPath,
  electronDownloadFailedMessage,
  electronVersion,
  installElectron,
  shortReason
} from '../../scripts/electron-binary.mjs'

const dirs: string[] = []
function electronDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'twin-electron-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** node_modules/electron as its postinstall leaves it */
function installBinary(dir: string, name = 'electron'): string {
  writeFileSync(join(dir, 'path.txt'), name)
  mkdirSync(join(dir, 'dist'), { recursive: true })
  writeFileSync(join(dir, 'dist', name), '')
  return join(dir, 'dist', name)
}

const noOverride = { ELECTRON_OVERRIDE_DIST_PATH: undefined }

describe('electronBinaryPath', () => {
  it('is null while the binary has not been downloaded', () => {
    const dir = electronDir()
    expect(electronBinaryPath(dir, noOverride)).toBeNull()
    writeFileSync(join(dir, 'path.txt'), 'electron') // path.txt but no dist/
    expect(electronBinaryPath(dir, noOverride)).toBeNull()
    writeFileSync(join(dir, 'path.txt'), '')
    expect(electronBinaryPath(dir, noOverride)).toBeNull()
  })

  it('finds the executable path.txt names under dist/', () => {
    const dir = electronDir()
    const binary = installBinary(dir, 'Electron.app/Contents/MacOS/Electron'.replaceAll('/', '_'))
    expect(electronBinaryPath(dir, noOverride)).toBe(binary)
  })

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron/index.js', () => {
    const dir = electronDir()
    const other = electronDir()
    writeFileSync(join(dir, 'path.txt'), 'electron')
    writeFileSync(join(other, 'electron'), '')
    expect(electronBinaryPath(dir, { ELECTRON_OVERRIDE_DIST_PATH: other })).toBe(
      join(other, 'electron')
    )
  })

  it('reads the installed version from the package', () => {
    expect(electronVersion(process.cwd())).toMatch(/^\d+\.\d+\.\d+/)
  })
})

describe('installElectron', () => {
  it('reports the installer error in one short line when the download fails', () => {
    const dir = electronDir()
    writeFileSync(
      join(dir, 'install.js'),
      `console.error('RequestError: getaddrinfo ENOTFOUND github.com\\n    at ClientRequest.<anonymous> (x.js:1:1)'); process.exit(1)`
    )
    expect(installElectron(dir, { ...noOverride, PATH: process.env.PATH })).toEqual({
      ok: false,
      reason: 'RequestError: getaddrinfo ENOTFOUND github.com'
    })
  })

  it('succeeds when the installer leaves a binary, even if ELECTRON_SKIP_BINARY_DOWNLOAD was set', () => {
    const dir = electronDir()
    writeFileSync(
      join(dir, 'install.js'),
      `const fs = require('fs'), path = require('path')
       if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0)
       fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron')
       fs.mkdirSync(path.join(__dirname, 'dist'))
       fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '')`
    )
    writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}')
    expect(installElectron(dir, { ...noOverride, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toEqual({
      ok: true
    })
    expect(electronBinaryPath(dir, noOverride)).toBe(join(dir, 'dist', 'electron'))
  })
})

describe('messages', () => {
  it('says in one line what failed and what works instead', () => {
    const message = electronDownloadFailedMessage(
      '41.7.1',
      'RequestError: getaddrinfo ENOTFOUND github.com'
    )
    expect(message).not.toContain('\n')
    expect(message).toContain('Electron 41.7.1 could not be downloaded')
    expect(message).toContain('ENOTFOUND github.com')
    expect(message).toContain('npm run twin -- serve')
    expect(message).toContain('npm run twin -- --help')
    expect(message).toContain('npm run build')
    expect(message.endsWith(`${FALLBACK_HINT}.`)).toBe(true)
  })

  it.each([
    [
      'RequestError: getaddrinfo ENOTFOUND github.com\n    at x (y.js:1:1)',
      'RequestError: getaddrinfo ENOTFOUND github.com'
    ],
    [
      'npm warn Unknown env config "runtime"\nprebuild-install warn install getaddrinfo EAI_AGAIN github.com\ngyp ERR! configure error',
      'getaddrinfo EAI_AGAIN github.com'
    ],
    [
      'gyp info it worked\ngyp ERR! stack Error: `make` failed with exit code: 2\ngyp ERR! not ok',
      'stack Error: `make` failed with exit code: 2'
    ],
    ['\n\nsomething odd\n', 'something odd'],
    ['', 'no details']
  ])('shortReason(%j)', (output, reason) => {
    expect(shortReason(output)).toBe(reason)
  })

  it('keeps reasons short', () => {
    expect(shortReason(`Error: ${'x'.repeat(500)}`).length).toBeLessThanOrEqual(160)
  })
})
