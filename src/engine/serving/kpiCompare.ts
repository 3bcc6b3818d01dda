import type { Scenario } from '../../shared/scenario'
import type { KpiProvenance } from '../perf/calibration'
import { planServing } from './plan'
import type { RunSummary, SummaryWindow } from './summary'

/** One run of a comparison: its saved summary and the scenario it ran (for its chip counts). */
export interface ComparedRun {
  id: string
  name: string
  summary: RunSummary
  scenario: Scenario
}

export type KpiScope = 'per chip' | 'per system'

/** One KPI across the runs; deltas are against the first run. */
export interface KpiComparisonRow {
  key: string
  label: string
  unit: string
  scope: KpiScope
  higherIsBetter: boolean | null
  /** where the figure comes from; null for a setting of the run rather than a result */
  provenance: KpiProvenance | null
  /** how it is computed, for a tooltip */
  note: string
  /** one per run, in the order given; null where the run has no such figure (NaN in the summary) */
  values: (number | null)[]
  /** value minus the first run's; null for the first run or a missing value */
  delta: (number | null)[]
  /** delta as a percentage of the first run's value; null where that is 0 or missing */
  deltaPct: (number | null)[]
}

export interface KpiComparison {
  runs: {
    id: string
    name: string
    system: string
    chip: string
    chipsUsed: number
    systemChips: number
    tflopsPerChip: number
    /**
     * the simulated seconds the run's figures cover (its summary's window); absent for a summary
     * of the whole run. Runs of a 'capacity' comparison each leave out their own warm-up.
     */
    window?: SummaryWindow
  }[]
  rows: KpiComparisonRow[]
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null)

/**
 * The KPI table of two or three runs, from their saved summaries and the catalog. Chip counts
 * come from laying each run's scenario out again (planServing: the same deployment the run
 * used); TFLOPS per chip is the catalog's `ChipSpec.peakTflops[normalisation]` times
 * `devicesPerChip` (src/engine/catalog/chips.ts), the normalisation [CM] uses for tokens/s per
 * TFLOPS (INT8 on the 910C, FP8 on Hopper). Power is the whole system's (every chip, idle ones
 * at their idle share: telemetry/servingFrame.ts), so per chip it is divided by the system's
 * chips. Every figure is the summary's: over its measurement window where it has one
 * (`runs[i].window`, scenario.measureFromS), else over the whole run.
 */
