import { describe, expect, it } from 'vitest'
import { call, type TwinApi } from '../../src/shared/api'
import { parseRequest, TWIN_METHODS } from '../../src/shared/requests'
import { TwinError } from '../../src/shared/errors'
import { base64Length } from '../../src/shared/exports'
import { MAX_DROPPED_BYTES, isOpenableName } from '../../src/shared/openFiles'

describe('parseRequest', () => {
  it('accepts valid calls and fills defaults', () => {
    const request = parseRequest('run.start', { scenario: 'default' })
    expect(request).toEqual({
      ok: true,
      method: 'run.start',
      args: { scenario: 'default', speed: 10, save: true }
    })
    expect(parseRequest('run.setSpeed', { speed: 'max' }).ok).toBe(true)
    expect(parseRequest('app.info', undefined).ok).toBe(true)
  })

  it('names the method and the field at fault', () => {
    const request = parseRequest('topology.get', { system: 42 })
    expect(request).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', field: 'system' }
    })
    if (!request.ok) expect(request.error.message).toMatch(/^topology\.get: argument 'system': /)
    const range = parseRequest('run.start', { scenario: 'default', speed: 0 })
    expect(range).toMatchObject({ ok: false, error: { field: 'speed' } })
  })

  it('refuses unknown methods, extra fields and non-object arguments', () => {
    expect(parseRequest('topology.delete', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' }
    })
    expect(parseRequest(7, {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } })
    expect(parseRequest('toString', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' }
    })
    expect(parseRequest('app.info', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', field: 'extra' }
    })
    for (const method of TWIN_METHODS) {
      expect(parseRequest(method, 'not an object')).toMatchObject({
        ok: false,
        error: { code: 'invalid-argument' }
      })
    }
  })
})

describe('opening a dropped file', () => {
  it('takes a path, or a bare file name and its bytes as base64', () => {
    expect(parseRequest('app.openPath', { path: '/home/ada/run.twinrun' }).ok).toBe(true)
    expect(parseRequest('app.openDropped', { name: 'my run.twinrun', data: 'QUJD' }).ok).toBe(true)
    // an empty file is main's to refuse, naming it
    expect(parseRequest('app.openDropped', { name: 'empty.json', data: '' }).ok).toBe(true)
  })

  it.each([
    ['a folder', '../x.twinrun'],
    ['an absolute path', '/etc/passwd.json'],
    ['a Windows path', 'C:\\x.json'],
    ['the parent folder', '..'],
    ['a control character', 'a\u0000.json'],
    ['nothing', ''],
    ['too long a name', `${'x'.repeat(250)}.twinrun`]
  ])('refuses %s as the name', (_what, name) => {
    expect(parseRequest('app.openDropped', { name, data: 'QUJD' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', field: 'name' }
    })
  })

  it('refuses data that is not base64, or larger than the browser view carries', () => {
    expect(parseRequest('app.openDropped', { name: 'a.json', data: 'not base64!' })).toMatchObject({
      ok: false,
      error: { field: 'data', message: expect.stringMatching(/base64/) }
    })
    const tooBig = 'A'.repeat(base64Length(MAX_DROPPED_BYTES) + 4)
    const refused = parseRequest('app.openDropped', { name: 'a.twinrun', data: tooBig })
    expect(refused).toMatchObject({ ok: false, error: { field: 'data' } })
    if (!refused.ok) expect(refused.error.message).toMatch(/at most 64 MiB/)
    expect(parseRequest('app.openPath', { path: '' })).toMatchObject({
      ok: false,
      error: { field: 'path' }
    })
    expect(parseRequest('app.openPath', { path: '/a.json', data: 'QUJD' })).toMatchObject({
      ok: false,
      error: { field: 'data' }
    })
  })

  it('knows which names the app opens', () => {
    expect(isOpenableName('Run.TWINRUN')).toBe(true)
    expect(isOpenableName('scenario.json')).toBe(true)
    expect(isOpenableName('notes.txt')).toBe(false)
    expect(isOpenableName('twinrun')).toBe(false)
  })
})

describe('call', () => {
  it('turns an error response into a TwinError with its code and field', async () => {
    const api: TwinApi = {
      invoke: async () => ({
        ok: false,
        error: { code: 'invalid-argument', message: 'bad', field: 'system' }
      }),
      onFrame: () => () => {},
      onEvent: () => () => {}
    }
    const rejection = call(api, 'topology.get', { system: 'cloudmatrix384' })
    await expect(rejection).rejects.toBeInstanceOf(TwinError)
    await expect(rejection).rejects.toMatchObject({
      code: 'invalid-argument',
      field: 'system',
      message: 'bad'
    })
  })
})
