import { afterEach, describe, expect, it } from 'vitest'
import { countTopology } from '../../../src/engine/topology'
import type { Topology } from '../../../src/engine/topology/types'
import { appInfo } from '../../../src/main/services/appInfo'
import { createTwinService, type TwinService } from '../../../src/main/services/twinService'
import type { TwinEvent } from '../../../src/shared/api'
import { TWIN_METHODS } from '../../../src/shared/requests'
import { ScenarioLibrary } from '../../../src/main/services/scenarios'
import { runHost } from '../../fixtures/runs'

const library = new ScenarioLibrary(new URL('../../../resources/', import.meta.url).pathname)

let service: TwinService | null = null
afterEach(async () => {
  await service?.dispose()
  service = null
})

const make = (): TwinService =>
  (service = createTwinService({ runs: runHost('pattern'), library, appInfo: appInfo() }))

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
        { id: 'h800-deepseek', name: "DeepSeek's H800 serving system", hasTopology: true },
        { id: 'h100-sglang', name: 'SGLang on 96 H100', hasTopology: true },
        { id: 'gb200-nvl72', name: 'GB200 NVL72 (layout after SGLang)', hasTopology: false }
      ]
    })
    expect(await twin.dispatch('topology.get', { system: 'gb200-nvl72' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', field: 'system', message: /no part-level topology/ }
    })
    const topology = await twin.dispatch('topology.get', { system: 'cloudmatrix384' })
    expect(topology.ok).toBe(true)
    const value = (topology as { value: Topology }).value
    expect(countTopology(structuredClone(value)).ubLinks).toBe(5376)
    expect(await twin.dispatch('run.status', {})).toMatchObject({
      ok: true,
      value: { state: 'idle' }
    })
    const presets = await twin.dispatch('scenarios.list', {})
    expect(presets).toMatchObject({
      ok: true,
      value: expect.arrayContaining([
        expect.objectContaining({ id: 'default', system: 'cloudmatrix384' })
      ])
    })
    expect(await twin.dispatch('scenarios.get', { id: 'default' })).toMatchObject({
      ok: true,
      value: { workload: { trace: 'azure-conv' } }
    })
  })

  it('refuses a wrong-typed argument of every method with a typed error, without throwing', async () => {
    const twin = make()
    for (const method of TWIN_METHODS) {
      const response = await twin.dispatch(method, {
        system: 12,
        id: 3,
        scenario: 4,
        speed: 'soon',
        extra: true
      })
      expect(response, method).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    }
    expect(await twin.dispatch('run.start', { scenario: 'default', speed: -1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', field: 'speed' }
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

  it('refuses a bad scenario before the worker sees it, naming the field', async () => {
    const twin = make()
    expect(await twin.dispatch('run.start', { scenario: 'nonesuch' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-argument',
        field: 'scenario.scenario',
        message: /no built-in scenario 'nonesuch'/
      }
    })
    const inline = {
      name: 'x',
      system: 'cloudmatrix384',
      durationS: 5,
      workload: {
        kind: 'synthetic',
        arrival: { kind: 'poisson', ratePerS: 1 },
        prompt: { kind: 'fixed', tokens: 10 },
        output: { kind: 'fixed', tokens: 10 }
      }
    }
    expect(
      await twin.dispatch('run.start', { scenario: { ...inline, durationS: -1 } })
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', field: 'scenario.durationS' }
    })
    expect(
      await twin.dispatch('run.start', {
        scenario: { ...inline, deployment: { decodeChips: 100 } }
      })
    ).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-argument',
        field: 'scenario.deployment.decodeChips',
        message: /does not divide/
      }
    })
    expect(await twin.dispatch('run.status', {})).toMatchObject({
      ok: true,
      value: { state: 'idle' }
    })
  })

  it('announces run state changes as events and forwards frames', async () => {
    const twin = make()
    const events: TwinEvent[] = []
    twin.onEvent((e) => events.push(e))
    const frame = new Promise<ArrayBuffer>((resolve) => {
      const off = twin.onFrame((f) => {
        off()
        resolve(f)
      })
    })
    const inline = {
      name: 'x',
      system: 'cloudmatrix384',
      durationS: 50,
      workload: {
        kind: 'synthetic',
        arrival: { kind: 'poisson', ratePerS: 1 },
        prompt: { kind: 'fixed', tokens: 10 },
        output: { kind: 'fixed', tokens: 10 }
      }
    }
    expect(await twin.dispatch('run.start', { scenario: inline, speed: 'max' })).toMatchObject({
      ok: true,
      value: { state: 'running', speed: null, scenarioId: null }
    })
    expect((await frame).byteLength).toBeGreaterThan(0)
    await twin.dispatch('run.stop', {})
    const states = events.flatMap((e) => (e.type === 'run.status' ? [e.status.state] : []))
    expect(states[0]).toBe('running')
    expect(states.at(-1)).toBe('stopped')
  })
})
