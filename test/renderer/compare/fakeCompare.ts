import { validationRows } from '../../../src/engine/perf/calibration'
import { compareRuns } from '../../../src/engine/serving/kpiCompare'
import { validateScenario } from '../../../src/engine/serving/validate'
import type {
  ComparisonPreset,
  ComparisonStatus,
  KpiComparison,
  RunKpiSeries,
  RunRecord,
  RunSummary,
  TwinMethod,
  TwinResponse,
  ValidationReport
} from '../../../src/shared/api'
import { IDLE_COMPARISON } from '../../../src/shared/comparison'
import { parseScenario, type ScenarioInput } from '../../../src/shared/scenario'
import { ok, savedRun, summaryFixture } from '../fakeTwin'

/** the CloudMatrix-Infer paper settings (resources/scenarios/cloudmatrix-infer-paper.json) */
export function paperScenario(system: ScenarioInput['system'] = 'cloudmatrix384'): ScenarioInput {
  return {
    name: `Paper settings on ${system}`,
    system,
    workload: {
      kind: 'synthetic',
      arrival: { kind: 'poisson', ratePerS: 80 },
      prompt: { kind: 'fixed', tokens: 2048 },
      output: { kind: 'fixed', tokens: 4096 }
    },
    durationS: 600,
    seed: 1
  }
}

function summaryFor(
  system: string,
  outputTokensPerS: number,
  tpotP99: number,
  meanKW: number
): RunSummary {
  return {
    ...summaryFixture,
    system,
    throughput: { ...summaryFixture.throughput, outputTokensPerS },
    latency: {
      ...summaryFixture.latency,
      tpotMs: { p50: tpotP99 / 2, p90: tpotP99 * 0.8, p99: tpotP99 }
    },
    power: { meanKW, outputTokensPerJoule: outputTokensPerS / (meanKW * 1000) }
  }
}

/** three finished runs of the paper settings, one per system */
export const comparedRuns: RunRecord[] = [
  savedRun({
    id: 'cm',
    name: 'CloudMatrix384 run',
    summary: summaryFor('cloudmatrix384', 300_000, 48, 700)
  }),
  savedRun({
    id: 'h800',
    name: 'H800 run',
    system: 'h800-deepseek',
    summary: summaryFor('h800-deepseek', 200_000, 40, 900)
  }),
  savedRun({
    id: 'h100',
    name: 'H100 run',
    system: 'h100-sglang',
    summary: summaryFor('h100-sglang', 100_000, 60, 600)
  })
]

export const runScenarios: Record<string, ScenarioInput> = {
  cm: paperScenario('cloudmatrix384'),
  h800: paperScenario('h800-deepseek'),
  h100: paperScenario('h100-sglang')
}

/** the KPI table the real compareRuns makes of these runs */
export function realComparison(ids: string[]): KpiComparison {
  return compareRuns(
    ids.map((id) => {
      const run = comparedRuns.find((r) => r.id === id)!
      return {
        id,
        name: run.name,
        summary: run.summary!,
        scenario: parseScenario(runScenarios[id])
      }
    })
  )
}

/** each run's saved series: three frames, the last with NaN (nothing finished) */
export function seriesOf(scale: number): RunKpiSeries {
  return {
    timesS: [1, 2, 3],
    kpis: {
      outputTokensPerS: [100 * scale, 200 * scale, Number.NaN],
      tpotP99Ms: [30, 40 * scale, 50],
      powerKW: [500, 600, 700 * scale]
    }
  }
}

export const kpiSeries: Record<string, RunKpiSeries> = {
  cm: seriesOf(1),
  h800: seriesOf(2),
  h100: seriesOf(3)
}

export const comparisonPreset: ComparisonPreset = {
  id: 'cloudmatrix384-vs-h800-vs-h100',
  name: 'CloudMatrix384 vs H800 vs H100 on DeepSeek-R1',
  description: 'The same workload on three systems.',
  scenario: 'cloudmatrix-infer-paper',
  load: 'per-decode-chip',
  members: [
    {
      system: 'cloudmatrix384',
      scenarioName: 'a',
      ratePerS: 80,
      rateScale: null,
      decodeChips: 160
    },
    { system: 'h800-deepseek', scenarioName: 'b', ratePerS: 64, rateScale: null, decodeChips: 128 },
    { system: 'h100-sglang', scenarioName: 'c', ratePerS: 36, rateScale: null, decodeChips: 72 }
  ]
}

export function runningComparison(done: number, runIds: string[] = []): ComparisonStatus {
  return {
    state: done === 3 ? 'finished' : 'running',
    comparisonId: comparisonPreset.id,
    name: comparisonPreset.name,
    members: comparisonPreset.members.map((m, i) => ({
      ...m,
      runId: runIds[i] ?? null,
      state: i < done ? 'finished' : i === done ? 'running' : 'pending'
    })),
    current: done === 3 ? null : done,
    done,
    total: 3,
    runIds: runIds.slice(0, done),
    error: null
  }
}

export function realValidation(): ValidationReport {
  return validationRows()
}

type Overrides = { [M in TwinMethod]?: (args: never) => Promise<TwinResponse<M>> }

/** fakeTwin overrides for the compare and validation views and the scenario editor */
export function compareOverrides(extra: Overrides = {}): Overrides {
  return {
    'runs.compare': (async ({ ids }: { ids: string[] }) =>
      ok<'runs.compare'>(realComparison(ids))) as never,
    'comparisons.list': (async () => ok<'comparisons.list'>([comparisonPreset])) as never,
    'comparisons.status': (async () => ok<'comparisons.status'>({ ...IDLE_COMPARISON })) as never,
    'comparisons.run': (async () => ok<'comparisons.run'>(runningComparison(0))) as never,
    'comparisons.cancel': (async () =>
      ok<'comparisons.cancel'>({ ...runningComparison(0), state: 'cancelled' })) as never,
    'validation.get': (async () => ok<'validation.get'>(realValidation())) as never,
    // the real checks, with no trace to read (the editor tests use synthetic workloads)
    'scenarios.validate': (async ({ scenario }: { scenario: unknown }) =>
      ok<'scenarios.validate'>(validateScenario(scenario, () => null))) as never,
    ...extra
  }
}
