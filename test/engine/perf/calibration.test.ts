import { describe, expect, it } from 'vitest'
import { calibrate, CALIBRATION_POINTS, estimate } from '../../../src/engine/perf'

describe('calibration against the published CloudMatrix-Infer points', () => {
  const { rows, pass } = calibrate()

  it.each(rows.map((r) => [r.point.id, r] as const))('%s is within 10%%', (_id, row) => {
    expect(Math.abs(row.errorPct)).toBeLessThanOrEqual(10)
  })

  it('passes as a whole and covers every published performance point', () => {
    expect(pass).toBe(true)
    expect(CALIBRATION_POINTS.map((p) => p.published).sort((a, b) => a - b)).toEqual([
      1.29, 3.76, 4.45, 49.4, 874, 1260, 1943, 5655, 6688
    ])
  })

  it('derives tokens/s/TFLOPS from the chip catalog (INT8 peak of a 910C package)', () => {
    const e = estimate({ setup: 'cloudmatrix384', phase: 'prefill', eplb: 'perfect' })
    expect(e.tokensPerSecondPerTflops).toBeCloseTo(e.tokensPerSecondPerChip / (2 * 752), 9)
  })

  it('gets the balancer gap from the mechanism, not a constant: perfect balance has no hot rank', () => {
    const perfect = estimate({ setup: 'cloudmatrix384', phase: 'prefill', eplb: 'perfect' })
    const balanced = estimate({ setup: 'cloudmatrix384', phase: 'prefill', eplb: 'default' })
    expect(perfect.breakdown.hottestExpertRankFactor).toBe(1)
    expect(balanced.breakdown.hottestExpertRankFactor).toBeGreaterThan(1.2)
    expect(balanced.tokensPerSecondPerChip).toBeLessThan(perfect.tokensPerSecondPerChip)
  })
})
