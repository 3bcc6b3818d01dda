import { getTopology, hasTopology } from '../topology'
import {
  scenarioSchema,
  scenarioSchemaIssues,
  ScenarioError,
  type Scenario,
  type ScenarioIssue,
  type ScenarioValidation
} from '../../shared/scenario'
import { checkFault } from './faults'
import { planServing } from './plan'
import { buildWorkload, type TraceText } from './run'
import { TraceError } from './workload'

/**
 * Checks a scenario as the scenario editor needs it: every issue at its field, not just the
 * first. Uses the code a run uses (the schema, the fault checks, the serving plan, the workload
 * builder), so a scenario that passes here starts, and one refused here would be refused by
 * run.start with the same message. `readTrace` reads the trace a scenario names (the host reads
 * files; the engine does not) and throws a ScenarioError when it cannot.
 */
export function validateScenario(
  value: unknown,
  readTrace: (scenario: Scenario) => TraceText | null
): ScenarioValidation {
  const schemaIssues = scenarioSchemaIssues(value)
  if (schemaIssues.length > 0) return { ok: false, issues: schemaIssues }
  const scenario = scenarioSchema.parse(value)
  const issues: ScenarioIssue[] = []
  const attempt = (fallbackPath: string, check: () => void): boolean => {
    try {
      check()
      return true
    } catch (error) {
      issues.push(issueOf(error, fallbackPath))
      return false
    }
  }

  const topology = hasTopology(scenario.system) ? getTopology(scenario.system) : null
  scenario.faults.forEach((fault, index) => {
    // the simulation lets a shortened run skip later faults; a scenario being edited should not
    if (fault.atS >= scenario.durationS) {
      issues.push({
        path: `faults.${index}.atS`,
        message: `starts at ${fault.atS} s, at or after the end of the run (${scenario.durationS} s)`
      })
    }
    attempt(`faults.${index}`, () => checkFault(fault, index, topology))
  })
  attempt('deployment', () => planServing(scenario))
  let trace: TraceText | null = null
  const readable = attempt('workload.trace', () => (trace = readTrace(scenario)))
  if (readable) attempt('workload', () => buildWorkload(scenario, trace))
  return issues.length > 0 ? { ok: false, issues } : { ok: true, scenario }
}

/** An error of the run's own checks as an issue at its field, without the source prefix. */
function issueOf(error: unknown, fallbackPath: string): ScenarioIssue {
  if (error instanceof ScenarioError) {
    const path = error.field && error.field !== 'scenario' ? error.field : fallbackPath
    return { path, message: withoutPrefix(error.message, path) }
  }
  if (error instanceof TraceError) return { path: 'workload.trace', message: error.message }
  if (error instanceof RangeError) {
    // the length samplers name the spec they refuse: "prompt: min must not exceed max (...)"
    const spec = /^(prompt|output): /.exec(error.message)
    if (spec) return { path: `workload.${spec[1]}`, message: error.message.slice(spec[0].length) }
  }
  if (error instanceof Error) return { path: fallbackPath, message: error.message }
  throw error
}

/** "faults.0.die: no die 'x' in ..." at path faults.0.die reads "no die 'x' in ..." at the field. */
function withoutPrefix(message: string, path: string): string {
  const at = message.indexOf(`${path}: `)
  return at >= 0 ? message.slice(at + path.length + 2) : message
}
