import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { estimateDecode } from '../../../src/engine/perf/decode'
import { estimatePrefill } from '../../../src/engine/perf/prefill'
import { servingCapacity } from '../../../src/engine/serving/capacity'
import { planServing } from '../../../src/engine/serving/plan'
import {
  parseScenario,
  ScenarioError,
  type Scenario,
  type ScenarioInput
} from '../../../src/shared/scenario'

const paperInput = JSON.parse(
  readFileSync(join(__dirname, '../../../resources/scenarios/cloudmatrix-infer-paper.json'), 'utf8')
) as ScenarioInput
const paper = parseScenario(paperInput)
const variant = (patch: Partial<ScenarioInput>): Scenario =>
  parseScenario({ ...paperInput, ...patch })
type SyntheticInput = Extract<ScenarioInput['workload'], { kind: 'synthetic' }>
const fixed = (prompt: number, output: number): SyntheticInput => ({
  kind: 'synthetic',
  arrival: { kind: 'poisson', ratePerS: 1 },
  prompt: { kind: 'fixed', tokens: prompt },
  output: { kind: 'fixed', tokens: output }
})

/** TPOT from the performance model as the simulation's clock calls it (stepTimes.ts). */
function tpotAt(scenario: Scenario, batchPerChip: number, kvTokens: number): number {
  const plan = planServing(scenario)
  return estimateDecode(plan.system, {
    batchPerChip,
    kvTokens,
    mtpAcceptance: plan.decode.mtpAcceptance,
    eplb: plan.eplb,
    seed: scenario.seed,
    deployment: plan.deployment
  }).tpotMs
}

function refusal(run: () => unknown): ScenarioError {
  try {
    run()
  } catch (error) {
    if (error instanceof ScenarioError) return error
    throw error
  }
  throw new Error('accepted')
}

