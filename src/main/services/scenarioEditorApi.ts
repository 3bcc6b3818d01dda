import { randomBytes } from 'node:crypto'
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, basename, resolve } from 'node:path'
import type { TwinParsedArgs, TwinResults } from '../../shared/api'
import { TwinError } from '../../shared/errors'
import type { Scenario } from '../../shared/scenario'
import { validateScenario } from '../../engine/serving/validate'
import { fileNameFor, type FilePicker } from './libraryApi'
import { BUILT_IN_TRACES, type ScenarioLibrary } from './scenarios'

type Method = 'scenarios.validate' | 'scenarios.save'
export type ScenarioEditorHandlers = {
  [M in Method]: (args: TwinParsedArgs<M>) => TwinResults[M] | Promise<TwinResults[M]>
}

export interface ScenarioEditorDeps {
  library: ScenarioLibrary
  /** the desktop app's file dialogs; without it, saving needs a path */
  pickFile?: FilePicker | undefined
  /** where relative trace paths of a scenario from the editor resolve (run.start uses the cwd) */
  baseDir?: string
}

/**
 * Writes a file whole or not at all: the text goes to a temporary file next to it, which is
 * then renamed over the target. Any failure removes the temporary file and names the path.
 */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx' })
    renameSync(temp, path)
  } catch (error) {
    try {
      rmSync(temp, { force: true })
    } catch {
      // no temporary file there to remove (its folder is missing or is a file)
    }
    const code = (error as NodeJS.ErrnoException).code ?? String(error)
    throw new TwinError({
      code: 'invalid-argument',
      message: `cannot write '${path}' (${code}); nothing was written`,
      field: 'path'
    })
  }
}

/**
 * scenarios.validate and scenarios.save: the scenario editor's backend. Validation runs the
 * checks a run would (engine/serving/validate.ts) and reads the trace a scenario names.
 */
export function scenarioEditorHandlers(deps: ScenarioEditorDeps): ScenarioEditorHandlers {
  const baseDir = deps.baseDir ?? process.cwd()
  const validate = (value: unknown) =>
    validateScenario(value, (scenario: Scenario) =>
      deps.library.trace({ scenario, baseDir, origin: 'scenario' })
    )
  return {
    'scenarios.validate': ({ scenario }) => validate(scenario),
    'scenarios.save': async ({ scenario, path: given }) => {
      const checked = validate(scenario)
      if (!checked.ok) {
        const first = checked.issues[0]!
        const more = checked.issues.length > 1 ? ` (and ${checked.issues.length - 1} more)` : ''
        throw new TwinError({
          code: 'invalid-argument',
          message: `scenario.${first.path}: ${first.message}${more}; nothing was saved`,
          field: `scenario.${first.path}`
        })
      }
      let path: string | null
      if (given !== undefined) path = given
      else if (deps.pickFile)
        path = await deps.pickFile('save-scenario', fileNameFor(checked.scenario.name, 'json'))
      else
        throw new TwinError({
          code: 'invalid-argument',
          message: 'give a path: there is no file dialog here (use the desktop app)',
          field: 'path'
        })
      if (path === null) return { path: null }
      const text = JSON.stringify(portable(scenario, baseDir), null, 2) + '\n'
      writeFileAtomic(resolve(path), text)
      return { path: resolve(path) }
    }
  }
}

/**
 * The scenario as the user wrote it, with a relative trace path made absolute: it was checked
 * against `baseDir`, and the file may be saved elsewhere (traces resolve from the file's folder).
 */
function portable(scenario: Record<string, unknown>, baseDir: string): Record<string, unknown> {
  const workload = scenario.workload as { kind?: unknown; trace?: unknown } | undefined
  if (
    workload?.kind !== 'trace' ||
    typeof workload.trace !== 'string' ||
    Object.hasOwn(BUILT_IN_TRACES, workload.trace) ||
    isAbsolute(workload.trace)
  )
    return scenario
  return { ...scenario, workload: { ...workload, trace: resolve(baseDir, workload.trace) } }
}
