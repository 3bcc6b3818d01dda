import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { planServing } from '../../../src/engine/serving/plan'
import { createSimulation } from '../../../src/engine/serving/run'
import { TraceError } from '../../../src/engine/serving/workload'
import { parseScenario, ScenarioError, type ScenarioInput } from '../../../src/shared/scenario'

const base: ScenarioInput = {
  name: 'plan',
  system: 'cloudmatrix384',
  workload: {
    kind: 'synthetic',
    arrival: { kind: 'poisson', ratePerS: 10 },
    prompt: { kind: 'fixed', tokens: 1000 },
    output: { kind: 'fixed', tokens: 100 }
  },
  durationS: 5
}
const scenario = (patch: Partial<ScenarioInput>) => parseScenario({ ...base, ...patch })

function refusal(run: () => unknown): ScenarioError | TraceError {
  try {
    run()
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof TraceError) return error
    throw error
  }
  throw new Error('accepted')
}

describe('serving plan', () => {
  it('lays out the published CloudMatrix-Infer deployment: decode first, then prefill, the rest idle', () => {
    const plan = planServing(scenario({}))
    expect(plan.decode.chips).toHaveLength(160)
    expect(plan.decode.devices).toHaveLength(320)
    expect(plan.prefill.instances).toHaveLength(6)
    expect(plan.prefill.instances[0]!.chips[0]).toBe(160)
    expect(plan.prefill.instances[5]!.devices).toHaveLength(32)
    expect(plan.decode.maxBatchPerChip).toBe(96)
    expect(plan.decode.tokensPerStep).toBeCloseTo(1.7, 12)
    // 64 GB per die minus the decode weights, at 61 + 1 layers x 576 values x 2 bytes per token
    expect(plan.kvBytesPerToken).toBe(62 * 576 * 2)
    expect(plan.decode.kvTokensPerDevice * plan.kvBytesPerToken).toBeCloseTo(
      (64 - plan.decode.weightsGBPerDevice) * 1e9,
      -3
    )
  })

  it('refuses a deployment with more chips than the system has, naming the field', () => {
    const error = refusal(() => planServing(scenario({ deployment: { prefillInstances: 20 } })))
    expect(error.message).toMatch(
      /160 decode chips \+ 20 prefill instances x 16 chips = 480 chips, but Huawei CloudMatrix384 has 384/
    )
    expect(error).toMatchObject({ field: 'deployment.prefillInstances' })
  })

  it('refuses an EP degree that does not divide the expert slots', () => {
    const error = refusal(() => planServing(scenario({ deployment: { decodeChips: 100 } })))
    expect(error.message).toMatch(
      /EP200 leaves 168 ranks for routed experts, which does not divide the 288 expert slots/
    )
    expect(error).toMatchObject({ field: 'deployment.decodeChips' })
  })

  it('refuses unknown scenario fields and impossible values, naming them', () => {
    expect(refusal(() => parseScenario({ ...base, durationSeconds: 5 })).message).toBe(
      "scenario: unknown field 'durationSeconds'"
    )
    expect(refusal(() => parseScenario({ ...base, deployment: { maxBatch: 4 } }))).toMatchObject({
      field: 'deployment.maxBatch'
    })
    expect(refusal(() => parseScenario({ ...base, system: 'tpu-pod' }))).toMatchObject({
      field: 'system'
    })
    expect(refusal(() => parseScenario({ ...base, durationS: -1 }))).toMatchObject({
      field: 'durationS'
    })
    expect(refusal(() => parseScenario({ ...base, slo: { ttftMs: 0 } }))).toMatchObject({
      field: 'slo.ttftMs'
    })
  })

  it('passes trace errors through with file and line, and refuses a run with no requests', () => {
    const text =
      'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,10,5\n2023-11-16 18:15:47.0000000,ten,5\n'
    const traced = scenario({ workload: { kind: 'trace', trace: 'bad.csv' } })
    const error = refusal(() => createSimulation(traced, { name: 'bad.csv', text }))
    expect(error.message).toMatch(/^bad\.csv:3: ContextTokens:/)
    const skipped = scenario({ workload: { kind: 'trace', trace: 'bad.csv', onBadRow: 'skip' } })
    expect(createSimulation(skipped, { name: 'bad.csv', text }).table.count).toBe(1)
    const late = scenario({
      workload: { kind: 'trace', trace: 'bad.csv', onBadRow: 'skip', startS: 100 }
    })
    expect(refusal(() => createSimulation(late, { name: 'bad.csv', text }))).toMatchObject({
      field: 'workload.startS'
    })
    const long =
      'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,130000,5000\n'
    expect(
      refusal(() => createSimulation(traced, { name: 'long.csv', text: long })).message
    ).toMatch(/long\.csv:2: .*context/)
    const unsorted = readFileSync(
      new URL('../../fixtures/traces/azure-unsorted.csv', import.meta.url),
      'utf8'
    )
    expect(
      refusal(() => createSimulation(traced, { name: 'azure-unsorted.csv', text: unsorted }))
        .message
    ).toMatch(/earlier than line/)
  })
})