describe('servingCapacity', () => {
  it("finds CloudMatrix-Infer's decode batch within the TPOT SLO on the paper's workload", () => {
    const plan = planServing(paper)
    const w = paper.workload
    if (w.kind !== 'synthetic' || w.prompt.kind !== 'fixed' || w.output.kind !== 'fixed')
      throw new Error('the paper scenario has fixed lengths')
    const kv = w.prompt.tokens + w.output.tokens / 2
    const c = servingCapacity(paper)
    expect(c.workload.decodeKvTokens).toBe(kv)
    const b = c.decode.batchPerChip
    expect(b).toBeGreaterThanOrEqual(1)
    expect(b).toBeLessThanOrEqual(plan.decode.maxBatchPerChip)
    expect(c.decode.tpotMs).toBe(tpotAt(paper, b, kv))
    expect(c.decode.tpotMs).toBeLessThanOrEqual(paper.slo.tpotMs)
    if (b < plan.decode.maxBatchPerChip) {
      expect(c.decode.limit).toBe('slo')
      expect(tpotAt(paper, b + 1, kv)).toBeGreaterThan(paper.slo.tpotMs)
    } else expect(c.decode.limit).toBe('batch-cap')
    // per-chip decode throughput is the model's own at that batch; requests by Little's law
    const estimate = estimateDecode(plan.system, {
      batchPerChip: b,
      kvTokens: kv,
      mtpAcceptance: plan.decode.mtpAcceptance,
      eplb: plan.eplb,
      seed: paper.seed,
      deployment: plan.deployment
    })
    expect(c.decode.tokensPerSPerChip).toBeCloseTo(estimate.tokensPerSecondPerChip, 9)
    expect(c.decode.chips).toBe(plan.decode.chips.length)
    expect(c.decode.requestsPerS).toBeCloseTo(
      (c.decode.chips * c.decode.tokensPerSPerChip) / (w.output.tokens - 1),
      9
    )
  })

  it('prefills at the model rate of full batches, and decode binds on the paper workload', () => {
    const plan = planServing(paper)
    const c = servingCapacity(paper)
    const prompt = c.workload.meanPromptTokens
    const estimate = estimatePrefill(plan.system, {
      tokensPerChip: plan.prefill.tokensPerChip,
      promptTokens: prompt,
      cachedTokens: 0,
      eplb: plan.eplb,
      seed: paper.seed,
      deployment: plan.deployment
    })
    const chips = plan.prefill.instances.length * plan.prefill.chipsPerInstance
    expect(c.prefill.chips).toBe(chips)
    expect(c.prefill.tokensPerSPerChip).toBeCloseTo(estimate.tokensPerSecondPerChip, 6)
    expect(c.prefill.limit).toBe('compute')
    expect(c.prefill.requestsPerS).toBeCloseTo(
      (chips * estimate.tokensPerSecondPerChip) / prompt,
      6
    )
    // the KV egress to decode is the other limit of an instance
    expect(c.prefill.requestsPerS).toBeLessThanOrEqual(
      (plan.prefill.instances.length * plan.prefill.kvEgressBytesPerS) /
        (prompt * plan.kvBytesPerToken)
    )
    expect(c.binding).toBe('decode')
    expect(c.requestsPerS).toBe(c.decode.requestsPerS)
    expect(c.requestsPerS).toBeLessThan(c.prefill.requestsPerS)
  })

  it('lets the TPOT SLO stop the batch once the cap is lifted, and a tighter SLO stop it sooner', () => {
    const uncapped = variant({ deployment: { maxBatchPerChip: 1024 } })
    const c = servingCapacity(uncapped)
    const kv = c.workload.decodeKvTokens
    expect(c.decode.limit).toBe('slo')
    expect(c.decode.batchPerChip).toBeGreaterThanOrEqual(servingCapacity(paper).decode.batchPerChip)
    expect(c.decode.tpotMs).toBeLessThanOrEqual(50)
    expect(tpotAt(uncapped, c.decode.batchPerChip + 1, kv)).toBeGreaterThan(50)
    const tight = servingCapacity(
      variant({ deployment: { maxBatchPerChip: 1024 }, slo: { ttftMs: 2000, tpotMs: 30 } })
    )
    expect(tight.decode.batchPerChip).toBeLessThan(c.decode.batchPerChip)
    expect(tight.decode.tpotMs).toBeLessThanOrEqual(30)
  })

  it('stops the batch at the KV cache when long sequences fill HBM before the SLO', () => {
    const scenario = variant({
      workload: fixed(30_000, 30_000),
      slo: { ttftMs: 2000, tpotMs: 1000 }
    })
    const plan = planServing(scenario)
    const c = servingCapacity(scenario)
    expect(c.decode.limit).toBe('kv-cache')
    expect(c.decode.batchPerChip).toBe(
      Math.floor((plan.decode.kvTokensPerDevice * plan.chip.devicesPerChip) / 60_000)
    )
  })

  it('lets prefill bind when prompts are long and answers short', () => {
    const c = servingCapacity(variant({ workload: fixed(30_000, 10) }))
    expect(c.binding).toBe('prefill')
    expect(c.requestsPerS).toBe(c.prefill.requestsPerS)
    expect(c.prefill.requestsPerS).toBeLessThan(c.decode.requestsPerS)
  })

  it('counts a shared prefix as cached only while the prefix cache is on', () => {
    const workload: SyntheticInput = { ...fixed(548, 4096), sharedPrefixTokens: 1500 }
    const on = servingCapacity(variant({ workload }))
    const off = servingCapacity(variant({ workload, cache: { enabled: false } }))
    expect(on.workload.meanPromptTokens).toBe(2048)
    expect(on.workload.cachedPromptTokens).toBe(1024) // two whole 512-token blocks
    expect(off.workload.cachedPromptTokens).toBe(0)
    expect(on.prefill.requestsPerS).toBeGreaterThan(off.prefill.requestsPerS)
    expect(off.prefill.requestsPerS).toBeCloseTo(servingCapacity(paper).prefill.requestsPerS, 9)
  })

  it('refuses a trace, and an SLO no batch can meet, naming the field', () => {
    const trace = variant({ workload: { kind: 'trace', trace: 'azure-conv' } })
    expect(refusal(() => servingCapacity(trace)).field).toBe('workload.kind')
    const impossible = refusal(() => servingCapacity(variant({ slo: { ttftMs: 2000, tpotMs: 1 } })))
    expect(impossible.field).toBe('slo.tpotMs')
    expect(impossible.message).toMatch(/even one sequence per chip/)
  })
})
