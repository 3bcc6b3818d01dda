import { describe, expect, it } from 'vitest'
import { deployments } from '../../../src/engine/catalog/deployments'
import { estimate, EstimateInputError, type EstimateRequest } from '../../../src/engine/perf'

const refuse = (request: EstimateRequest): EstimateInputError => {
  try {
    estimate(request)
  } catch (error) {
    if (error instanceof EstimateInputError) return error
    throw error
  }
  throw new Error('accepted')
}

describe('estimate()', () => {
  it('fills every left-out input from the published deployment', () => {
    const d = estimate({ setup: 'cloudmatrix384', phase: 'decode' })
    expect(d.inputs).toEqual({
      batchPerChip: 96,
      kvTokens: 4096,
      mtpAcceptance: 0.7,
      eplb: 'default',
      seed: 1,
      conditions: {}
    })
    const p = estimate({ setup: 'h800-deepseek', phase: 'prefill' })
    expect(p.inputs).toMatchObject({ promptTokens: 4096, tokensPerChip: 16384, cachedTokens: 0 })
    expect(deployments['h100-sglang'].decode.defaults.mtpAcceptance).toBe(0)
  })

  it('names the field at fault', () => {
    expect(refuse({ setup: 'dgx-a100', phase: 'decode' })).toMatchObject({ field: 'setup' })
    expect(refuse({ setup: 'cloudmatrix384', phase: 'training' })).toMatchObject({ field: 'phase' })
    expect(refuse({ setup: 'cloudmatrix384', phase: 'decode', batchPerChip: 0 }).message).toBe(
      'batchPerChip must be a whole number from 1 to 1024, not 0'
    )
    expect(refuse({ setup: 'cloudmatrix384', phase: 'decode', batchPerChip: 2.5 })).toMatchObject({
      field: 'batchPerChip'
    })
    expect(refuse({ setup: 'cloudmatrix384', phase: 'decode', kvTokens: NaN })).toMatchObject({
      field: 'kvTokens'
    })
    expect(refuse({ setup: 'cloudmatrix384', phase: 'decode', mtpAcceptance: 1.5 })).toMatchObject({
      field: 'mtpAcceptance'
    })
    expect(
      refuse({ setup: 'cloudmatrix384', phase: 'prefill', promptTokens: 200_000 })
    ).toMatchObject({ field: 'promptTokens' })
    expect(refuse({ setup: 'cloudmatrix384', phase: 'prefill', eplb: 'greedy' })).toMatchObject({
      field: 'eplb'
    })
    expect(
      refuse({ setup: 'cloudmatrix384', phase: 'prefill', promptTokens: 100, cachedTokens: 100 })
    ).toMatchObject({
      field: 'cachedTokens'
    })
  })

  it('refuses a flag of the other phase rather than ignoring it', () => {
    expect(refuse({ setup: 'cloudmatrix384', phase: 'prefill', batchPerChip: 8 }).message).toMatch(
      /decode phase only/
    )
    expect(refuse({ setup: 'cloudmatrix384', phase: 'decode', promptTokens: 8 }).message).toMatch(
      /prefill phase only/
    )
  })
})

describe('conditions (faults and what-ifs)', () => {
  const base = { setup: 'cloudmatrix384', phase: 'decode' } as const
  const tpot = (conditions: EstimateRequest['conditions']) =>
    (estimate({ ...base, conditions }) as { tpotMs: number }).tpotMs

  it('a slow chip paces the group: lower compute speed never shortens a step', () => {
    const nominal = tpot({})
    expect(tpot({ computeScale: 1 })).toBe(nominal)
    expect(tpot({ computeScale: 0.5 })).toBeGreaterThan(nominal)
    expect(tpot({ computeScale: 0.25 })).toBeGreaterThan(tpot({ computeScale: 0.5 }))
  })

  it('slower communication and a hotter expert rank cost time only where they are on the critical path', () => {
    const nominal = tpot({})
    // decode on CloudMatrix is paced by the attention stream: modest slowdowns elsewhere hide
    expect(tpot({ commScale: 1.2 })).toBe(nominal)
    expect(tpot({ commScale: 5 })).toBeGreaterThan(nominal)
    expect(tpot({ minHottestFactor: 4 })).toBeGreaterThan(nominal)
  })

  it('refuses impossible conditions', () => {
    expect(refuse({ ...base, conditions: { computeScale: 0 } })).toMatchObject({
      field: 'conditions'
    })
    expect(refuse({ ...base, conditions: { commScale: 0.5 } })).toMatchObject({
      field: 'conditions'
    })
    expect(refuse({ ...base, conditions: { minHottestFactor: NaN } })).toMatchObject({
      field: 'conditions'
    })
  })
})
