import { describe, expect, it } from 'vitest'
import { estimateDecode } from '../../../src/engine/perf/decode'
import { estimatePrefill } from '../../../src/engine/perf/prefill'
import { planServing } from '../../../src/engine/serving/plan'
import { StepTimes } from '../../../src/engine/serving/stepTimes'
import { parseScenario } from '../../../src/shared/scenario'

const plan = planServing(
  parseScenario({
    name: 'grid',
    system: 'cloudmatrix384',
    workload: {
      kind: 'synthetic',
      arrival: { kind: 'poisson', ratePerS: 1 },
      prompt: { kind: 'fixed', tokens: 10 },
      output: { kind: 'fixed', tokens: 10 }
    },
    durationS: 1
  })
)

describe('step times (the memoised model)', () => {
  it('interpolates prefill batches within 4% of the model across the range', () => {
    const times = new StepTimes(plan, 1)
    for (const tokens of [3, 7, 50, 333, 1000, 4321, 16384]) {
      for (const fresh of [90, 777, 3000, 7000]) {
        for (const cached of [0, 700]) {
          const exact = estimatePrefill('cloudmatrix384', {
            tokensPerChip: tokens,
            promptTokens: fresh + cached,
            cachedTokens: cached,
            eplb: 'default',
            seed: 1,
            deployment: plan.deployment
          })
          const interpolated = times.prefill(tokens, fresh, cached, {})
          expect(
            Math.abs(interpolated.batchS / (exact.batchMs / 1000) - 1),
            `${tokens}/${fresh}/${cached}`
          ).toBeLessThan(0.04)
        }
      }
    }
  })

  it('is exact on grid points and memoises decode steps per (batch, KV) cell', () => {
    const times = new StepTimes(plan, 1)
    const exact = estimateDecode('cloudmatrix384', {
      batchPerChip: 96,
      kvTokens: 4096,
      mtpAcceptance: 0.7,
      eplb: 'default',
      seed: 1,
      deployment: plan.deployment
    })
    expect(times.decode(96, 4096, {}).stepMs).toBe(exact.stepMs)
    const evaluations = times.evaluations
    times.decode(95.2, 4100, {}) // same cell: 96 per chip, KV on the 4,096 grid point
    expect(times.evaluations).toBe(evaluations)
    expect(times.decode(96, 4096, { computeScale: 0.5 }).stepMs).toBeGreaterThan(exact.stepMs)
  })
})
