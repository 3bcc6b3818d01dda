import { describe, expect, it } from 'vitest'
import { calibrate, CALIBRATION_POINTS, validationRows } from '../../../src/engine/perf'

describe('validationRows', () => {
  const report = validationRows()

  it('puts every published calibration point beside the model value twin calibrate gives', () => {
    const { rows } = calibrate()
    const published = report.rows.filter((r) => r.published !== null)
    expect(published.map((r) => r.id)).toEqual(CALIBRATION_POINTS.map((p) => p.id))
    published.forEach((r, i) => {
      expect(r.published).toEqual({
        value: rows[i]!.point.published,
        source: rows[i]!.point.source,
        provenance: 'published'
      })
      expect(r.twin.value).toBe(rows[i]!.predicted)
      expect(r.twin.provenance).toBe('calibrated model')
      expect(r.errorPct).toBeCloseTo(
        ((r.twin.value - r.published!.value) / r.published!.value) * 100,
        9
      )
      expect(r.withinTolerance).toBe(Math.abs(r.errorPct!) <= report.tolerancePct)
    })
    expect(published.find((r) => r.id === 'prefill-perfect')!.published!.value).toBe(6688)
    expect(published.find((r) => r.id === 'decode-throughput')!.settings).toMatchObject({
      system: 'cloudmatrix384',
      phase: 'decode',
      batchPerChip: 96,
      kvTokens: 4096,
      mtpAcceptance: 0.7
    })
  })

  it('predicts the NVIDIA baselines at their published settings without inventing their results', () => {
    const baselines = report.rows.filter((r) => r.published === null)
    expect(new Set(baselines.map((r) => r.system))).toEqual(
      new Set(['h800-deepseek', 'h100-sglang'])
    )
    for (const r of baselines) {
      expect(r.errorPct).toBeNull()
      expect(r.withinTolerance).toBeNull()
      expect(Number.isFinite(r.twin.value) && r.twin.value > 0).toBe(true)
      expect(r.note).toMatch(/\[(DS-day6|SGL)\]/)
    }
    expect(baselines.find((r) => r.id === 'h800-deepseek-decode-tpotMs')!.settings).toMatchObject({
      batchPerChip: 128,
      kvTokens: 4096
    })
  })
})
