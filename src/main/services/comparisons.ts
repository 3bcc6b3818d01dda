import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { comparisonMembers } from '../../engine/serving/comparison'
import {
  comparisonSchema,
  type Comparison,
  type ComparisonMemberSummary,
  type ComparisonPreset
} from '../../shared/comparison'
import { ScenarioError } from '../../shared/scenario'
import { parseJson, type ScenarioLibrary, type ScenarioSource } from './scenarios'

/** A comparison ready to run: each member's scenario (with where its trace resolves from). */
export interface LoadedComparison {
  id: string
  comparison: Comparison
  members: { source: ScenarioSource; summary: ComparisonMemberSummary }[]
}

/**
 * The built-in comparisons in resources/comparisons/*.json (schema: shared/comparison.ts), each
 * naming a built-in scenario and the systems to run it on.
 */
export class ComparisonLibrary {
  constructor(private readonly scenarios: ScenarioLibrary) {}

  private get dir(): string {
    return join(this.scenarios.resourcesDir, 'comparisons')
  }

  ids(): string[] {
    let files: string[]
    try {
      files = readdirSync(this.dir)
    } catch {
      return []
    }
    return files
      .filter((f) => f.endsWith('.json'))
      .map((f) => basename(f, '.json'))
      .sort()
  }

  list(): ComparisonPreset[] {
    return this.ids().map((id) => {
      const { comparison, members } = this.load(id)
      return {
        id,
        name: comparison.name,
        description: comparison.description,
        scenario: comparison.scenario,
        load: comparison.load,
        members: members.map((m) => m.summary)
      }
    })
  }

  /**
   * Reads and validates a comparison and builds its members, for `durationS` simulated seconds
   * each when given (else the comparison's); errors name the file and field.
   */
  load(id: string, durationS?: number): LoadedComparison {
    if (!/^[a-z0-9-]+$/.test(id) || !this.ids().includes(id)) {
      throw new ScenarioError(
        `no built-in comparison '${id}' (known: ${this.ids().join(', ') || 'none'})`,
        'id'
      )
    }
    const path = join(this.dir, `${id}.json`)
    const parsed = comparisonSchema.safeParse(parseJson(readFileSync(path, 'utf8'), path))
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      const field = issue.path.map(String).join('.') || 'comparison'
      throw new ScenarioError(`${path}: ${field}: ${issue.message}`, field)
    }
    const comparison = parsed.data
    const base = this.scenarios.preset(comparison.scenario)
    const members = comparisonMembers(comparison, base.scenario, durationS).map((m) => ({
      source: { ...base, scenario: m.scenario },
      summary: m.summary
    }))
    return { id, comparison, members }
  }
}
