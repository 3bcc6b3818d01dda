import { createSimulation } from '../../engine/serving/run'
import { summarize } from '../../engine/serving/summary'
import { TraceError } from '../../engine/serving/workload'
import { ScenarioLibrary, type ScenarioSource } from '../../main/services/scenarios'
import {
  parseScenario,
  ScenarioError,
  type Scenario,
  type ScenarioInput
} from '../../shared/scenario'
import { SYSTEM_IDS } from '../../shared/systems'
import { randomUUID } from 'node:crypto'
import { KPI_NAMES } from '../../shared/frame'
import { RecordingError, RunRecorder } from '../../main/services/library/recorder'
import { LibraryError, type RunStore } from '../../main/services/library/runStore'
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo, type Command } from '../command'
import { DATA_DIR_HELP, openCliLibrary } from '../library'
import { RESOURCES_DIR } from '../resources'

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'run the serving simulation of a scenario and print its summary',
  usage:
    'twin simulate [--scenario FILE|NAME] [--system ID] [--trace FILE|NAME] [--rate-scale X] [--duration S] [--measure-from S] [--seed N] [--on-bad-row skip|fail] [--save [--name NAME] [--data-dir DIR]] [--json]',
  help: [
    '--scenario <f|name>  a scenario file, or a built-in one (default: default)',
    `--system <id>        run it on another system, with that system's published deployment (${SYSTEM_IDS.join(', ')})`,
    '--trace <f|name>     replay this trace instead, as recorded (Azure CSV or Mooncake JSONL; or azure-conv, azure-code)',
    '--rate-scale <x>     play the trace x times faster (a synthetic workload: x times the arrival rate)',
    '--duration <s>       simulated seconds',
    "--measure-from <s>   the summary measures from here (the scenario's measureFromS; 0: the whole run)",
    '--seed <n>           seed of every random draw (same seed, same run)',
    '--on-bad-row <m>     skip or fail on a malformed trace row (default fail)',
    '--json               print one JSON object (the summary)',
    '--save               save the run in the run library as it goes (its id is printed as runId)',
    "--name <name>        the saved run's name (default: the scenario's)",
    DATA_DIR_HELP,
    'A progress bar goes to stderr when it is a terminal. Ctrl+C stops a saved run and keeps it.'
  ],
  options: {
    scenario: { type: 'string' },
    system: { type: 'string' },
    trace: { type: 'string' },
    'rate-scale': { type: 'string' },
    duration: { type: 'string' },
    'measure-from': { type: 'string' },
    seed: { type: 'string' },
    'on-bad-row': { type: 'string' },
    json: { type: 'boolean' },
    save: { type: 'boolean' },
    name: { type: 'string' },
    'data-dir': { type: 'string' }
  },
  async run(values, io) {
    const library = new ScenarioLibrary(RESOURCES_DIR)
    let source: ScenarioSource
    let simulation: ReturnType<typeof createSimulation>
    try {
      source = withOverrides(library.load(stringFlag(values.scenario) ?? 'default'), values)
      simulation = createSimulation(source.scenario, library.trace(source))
    } catch (error) {
      if (error instanceof ScenarioError || error instanceof TraceError)
        throw new UsageError(error.message)
      throw error
    }
    if ((values.name !== undefined || values['data-dir'] !== undefined) && !values.save)
      throw new UsageError('--name and --data-dir go with --save')
    const started = performance.now()
    const progress = progressBar(io, source.scenario.durationS)
    let saved: { runId: string; status: string } | null = null
    if (values.save) {
      const outcome = await simulateSaved(simulation, source.scenario, values, io, progress)
      if (typeof outcome === 'string') {
        io.stderr(`twin simulate: ${outcome}\n`)
        return EXIT_FAILURE
      }
      saved = outcome
    } else {
      while (simulation.nextFrame()) progress(simulation.now)
    }
    progress(simulation.now, true)
    const wallS = (performance.now() - started) / 1000
    const summary = summarize(simulation)
    const result = {
      ...(saved ?? {}),
      scenario: source.scenario.name,
      seed: source.scenario.seed,
      ...summary,
      wallS: Number(wallS.toFixed(3)),
      simulatedSecondsPerWallSecond: Number((summary.simulatedS / wallS).toFixed(1))
    }
    io.stdout(values.json ? JSON.stringify(result) + '\n' : describe(result))
    return EXIT_OK
  }
}

/** Frames simulated between looks at the event loop (Ctrl+C) while saving. */
const FRAMES_PER_SLICE = 32

/**
 * Simulates while the run library records every frame. Ctrl+C (io.interrupted) ends the run
 * as 'stopped' with what it has; a write failure ends it as 'failed' and returns why.
 */
