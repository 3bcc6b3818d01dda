import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { servingCapacity } from '../../../src/engine/serving/capacity'
import {
  comparisonMembers,
  WARMUP_DECODE_LIFETIMES,
  warmupOf
} from '../../../src/engine/serving/comparison'
import { comparisonSchema, DEFAULT_LOAD_FRACTION } from '../../../src/shared/comparison'
import { parseScenario, ScenarioError, type ScenarioInput } from '../../../src/shared/scenario'

const paperInput = JSON.parse(
  readFileSync(join(__dirname, '../../../resources/scenarios/cloudmatrix-infer-paper.json'), 'utf8')
) as ScenarioInput
const paper = parseScenario(paperInput)
const comparison = (extra: Record<string, unknown>) =>
  comparisonSchema.parse({
    name: 'test',
    scenario: 'cloudmatrix-infer-paper',
    systems: ['cloudmatrix384', 'h800-deepseek', 'h100-sglang'],
    ...extra
  })

describe('comparisonMembers', () => {
  it("offers each member loadFraction of its own SLO-limited capacity with load 'capacity'", () => {
    const members = comparisonMembers(comparison({ load: 'capacity', loadFraction: 0.8 }), paper)
    expect(members.map((m) => m.scenario.system)).toEqual([
      'cloudmatrix384',
      'h800-deepseek',
      'h100-sglang'
    ])
    for (const m of members) {
      const w = m.scenario.workload
      if (w.kind !== 'synthetic') throw new Error('synthetic expected')
      // the capacity of the member as it runs (its own published deployment)
      const capacity = servingCapacity(m.scenario)
      expect(m.capacity).toEqual(capacity)
      expect(w.arrival.kind).toBe('poisson')
      expect(w.arrival.ratePerS).toBeCloseTo(0.8 * capacity.requestsPerS, 9)
      expect(m.summary.ratePerS).toBe(w.arrival.ratePerS)
      expect(m.summary.capacity).toEqual({
        loadFraction: 0.8,
        requestsPerS: capacity.requestsPerS,
        binding: capacity.binding,
        decodeRequestsPerS: capacity.decode.requestsPerS,
        prefillRequestsPerS: capacity.prefill.requestsPerS,
        decodeBatchPerChip: capacity.decode.batchPerChip,
        tpotMs: capacity.decode.tpotMs,
        decodeLimit: capacity.decode.limit
      })
    }
  })

  it('offers the default fraction when the comparison does not say', () => {
    const [member] = comparisonMembers(comparison({ load: 'capacity' }), paper)
    expect(member!.summary.capacity!.loadFraction).toBe(DEFAULT_LOAD_FRACTION)
    expect(member!.summary.ratePerS).toBeCloseTo(
      DEFAULT_LOAD_FRACTION * member!.capacity!.requestsPerS,
      9
    )
  })

  it("keeps 'per-decode-chip': the base rate scaled by decode chips, no capacity", () => {
    const members = comparisonMembers(comparison({ load: 'per-decode-chip' }), paper)
    const base = paper.workload.kind === 'synthetic' ? paper.workload.arrival.ratePerS : NaN
    const reference = members[0]!.summary.decodeChips
    for (const m of members) {
      expect(m.summary.ratePerS).toBeCloseTo((base * m.summary.decodeChips) / reference, 9)
      expect(m.capacity).toBeNull()
      expect(m.summary.capacity).toBeUndefined()
    }
    expect(members.map((m) => [m.summary.system, m.summary.decodeChips])).toEqual([
      ['cloudmatrix384', 160],
      ['h800-deepseek', 128],
      ['h100-sglang', 72]
    ])
  })

  it("refuses 'capacity' on a trace, naming the load field", () => {
    const trace = parseScenario({
      ...paperInput,
      workload: { kind: 'trace', trace: 'azure-conv' }
    })
    let error: unknown
    try {
      comparisonMembers(comparison({ load: 'capacity' }), trace)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ScenarioError)
    expect((error as ScenarioError).field).toBe('load')
    expect((error as ScenarioError).message).toMatch(/azure-conv/)
  })
})

describe('the warm-up of capacity members', () => {
  it('is WARMUP_DECODE_LIFETIMES decode lifetimes at capacity, set as each member’s measureFromS', () => {
    const members = comparisonMembers(comparison({ load: 'capacity', durationS: 3600 }), paper)
    for (const m of members) {
      const lifetimeS = (4096 - 1) * (m.capacity!.decode.tpotMs / 1000)
      expect(m.summary.warmup).toEqual({
        decodeLifetimeS: lifetimeS,
        warmupS: Math.ceil(WARMUP_DECODE_LIFETIMES * lifetimeS),
        measureFromS: Math.ceil(WARMUP_DECODE_LIFETIMES * lifetimeS),
        clipped: false
      })
      expect(m.scenario.measureFromS).toBe(m.summary.warmup!.measureFromS)
      expect(m.scenario.durationS).toBe(3600)
    }
    // each system's own: CloudMatrix384's TPOT at b* is shorter than the Hopper systems'
    expect(members.map((m) => m.scenario.measureFromS)).toEqual([382, 407, 407])
  })

  it('is clipped, not refused, when the run is too short: to (duration - one lifetime) / 2', () => {
    expect(warmupOf(200, 3600)).toEqual({
      decodeLifetimeS: 200,
      warmupS: 400,
      measureFromS: 400,
      clipped: false
    })
    // 2 warm-ups + 1 lifetime = 1,000 s is just enough
    expect(warmupOf(200, 1000).clipped).toBe(false)
    expect(warmupOf(200, 999)).toMatchObject({ measureFromS: 399, clipped: true })
    expect(warmupOf(200, 300)).toMatchObject({ warmupS: 400, measureFromS: 50, clipped: true })
    // shorter than a lifetime: measured whole
    expect(warmupOf(200, 150)).toMatchObject({ measureFromS: 0, clipped: true })

    // the e2e test's 300 s comparison: clipped, and the duration given overrides the comparison's
    const members = comparisonMembers(comparison({ load: 'capacity', durationS: 3600 }), paper, 300)
    for (const m of members) {
      const w = m.summary.warmup!
      expect(w.clipped).toBe(true)
      expect(m.scenario.durationS).toBe(300)
      expect(m.scenario.measureFromS).toBe(Math.floor((300 - w.decodeLifetimeS) / 2))
    }
    // 20 s, shorter than any lifetime: no window at all
    for (const m of comparisonMembers(comparison({ load: 'capacity' }), paper, 20)) {
      expect(m.summary.warmup).toMatchObject({ measureFromS: 0, clipped: true })
      expect(m.scenario.measureFromS).toBeUndefined()
    }
  })

  it('is not set by the other loads, which keep the base scenario’s own measureFromS', () => {
    const base = parseScenario({ ...paperInput, measureFromS: 100 })
    for (const m of comparisonMembers(comparison({ load: 'per-decode-chip' }), base)) {
      expect(m.summary.warmup).toBeUndefined()
      expect(m.scenario.measureFromS).toBe(100)
    }
    for (const m of comparisonMembers(comparison({ load: 'same' }), paper)) {
      expect(m.scenario.measureFromS).toBeUndefined()
    }
  })
})
