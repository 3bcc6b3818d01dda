import { WARMUP_DECODE_LIFETIMES } from '../../engine/serving/comparison'
import { compareRuns, type KpiComparison } from '../../engine/serving/kpiCompare'
import { createSimulation } from '../../engine/serving/run'
import { summarize, type RunSummary } from '../../engine/serving/summary'
import { TraceError } from '../../engine/serving/workload'
import { ComparisonLibrary, type LoadedComparison } from '../../main/services/comparisons'
import type { ComparisonMemberSummary } from '../../shared/comparison'
import { ScenarioLibrary } from '../../main/services/scenarios'
import { ScenarioError } from '../../shared/scenario'
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command } from '../command'
import { DATA_DIR_HELP } from '../library'
import { RESOURCES_DIR } from '../resources'
import { simulateSaved } from './simulate'

export const compareCommand: Command = {
  name: 'compare',
  summary: 'run a built-in comparison (one workload on several systems) and print its KPI table',
  usage: 'twin compare --preset ID [--duration S] [--save [--data-dir DIR]] [--json]',
  help: [
    '--preset <id>        a built-in comparison (resources/comparisons); --list shows them',
    '--list               list the built-in comparisons',
    "--duration <s>       simulated seconds of each member (default: the comparison's)",
    '--save               save every member in the run library (their ids are printed)',
    DATA_DIR_HELP,
    '--json               print one JSON object: members with summaries, and the KPI table'
  ],
  options: {
    preset: { type: 'string' },
    list: { type: 'boolean' },
    duration: { type: 'string' },
    save: { type: 'boolean' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' }
  },
  async run(values, io) {
    const comparisons = new ComparisonLibrary(new ScenarioLibrary(RESOURCES_DIR))
    const scenarios = new ScenarioLibrary(RESOURCES_DIR)
    if (values.list) {
      const list = comparisons.list()
      io.stdout(
        values.json
          ? JSON.stringify(list) + '\n'
          : list.map((c) => `${c.id}  ${c.name}`).join('\n') + '\n'
      )
      return EXIT_OK
    }
    if (typeof values.preset !== 'string') throw new UsageError('give --preset ID (or --list)')
    if (values['data-dir'] !== undefined && !values.save)
      throw new UsageError('--data-dir goes with --save')
    let duration: number | undefined
    if (values.duration !== undefined) {
      duration = Number(values.duration)
      if (typeof values.duration !== 'string' || !Number.isFinite(duration) || duration <= 0)
        throw new UsageError(
          `--duration must be a positive number, not '${String(values.duration)}'`
        )
    }
    let loaded: LoadedComparison
    let simulations: ReturnType<typeof createSimulation>[]
    try {
      // the members' warm-ups (load 'capacity') are fitted to the duration they run for
      loaded = comparisons.load(values.preset, duration)
      simulations = loaded.members.map(({ source }) =>
        createSimulation(source.scenario, scenarios.trace(source))
      )
    } catch (error) {
      if (error instanceof ScenarioError || error instanceof TraceError)
        throw new UsageError(error.message)
      throw error
    }

    const members: { system: string; name: string; runId: string | null; summary: RunSummary }[] =
      []
    for (const [i, simulation] of simulations.entries()) {
      const { scenario } = loaded.members[i]!.source
      let runId: string | null = null
      if (values.save) {
        const outcome = await simulateSaved(
          simulation,
          scenario,
          { 'data-dir': values['data-dir'], name: scenario.name },
          io,
          () => {}
        )
        if (typeof outcome === 'string') {
          io.stderr(`twin compare: ${scenario.system}: ${outcome}\n`)
          return EXIT_FAILURE
        }
        if (outcome.status !== 'complete') {
          io.stderr(`twin compare: stopped during ${scenario.system} (${outcome.runId} kept)\n`)
          return EXIT_FAILURE
        }
        runId = outcome.runId
      } else {
        while (simulation.nextFrame()) {
          /* as fast as possible */
        }
      }
      members.push({
        system: scenario.system,
        name: scenario.name,
        runId,
        summary: summarize(simulation)
      })
    }
    const table = compareRuns(
      members.map((m, i) => ({
        id: m.runId ?? m.system,
        name: m.name,
        summary: m.summary,
        scenario: loaded.members[i]!.source.scenario
      }))
    )
    if (values.json) {
      io.stdout(
        JSON.stringify({
          comparison: { id: loaded.id, ...loaded.comparison },
          members: members.map((m, i) => ({ ...m, ...loaded.members[i]!.summary })),
          runIds: members.flatMap((m) => (m.runId ? [m.runId] : [])),
          table
        }) + '\n'
      )
    } else
      io.stdout(
        describe(
          loaded.comparison.name,
          table,
          loaded.members.map((m) => m.summary),
          members.map((m) => m.summary)
        )
      )
    return EXIT_OK
  }
}

/** Each member's offered load, and with load 'capacity' the capacity it is a fraction of. */
function describeLoad(m: ComparisonMemberSummary): string {
  const rate = m.ratePerS !== null ? `${m.ratePerS.toFixed(2)} req/s` : `rate x${m.rateScale}`
  const c = m.capacity
  if (!c) return `${m.system}: ${rate}`
  const w = m.warmup
  const warmup = !w
    ? ''
    : w.clipped
      ? `; warm-up ${w.warmupS} s (${WARMUP_DECODE_LIFETIMES} decode lifetimes of ${w.decodeLifetimeS.toFixed(0)} s) clipped to ${w.measureFromS} s: the run is too short for a steady state`
      : `; warm-up ${w.warmupS} s (${WARMUP_DECODE_LIFETIMES} decode lifetimes of ${w.decodeLifetimeS.toFixed(0)} s)`
  return (
    `${m.system}: ${rate} = ${Math.round(c.loadFraction * 100)}% of its capacity ` +
    `${c.requestsPerS.toFixed(2)} req/s, ${c.binding}-bound (decode ${c.decodeRequestsPerS.toFixed(2)} req/s ` +
    `at batch ${c.decodeBatchPerChip}/chip, TPOT ${c.tpotMs.toFixed(1)} ms, limit ${c.decodeLimit}; ` +
    `prefill ${c.prefillRequestsPerS.toFixed(2)} req/s)${warmup}`
  )
}

/** What each run's summary covers: "cloudmatrix384 382-3600 s" or "... whole run (0-600 s)". */
function describeWindows(runs: readonly { system: string; summary: RunSummary }[]): string {
  const each = runs.map(({ system, summary: s }) =>
    s.window
      ? `${system} ${s.window.fromS}-${s.window.toS} s`
      : `${system} whole run (0-${s.simulatedS} s)`
  )
  return `measured over: ${each.join(', ')} (throughput, power and decode batch over the window; latency and SLO attainment of the requests arriving in it)`
}

function describe(
  name: string,
  table: KpiComparison,
  members: readonly ComparisonMemberSummary[],
  summaries: readonly RunSummary[]
): string {
  const fmt = (x: number | null): string =>
    x === null ? '-' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(Math.abs(x) >= 1 ? 2 : 4)
  const pct = (x: number | null): string =>
    x === null ? '' : ` (${x >= 0 ? '+' : ''}${x.toFixed(1)}%)`
  const width = Math.max(...table.rows.map((r) => r.label.length + r.unit.length + 3))
  const columns = table.runs.map((r) => r.system)
  const lines = [
    name,
    '',
    ...members.map(describeLoad),
    '',
    `${''.padEnd(width)}  ${columns.map((c) => c.padStart(22)).join('')}`,
    ...table.rows.map(
      (r) =>
        `${`${r.label} [${r.unit}]`.padEnd(width)}  ${r.values.map((v, i) => `${fmt(v)}${pct(r.deltaPct[i] ?? null)}`.padStart(22)).join('')}`
    ),
    '',
    describeWindows(table.runs.map((r, i) => ({ system: r.system, summary: summaries[i]! }))),
    `deltas against ${columns[0]}; ids: ${table.runs.map((r) => r.id).join(', ')}`
  ]
  return lines.join('\n') + '\n'
}
