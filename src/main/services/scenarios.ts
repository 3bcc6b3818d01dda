import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path'
import { parseScenario, ScenarioError, type Scenario } from '../../shared/scenario'
import type { TraceText } from '../../engine/serving/run'

/** Traces that ship with the app, by the name scenario files use. */
export const BUILT_IN_TRACES: Record<string, string> = {
  'azure-conv': 'traces/azure-llm-2023-conv.csv',
  'azure-code': 'traces/azure-llm-2023-code.csv'
}

/** Whether a scenario's `workload.trace` names a built-in trace rather than a file. */
export const isBuiltInTrace = (name: string): boolean => Object.hasOwn(BUILT_IN_TRACES, name)

export interface ScenarioSource {
  scenario: Scenario
  /** where relative trace paths resolve from */
  baseDir: string
  /** how to name the scenario in messages */
  origin: string
}

export interface PresetSummary {
  id: string
  name: string
  description: string
  system: string
}

/**
 * Scenario files on disk: the built-in presets in resources/scenarios and the user's own,
 * parsed with the one schema, every error naming the file and the field (or line and column
 * for JSON that does not parse).
 */
export class ScenarioLibrary {
  constructor(readonly resourcesDir: string) {}

  presetIds(): string[] {
    return readdirSync(join(this.resourcesDir, 'scenarios'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => basename(f, '.json'))
      .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)))
  }

  presets(): PresetSummary[] {
    return this.presetIds().map((id) => {
      const { scenario } = this.preset(id)
      return {
        id,
        name: scenario.name,
        description: scenario.description ?? '',
        system: scenario.system
      }
    })
  }

  preset(id: string): ScenarioSource {
    if (!/^[a-z0-9-]+$/.test(id) || !this.presetIds().includes(id)) {
      throw new ScenarioError(
        `no built-in scenario '${id}' (known: ${this.presetIds().join(', ')})`,
        'scenario'
      )
    }
    return this.file(join(this.resourcesDir, 'scenarios', `${id}.json`))
  }

  /** A preset id or a path to a scenario file. */
  load(nameOrPath: string): ScenarioSource {
    const looksLikePath =
      nameOrPath.includes('/') || nameOrPath.includes('\\') || extname(nameOrPath) === '.json'
    return looksLikePath ? this.file(resolve(nameOrPath)) : this.preset(nameOrPath)
  }

  file(path: string): ScenarioSource {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      throw new ScenarioError(
        `${path}: cannot read the scenario file (${(error as NodeJS.ErrnoException).code ?? error})`,
        null
      )
    }
    return {
      scenario: parseScenario(parseJson(text, path), path),
      baseDir: dirname(path),
      origin: path
    }
  }

  /** The trace a scenario names: a built-in trace, or a file relative to the scenario. */
  trace(source: ScenarioSource): TraceText | null {
    const w = source.scenario.workload
    if (w.kind !== 'trace') return null
    const builtIn = BUILT_IN_TRACES[w.trace]
    const path = builtIn
      ? join(this.resourcesDir, builtIn)
      : isAbsolute(w.trace)
        ? w.trace
        : join(source.baseDir, w.trace)
    try {
      return { name: builtIn ? basename(builtIn) : w.trace, text: readFileSync(path, 'utf8') }
    } catch (error) {
      const known = Object.keys(BUILT_IN_TRACES).join(', ')
      throw new ScenarioError(
        `${source.origin}: workload.trace: cannot read '${w.trace}' (${(error as NodeJS.ErrnoException).code ?? error}); built-in traces: ${known}`,
        'workload.trace'
      )
    }
  }
}

/** JSON.parse with the line and column of the error, which V8 gives as an offset or a snippet. */
export function parseJson(text: string, origin: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = String((error as Error).message)
    const offset = errorOffset(text, message)
    if (offset === null) throw new ScenarioError(`${origin}: not valid JSON (${message})`, null)
    const before = text.slice(0, offset)
    const line = before.split('\n').length
    const column = offset - before.lastIndexOf('\n')
    throw new ScenarioError(`${origin}:${line}:${column}: not valid JSON (${message})`, null)
  }
}

function errorOffset(text: string, message: string): number | null {
  const position = /position (\d+)/.exec(message)
  if (position) return Number(position[1])
  if (/Unexpected end of JSON input/.test(message)) return text.length
  // V8 11: Unexpected token 'c', ..."system": cloudmatri"... is not valid JSON
  const snippet =
    /Unexpected token '(.)', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message)
  if (!snippet) return null
  const at = text.indexOf(snippet[2]!)
  return at < 0 ? null : at + snippet[2]!.indexOf(snippet[1]!)
}