export async function simulateSaved(
  simulation: ReturnType<typeof createSimulation>,
  scenario: Scenario,
  values: Record<string, string | boolean | undefined>,
  io: CliIo,
  progress: (simS: number) => void
): Promise<{ runId: string; status: 'complete' | 'stopped' } | string> {
  let store: RunStore
  try {
    store = openCliLibrary(values['data-dir'])
  } catch (error) {
    if (error instanceof LibraryError) return error.message
    throw error
  }
  let stopping = false
  void io.interrupted.then(() => (stopping = true))
  const runId = randomUUID()
  try {
    const recorder = new RunRecorder(store, {
      id: runId,
      name: stringFlag(values.name)?.trim() || scenario.name,
      scenario,
      frameCodec: 0,
      kpiNames: KPI_NAMES
    })
    let more = true
    while (more && !stopping) {
      for (let i = 0; i < FRAMES_PER_SLICE && more; i++) {
        const frame = simulation.nextFrame()
        if (frame) {
          recorder.events(simulation.events)
          recorder.frame(frame)
          progress(simulation.now)
        } else more = false
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
    const status = more ? 'stopped' : 'complete'
    recorder.events(simulation.events)
    recorder.finish(status, summarize(simulation))
    return { runId, status }
  } catch (error) {
    if (error instanceof RecordingError || error instanceof LibraryError) return error.message
    throw error
  } finally {
    store.close()
  }
}

const stringFlag = (value: string | boolean | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined

function numberFlag(flag: string, value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
  if (!Number.isFinite(n)) throw new UsageError(`${flag} must be a number, not '${String(value)}'`)
  return n
}

/** Applies the command-line overrides and validates the result with the scenario schema. */
function withOverrides(
  source: ScenarioSource,
  values: Record<string, string | boolean | undefined>
): ScenarioSource {
  const input: ScenarioInput = structuredClone(source.scenario)
  let baseDir = source.baseDir
  const system = stringFlag(values.system)
  if (system !== undefined) {
    input.system = system as Scenario['system']
    input.deployment = {}
  }
  const trace = stringFlag(values.trace)
  if (trace !== undefined) {
    // a trace of the user's own plays as recorded unless --rate-scale says otherwise
    input.workload = { kind: 'trace', trace, rateScale: 1, repeat: false }
    baseDir = process.cwd()
  }
  const rateScale = numberFlag('--rate-scale', values['rate-scale'])
  if (rateScale !== undefined) {
    if (input.workload.kind === 'trace') input.workload.rateScale = rateScale
    else
      input.workload.arrival = {
        ...input.workload.arrival,
        ratePerS: input.workload.arrival.ratePerS * rateScale
      }
  }
  const onBadRow = stringFlag(values['on-bad-row'])
  if (onBadRow !== undefined) {
    if (onBadRow !== 'skip' && onBadRow !== 'fail')
      throw new UsageError(`--on-bad-row must be skip or fail, not '${onBadRow}'`)
    if (input.workload.kind !== 'trace')
      throw new UsageError('--on-bad-row applies to trace workloads only')
    input.workload.onBadRow = onBadRow
  }
  const duration = numberFlag('--duration', values.duration)
  if (duration !== undefined) input.durationS = duration
  const measureFrom = numberFlag('--measure-from', values['measure-from'])
  if (measureFrom !== undefined) input.measureFromS = measureFrom
  const seed = numberFlag('--seed', values.seed)
  if (seed !== undefined) input.seed = seed
  return { ...source, scenario: parseScenario(input, source.origin), baseDir }
}

function progressBar(io: CliIo, durationS: number): (simS: number, done?: boolean) => void {
  if (!process.stderr.isTTY) return () => {}
  let last = 0
  return (simS, done = false) => {
    const now = performance.now()
    if (!done && now - last < 100) return
    last = now
    const share = Math.min(1, simS / durationS)
    const width = 30
    const filled = Math.round(share * width)
    io.stderr(
      `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${simS.toFixed(0)} / ${durationS} s simulated`
    )
    if (done) io.stderr('\n')
  }
}

function describe(
  r: ReturnType<typeof summarize> & {
    scenario: string
    wallS: number
    simulatedSecondsPerWallSecond: number
  }
): string {
  const ms = (p: { p50: number; p99: number }) =>
    `p50 ${p.p50.toFixed(0)} ms, p99 ${p.p99.toFixed(0)} ms`
  return (
    [
      `${r.scenario} on ${r.system}: ${r.simulatedS} s simulated in ${r.wallS} s (${r.simulatedSecondsPerWallSecond}x)`,
      ...(r.window
        ? [
            `  measured over ${r.window.fromS}-${r.window.toS} s (warm-up left out): throughput, decode and power over the window; latency and SLO of requests arriving in it`
          ]
        : []),
      `  requests ${r.requests.completed} completed, ${r.requests.failed} failed, ${r.requests.inFlight} in flight`,
      `  throughput ${r.throughput.inputTokensPerS.toFixed(0)} input and ${r.throughput.outputTokensPerS.toFixed(0)} output tokens/s (${r.throughput.outputTokensPerSPerDecodeChip.toFixed(0)} per decode chip)`,
      `  TTFT ${ms(r.latency.ttftMs)}; TPOT ${ms(r.latency.tpotMs)}`,
      `  SLO attainment ${(r.slo.attainment * 100).toFixed(1)}% (TTFT ${r.slo.ttftMs} ms, TPOT ${r.slo.tpotMs} ms), goodput ${r.slo.goodputRequestsPerS.toFixed(1)} requests/s`,
      `  decode batch ${r.decode.meanBatchPerChip.toFixed(1)} per chip, step ${r.decode.meanStepMs.toFixed(1)} ms; prefix cache hit rate ${(r.cache.prefixHitRate * 100).toFixed(1)}%`,
      `  power ${r.power.meanKW.toFixed(0)} kW, ${r.power.outputTokensPerJoule.toFixed(3)} output tokens per joule`,
      ...r.events.map(
        (e) => `  ${e.atS.toFixed(1).padStart(7)} s  ${e.kind}: ${e.target}: ${e.message}`
      )
    ].join('\n') + '\n'
  )
}
