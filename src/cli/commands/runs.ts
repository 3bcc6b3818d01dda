import { decodeFrame, DIE_ROLE_NAMES } from '../../shared/frame'
import { decodeStoredFrame } from '../../main/services/library/frameCodec'
import { exportKpiCsv, exportRun, importRuns } from '../../main/services/library/exchange'
import { LibraryError, type RunRecord, type RunStore } from '../../main/services/library/runStore'
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo, type Command } from '../command'
import { DATA_DIR_HELP, openCliLibrary } from '../library'

type Values = Record<string, string | boolean | undefined>

interface Subcommand {
  usage: string
  /** the words after the subcommand's name */
  args: string[]
  run(store: RunStore, args: string[], values: Values, io: CliIo): number
}

const print = (io: CliIo, values: Values, json: unknown, text: () => string): void =>
  io.stdout(values.json ? JSON.stringify(json) + '\n' : text())

const SUBCOMMANDS: Record<string, Subcommand> = {
  list: {
    usage: 'twin runs list [--json]',
    args: [],
    run(store, _args, values, io) {
      const runs = store.list()
      print(io, values, runs, () =>
        runs.length === 0
          ? `no saved runs in ${store.path}\n`
          : runs.map(describeRow).join('\n') + '\n'
      )
      return EXIT_OK
    }
  },
  show: {
    usage: 'twin runs show <id> [--json]',
    args: ['id'],
    run(store, [ref], values, io) {
      const id = store.resolveId(ref!)
      const details = {
        run: store.require(id),
        scenario: store.scenarioOf(id),
        events: store.events(id)
      }
      print(io, values, details, () => describeRun(details.run, details.events.length))
      return EXIT_OK
    }
  },
  frame: {
    usage: 'twin runs frame <id> --at <seconds> [--json]',
    args: ['id'],
    run(store, [ref], values, io) {
      const atS = seconds(values.at)
      const id = store.resolveId(ref!)
      const stored = store.frameAt(id, atS)
      if (!stored) throw new LibraryError(`run '${store.require(id).name}' has no saved frames`)
      const frame = frameJson(decodeStoredFrame(stored.data), store.kpiNames(id))
      print(io, values, frame, () => {
        const kpis = Object.entries(frame.kpis).map(([k, v]) => `  ${k} = ${v}`)
        return [`frame ${frame.index} at ${frame.simTimeS} s`, ...kpis].join('\n') + '\n'
      })
      return EXIT_OK
    }
  },
  export: {
    usage: 'twin runs export <id> --out FILE.twinrun',
    args: ['id'],
    run(store, [ref], values, io) {
      const out = outFlag(values.out)
      exportRun(store, store.resolveId(ref!), out)
      io.stdout(`${out}\n`)
      return EXIT_OK
    }
  },
  csv: {
    usage: 'twin runs csv <id> --out FILE.csv',
    args: ['id'],
    run(store, [ref], values, io) {
      const out = outFlag(values.out)
      exportKpiCsv(store, store.resolveId(ref!), out)
      io.stdout(`${out}\n`)
      return EXIT_OK
    }
  },
  import: {
    usage: 'twin runs import FILE.twinrun [--json]',
    args: ['file'],
    run(store, [file], values, io) {
      const runs = importRuns(store, file!)
      print(io, values, runs, () => runs.map(describeRow).join('\n') + '\n')
      return EXIT_OK
    }
  },
  delete: {
    usage: 'twin runs delete <id>',
    args: ['id'],
    run(store, [ref], _values, io) {
      const run = store.require(store.resolveId(ref!))
      store.delete(run.id)
      io.stdout(`deleted ${run.id} (${run.name})\n`)
      return EXIT_OK
    }
  }
}

