import { basename, extname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunStatus } from '../../shared/api'
import type { RunRecord } from '../../shared/library'
import { OPENABLE_FILES, type OpenedFile } from '../../shared/openFiles'
import { isBuiltInTrace, type ScenarioLibrary } from './scenarios'
import type { TwinService } from './twinService'

/**
 * What to do with a file the user opened from the command line, the OS, File > Open or by
 * dropping it on the window.
 */
export type OpenRequest =
  | { kind: 'import-run'; path: string }
  | { kind: 'start-scenario'; path: string }
  | { kind: 'unsupported'; path: string }

export type OpenOutcome =
  { ok: true; opened: OpenedFile } | { ok: false; path: string; reason: string }

const UNSUPPORTED = `${OPENABLE_FILES}; this is neither`

export function openRequestFor(path: string): OpenRequest {
  const extension = extname(path).toLowerCase()
  if (extension === '.twinrun') return { kind: 'import-run', path }
  if (extension === '.json') return { kind: 'start-scenario', path }
  return { kind: 'unsupported', path }
}

/**
 * The files named on a command line (ours at start, or a second instance's). `skip` leaves
 * out the executable, and the app folder when Electron runs unpackaged (`electron .`);
 * Chromium adds its own switches to a second instance's argv, so anything starting with '-'
 * is not a file. Linux desktop entries may pass file:// URLs (%U).
 */
export function openRequestsFromArgv(
  argv: readonly string[],
  { cwd, skip }: { cwd: string; skip: number }
): OpenRequest[] {
  return argv
    .slice(skip)
    .filter((arg) => arg.length > 0 && !arg.startsWith('-'))
    .map((arg) => (arg.startsWith('file://') ? fileURLToPath(arg) : resolve(cwd, arg)))
    .map(openRequestFor)
}

/** The dialog for a file that could not be opened: it names the file, and says why. */
export function openFailureMessage(
  path: string,
  reason: string
): { title: string; content: string } {
  return {
    title: `Cannot open ${basename(path)}`,
    content: reason.includes(path) ? reason : `${path}: ${reason}`
  }
}

export interface OpenFileDeps {
  service: TwinService
  scenarios: ScenarioLibrary
}

/**
 * Opens one file through the service's own methods, so a bad file fails exactly as it would
 * from the UI and leaves the library as it was: a .twinrun is imported (unless its run is
 * already there) and its replay opened
 * (in main, so a view that connects later still finds it), a scenario is validated and run.
 */
export async function openFile(request: OpenRequest, deps: OpenFileDeps): Promise<OpenOutcome> {
  const { path } = request
  const file = basename(path)
  const fail = (reason: string): OpenOutcome => ({ ok: false, path, reason })
  if (request.kind === 'unsupported') return fail(UNSUPPORTED)
  if (request.kind === 'import-run') {
    // a file opened again (a second double-click) shows the run imported the first time
    const imported = await deps.service.dispatch('runs.import', { path, existing: 'reuse' })
    if (!imported.ok) return fail(imported.error.message)
    const [run] = imported.value as RunRecord[]
    if (!run) return fail('the file holds no run')
    const opened = await deps.service.dispatch('replay.open', { id: run.id })
    if (!opened.ok) return fail(opened.error.message)
    deps.service.command({ kind: 'replay-run', runId: run.id })
    return { ok: true, opened: { file, kind: 'replay', runId: run.id, name: run.name } }
  }
  let scenario: Record<string, unknown>
  try {
    const source = deps.scenarios.file(path)
    scenario = withTraceFrom(source.scenario, source.baseDir)
  } catch (error) {
    return fail((error as Error).message)
  }
  const started = await deps.service.dispatch('run.start', { scenario, save: true })
  if (!started.ok) return fail(started.error.message)
  const status = started.value as RunStatus
  const name = status.scenarioName ?? String(scenario['name'])
  return { ok: true, opened: { file, kind: 'run', runId: status.runId, name } }
}

/**
 * run.start resolves an inline scenario's relative trace path from the working directory;
 * a scenario file's trace is relative to the file, so it is made absolute here.
 */
function withTraceFrom(
  scenario: { workload: { kind: string; trace?: string } },
  baseDir: string
): Record<string, unknown> {
  const { workload } = scenario
  if (workload.kind !== 'trace' || !workload.trace) return scenario
  if (isBuiltInTrace(workload.trace) || isAbsolute(workload.trace)) return scenario
  return { ...scenario, workload: { ...workload, trace: join(baseDir, workload.trace) } }
}
