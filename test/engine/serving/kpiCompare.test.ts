import { describe, expect, it } from 'vitest'
import { chips } from '../../../src/engine/catalog/chips'
import { compareRuns, type ComparedRun } from '../../../src/engine/serving/kpiCompare'
import { createSimulation } from '../../../src/engine/serving/run'
import { summarize } from '../../../src/engine/serving/summary'
import { parseScenario } from '../../../src/shared/scenario'
import type { SystemId } from '../../../src/shared/systems'

/** A short real run of one workload on a system. */
function run(system: SystemId, ratePerS: number): ComparedRun {
  const scenario = parseScenario({
    name: `kpi ${system}`,
    system,
    durationS: 40,
    workload: {
      kind: 'synthetic',
      arrival: { kind: 'poisson', ratePerS },
      prompt: { kind: 'fixed', tokens: 1024 },
      output: { kind: 'fixed', tokens: 64 }
    }
  })
  const sim = createSimulation(scenario, null)
  while (sim.nextFrame()) {
    /* to the end */
  }
  return { id: system, name: scenario.name, summary: summarize(sim), scenario }
}

const cm = run('cloudmatrix384', 40)
const h800 = run('h800-deepseek', 32)
const h100 = run('h100-sglang', 18)
const table = compareRuns([cm, h800, h100])
const row = (key: string) => table.rows.find((r) => r.key === key)!

describe('compareRuns', () => {
  it('has every KPI the compare view shows, each with unit, scope and direction', () => {
    expect(table.rows.map((r) => r.key)).toEqual([
      'outputTokensPerS',
      'outputTokensPerSPerChip',
      'inputTokensPerSPerChip',
      'outputTokensPerSPerTflops',
      'ttftMs.p50',
      'ttftMs.p90',
      'ttftMs.p99',
      'tpotMs.p50',
      'tpotMs.p90',
      'tpotMs.p99',
      'sloAttainment',
      'powerW',
      'powerWPerChip',
      'outputTokensPerJoule',
      'chipsUsed'
    ])
    for (const r of table.rows) {
      expect(r.values).toHaveLength(3)
      expect(r.unit).not.toBe('')
      expect(['per chip', 'per system']).toContain(r.scope)
    }
    expect(row('ttftMs.p99').higherIsBetter).toBe(false)
    expect(row('outputTokensPerSPerChip')).toMatchObject({
      higherIsBetter: true,
      scope: 'per chip'
    })
    expect(row('chipsUsed')).toMatchObject({ higherIsBetter: null, provenance: null })
    expect(row('powerW').provenance).toBe('simulated')
  })

  it('takes the values from the saved summaries', () => {
    expect(row('ttftMs.p90').values).toEqual([
      cm.summary.latency.ttftMs.p90,
      h800.summary.latency.ttftMs.p90,
      h100.summary.latency.ttftMs.p90
    ])
    expect(row('sloAttainment').values[1]).toBeCloseTo(h800.summary.slo.attainment * 100, 9)
    expect(row('powerW').values[2]).toBeCloseTo(h100.summary.power.meanKW * 1000, 6)
    expect(row('outputTokensPerJoule').values[0]).toBe(cm.summary.power.outputTokensPerJoule)
    // the summary's own per-decode-chip figure, from its own chip count
    expect(row('outputTokensPerSPerChip').values[0]).toBeCloseTo(
      cm.summary.throughput.outputTokensPerSPerDecodeChip,
      1
    )
  })

  it('counts chips from each deployment and TFLOPS from the catalog', () => {
    expect(row('chipsUsed').values).toEqual([160 + 6 * 16, 128 + 32, 72 + 32])
    expect(table.runs.map((r) => r.systemChips)).toEqual([384, 160, 104])
    const ascend = chips['ascend-910c']
    expect(table.runs[0]!.tflopsPerChip).toBe(ascend.peakTflops.int8! * ascend.devicesPerChip)
    expect(table.runs[1]!.tflopsPerChip).toBe(chips.h800.peakTflops.fp8)
    const perChip = row('outputTokensPerSPerChip').values
    expect(row('outputTokensPerSPerTflops').values[1]).toBeCloseTo(perChip[1]! / 1979, 9)
    expect(row('powerWPerChip').values[0]).toBeCloseTo(row('powerW').values[0]! / 384, 9)
  })

  it('gives deltas against the first run, absolute and in percent', () => {
    const r = row('outputTokensPerS')
    const [a, b, c] = r.values as number[]
    expect(r.delta).toEqual([null, b! - a!, c! - a!])
    expect(r.deltaPct[1]).toBeCloseTo(((b! - a!) / a!) * 100, 9)
    expect(row('chipsUsed').deltaPct[2]).toBeCloseTo(((104 - 256) / 256) * 100, 9)
  })

  it('leaves a figure the run does not have empty rather than NaN', () => {
    const empty = {
      ...h100,
      summary: {
        ...h100.summary,
        latency: { ...h100.summary.latency, ttftMs: { p50: NaN, p90: NaN, p99: NaN } }
      }
    }
    const t = compareRuns([cm, empty])
    const ttft = t.rows.find((r) => r.key === 'ttftMs.p50')!
    expect(ttft.values[1]).toBeNull()
    expect(ttft.delta[1]).toBeNull()
    expect(ttft.deltaPct[1]).toBeNull()
  })

  it('names each run’s measurement window, and none for a whole-run summary', () => {
    expect(table.runs.every((r) => r.window === undefined)).toBe(true)
    const windowed = { ...cm, summary: { ...cm.summary, window: { fromS: 10, toS: 40 } } }
    const t = compareRuns([windowed, h800])
    expect(t.runs.map((r) => r.window)).toEqual([{ fromS: 10, toS: 40 }, undefined])
  })
})