export const runsCommand: Command = {
  name: 'runs',
  summary: 'list, show, export, import and delete saved runs (the run library)',
  usage: 'twin runs list|show|frame|export|csv|import|delete ... [--data-dir <dir>]',
  help: [
    ...Object.values(SUBCOMMANDS).map((s) => s.usage),
    'A run is named by its id or an unambiguous prefix of it (4 characters or more).',
    '--json               print one JSON value',
    '--at <seconds>       frame: the saved frame at (or just before) this simulated time',
    '--out <file>         export, csv: the file to write',
    DATA_DIR_HELP
  ],
  positionals: true,
  options: {
    json: { type: 'boolean' },
    at: { type: 'string' },
    out: { type: 'string' },
    'data-dir': { type: 'string' }
  },
  async run(values, io, positionals) {
    const [name, ...args] = positionals
    const subcommand = name === undefined ? undefined : SUBCOMMANDS[name]
    if (!subcommand) {
      const known = Object.keys(SUBCOMMANDS).join(', ')
      throw new UsageError(
        name === undefined ? `say what to do: ${known}` : `unknown subcommand '${name}' (${known})`
      )
    }
    if (args.length !== subcommand.args.length) {
      throw new UsageError(`usage: ${subcommand.usage}`)
    }
    let store: RunStore
    try {
      store = openCliLibrary(values['data-dir'])
    } catch (error) {
      if (!(error instanceof LibraryError)) throw error
      io.stderr(`twin runs: ${error.message}\n`)
      return EXIT_FAILURE
    }
    try {
      return subcommand.run(store, args, values, io)
    } catch (error) {
      if (!(error instanceof LibraryError)) throw error
      io.stderr(`twin runs ${name}: ${error.message}\n`)
      return EXIT_FAILURE
    } finally {
      store.close()
    }
  }
}

function seconds(value: string | boolean | undefined): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`--at must be a time in seconds, 0 or more, not '${String(value ?? '')}'`)
  return n
}

function outFlag(value: string | boolean | undefined): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError('--out needs a file')
  return value
}

/** One decoded frame as JSON: per-entity arrays and the KPIs by name. */
function frameJson(buffer: ArrayBuffer, kpiNames: string[]) {
  const f = decodeFrame(buffer)
  const list = (a: ArrayLike<number>) => Array.from(a, (v) => Number(v.toFixed(6)))
  return {
    index: f.index,
    simTimeS: f.simTimeS,
    counts: f.counts,
    kpis: Object.fromEntries(kpiNames.map((name, i) => [name, f.kpis[i] ?? null])),
    dies: {
      role: Array.from(f.dieRole, (r) => DIE_ROLE_NAMES[r] ?? r),
      compute: list(f.dieCompute),
      hbmBandwidth: list(f.dieHbmBandwidth),
      hbmUsedGB: list(f.dieHbmUsedGB)
    },
    cpus: { utilization: list(f.cpuUtilization) },
    links: { utilization: list(f.linkUtilization) },
    experts: { load: list(f.expertLoad) },
    slots: { expert: Array.from(f.slotExpert), die: Array.from(f.slotDie) }
  }
}

function describeRow(r: RunRecord): string {
  const perChip = r.summary?.throughput.outputTokensPerSPerDecodeChip
  return [
    r.id.slice(0, 8),
    r.status.padEnd(11),
    r.createdAt.slice(0, 16).replace('T', ' '),
    `${r.simulatedS.toFixed(0)}/${r.durationS} s`.padEnd(11),
    r.system.padEnd(14),
    perChip === undefined ? '' : `${perChip.toFixed(0)} tok/s/chip`,
    r.name
  ].join('  ')
}

function describeRun(r: RunRecord, events: number): string {
  const s = r.summary
  return (
    [
      `${r.name}  (${r.id})`,
      `  ${r.system}, scenario '${r.scenarioName}', seed ${r.seed}`,
      `  ${r.status}${r.error ? `: ${r.error}` : ''}`,
      `  created ${r.createdAt}${r.finishedAt ? `, finished ${r.finishedAt}` : ''}`,
      `  ${r.simulatedS} of ${r.durationS} simulated s saved in ${r.frameCount} frames (every ${r.sampleIntervalS} s); ${events} events`,
      ...(s
        ? [
            `  ${s.throughput.outputTokensPerSPerDecodeChip.toFixed(0)} output tokens/s per decode chip; TTFT p50 ${s.latency.ttftMs.p50.toFixed(0)} ms; TPOT p50 ${s.latency.tpotMs.p50.toFixed(0)} ms; SLO attainment ${(s.slo.attainment * 100).toFixed(1)}%`
          ]
        : [])
    ].join('\n') + '\n'
  )
}