export function compareRuns(runs: readonly ComparedRun[]): KpiComparison {
  const facts = runs.map((run) => {
    const plan = planServing(run.scenario)
    const decodeChips = plan.decode.chips.length
    const prefillChips = plan.prefill.instances.length * plan.prefill.chipsPerInstance
    return {
      run,
      decodeChips,
      prefillChips,
      chipsUsed: decodeChips + prefillChips,
      systemChips: plan.systemSpec.chips,
      chip: plan.chip.name,
      tflopsPerChip: plan.chip.peakTflops[plan.chip.normalisation]! * plan.chip.devicesPerChip
    }
  })
  type Fact = (typeof facts)[number]
  const rows: KpiComparisonRow[] = []
  const row = (
    spec: Omit<KpiComparisonRow, 'values' | 'delta' | 'deltaPct' | 'provenance'> & {
      provenance?: KpiProvenance | null
    },
    value: (f: Fact, s: RunSummary) => number
  ): void => {
    const values = facts.map((f) => finite(value(f, f.run.summary)))
    const first = values[0] ?? null
    const delta = values.map((v, i) => (i === 0 || v === null || first === null ? null : v - first))
    const deltaPct = delta.map((d) => (d === null || !first ? null : (d / Math.abs(first)) * 100))
    rows.push({ provenance: 'simulated', ...spec, values, delta, deltaPct })
  }
  const perChipNote =
    'output tokens per second / decode chips (the paper counts decode throughput per NPU)'
  row(
    {
      key: 'outputTokensPerS',
      label: 'output tokens/s',
      unit: 'tokens/s',
      scope: 'per system',
      higherIsBetter: true,
      note: 'output tokens of the requests completed in the measurement window (the whole run if none) / its seconds'
    },
    (_f, s) => s.throughput.outputTokensPerS
  )
  row(
    {
      key: 'outputTokensPerSPerChip',
      label: 'output tokens/s per decode chip',
      unit: 'tokens/s/chip',
      scope: 'per chip',
      higherIsBetter: true,
      note: perChipNote
    },
    (f, s) => s.throughput.outputTokensPerS / f.decodeChips
  )
  row(
    {
      key: 'inputTokensPerSPerChip',
      label: 'input tokens/s per prefill chip',
      unit: 'tokens/s/chip',
      scope: 'per chip',
      higherIsBetter: true,
      note: 'prompt tokens taken in per second / prefill chips'
    },
    (f, s) => (f.prefillChips > 0 ? s.throughput.inputTokensPerS / f.prefillChips : NaN)
  )
  row(
    {
      key: 'outputTokensPerSPerTflops',
      label: 'output tokens/s per TFLOPS',
      unit: 'tokens/s/TFLOPS',
      scope: 'per chip',
      higherIsBetter: true,
      note: "output tokens/s per decode chip / the chip's peak TFLOPS at the precision [CM] normalises by (catalog chips.ts peakTflops[normalisation] x devicesPerChip)"
    },
    (f, s) => s.throughput.outputTokensPerS / f.decodeChips / f.tflopsPerChip
  )
  for (const [metric, label] of [
    ['ttftMs', 'TTFT'],
    ['tpotMs', 'TPOT']
  ] as const) {
    for (const p of ['p50', 'p90', 'p99'] as const) {
      row(
        {
          key: `${metric}.${p}`,
          label: `${label} ${p}`,
          unit: 'ms',
          scope: 'per system',
          higherIsBetter: false,
          note: `${p} over the requests that arrived in the measurement window (the whole run if none) and completed`
        },
        (_f, s) => s.latency[metric][p]
      )
    }
  }
  row(
    {
      key: 'sloAttainment',
      label: 'SLO attainment',
      unit: '%',
      scope: 'per system',
      higherIsBetter: true,
      note: 'share of the completed requests (those that arrived in the measurement window, if any) within both the TTFT and the TPOT target of their own scenario'
    },
    (_f, s) => s.slo.attainment * 100
  )
  row(
    {
      key: 'powerW',
      label: 'power',
      unit: 'W',
      scope: 'per system',
      higherIsBetter: false,
      note: 'mean over the measurement window (the whole run if none), every chip of the system all-in (CPUs, switches, optics, cooling share; catalog power.ts)'
    },
    (_f, s) => s.power.meanKW * 1000
  )
  row(
    {
      key: 'powerWPerChip',
      label: 'power per chip',
      unit: 'W/chip',
      scope: 'per chip',
      higherIsBetter: false,
      note: 'system power / all chips of the system (idle ones included)'
    },
    (f, s) => (s.power.meanKW * 1000) / f.systemChips
  )
  row(
    {
      key: 'outputTokensPerJoule',
      label: 'output tokens per joule',
      unit: 'tokens/J',
      scope: 'per system',
      higherIsBetter: true,
      note: 'output tokens / energy of the whole system, over the measurement window (the whole run if none)'
    },
    (_f, s) => s.power.outputTokensPerJoule
  )
  row(
    {
      key: 'chipsUsed',
      label: 'chips used',
      unit: 'chips',
      scope: 'per system',
      higherIsBetter: null,
      provenance: null,
      note: 'decode chips + prefill chips of the deployment (the rest of the system idles)'
    },
    (f) => f.chipsUsed
  )
  return {
    runs: facts.map((f) => ({
      id: f.run.id,
      name: f.run.name,
      system: f.run.summary.system,
      chip: f.chip,
      chipsUsed: f.chipsUsed,
      systemChips: f.systemChips,
      tflopsPerChip: f.tflopsPerChip,
      ...(f.run.summary.window && { window: f.run.summary.window })
    })),
    rows
  }
}
