import { afterEach, describe, expect, it } from 'vitest'
import { countTopology } from '../../../src/engine/topology'
import type { Topology } from '../../../src/engine/topology/types'
import { appInfo } from '../../../src/main/services/appInfo'
import { createTwinService, type TwinService } from '../../../src/main/services/twinService'
import type { TwinEvent } from '../../../src/shared/api'
import { TWIN_METHODS } from '../../../src/shared/requests'
import { engineHost } from '../../fixtures/engine'

let service: TwinService | null = null
afterEach(async () => {
  await service?.dispose()
  service = null
})

const make = (): TwinService =>
  (service = createTwinService({ engine: engineHost('pattern'), appInfo: appInfo() }))

describe('TwinService.dispatch', () => {
  it('answers each method with plain, cloneable data', async () => {
    const twin = make()
    const info = await twin.dispatch('app.info', {})
    expect(info).toMatchObject({
      ok: true,
      value: { name: 'Supernode Twin', versions: { node: process.versions.node } }
    })
    const systems = await twin.dispatch('systems.list', {})
    expect(systems).toEqual({
      ok: true,
      value: [
        { id: 'cloudmatrix384', name: 'CloudMatrix-Infer on CloudMatrix384', hasTopology: true },
        { id: 'h800-deepseek', name: "DeepSeek's H800 serving system", hasTopology: false },
        { id: 'h100-sglang', name: 'SGLang on 96 H100', hasTopology: false },
        { id: 'gb200-nvl72', name: 'GB200 NVL72 (layout after SGLang)', hasTopology: false }
      ]
    })
    expect(await twin.dispatch('topology.get', { system: 'h100-sglang' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', field: 'system', message: /no part-level topology/ }
    })
    const topology = await twin.dispatch('topology.get', { system: 'cloudmatrix384' })
    expect(topology.ok).toBe(true)
    const value = (topology as { value: Topology }).value
    expect(countTopology(structuredClone(value)).ubLinks).toBe(5376)
    expect(await twin.dispatch('engine.status', {})).toMatchObject({
      ok: true,
      value: { state: 'stopped' }
    })
  })

  it('refuses a wrong-typed argument of every method with a typed error, without throwing', async () => {
    const twin = make()
    for (const method of TWIN_METHODS) {
      const response = await twin.dispatch(method, { system: 12, intervalMs: 'soon', extra: true })
      expect(response, method).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    }
    expect(await twin.dispatch('engine.start', { system: 'dgx' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', field: 'system' }
    })
    expect(await twin.dispatch('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' }
    })
    expect(await twin.dispatch(null, null)).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' }
    })
  })

  it('announces engine state changes as events and forwards frames', async () => {
    const twin = make()
    const events: TwinEvent[] = []
    twin.onEvent((e) => events.push(e))
    const frame = new Promise<ArrayBuffer>((resolve) => {
      const off = twin.onFrame((f) => {
        off()
        resolve(f)
      })
    })
    await twin.dispatch('engine.start', { system: 'cloudmatrix384', intervalMs: 20 })
    expect((await frame).byteLength).toBeGreaterThan(0)
    await twin.dispatch('engine.stop', {})
    expect(events.map((e) => e.type === 'engine.status' && e.status.state)).toEqual([
      'running',
      'stopped'
    ])
  })
})
