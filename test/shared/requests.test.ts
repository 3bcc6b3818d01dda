import { describe, expect, it } from 'vitest'
import { call, type TwinApi } from '../../src/shared/api'
import { parseRequest, TWIN_METHODS } from '../../src/shared/requests'
import { TwinError } from '../../src/shared/errors'

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
