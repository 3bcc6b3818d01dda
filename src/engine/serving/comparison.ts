import { deployments } from '../catalog/deployments'
import type { Comparison, ComparisonMemberSummary } from '../../shared/comparison'
import { parseScenario, ScenarioError, type Scenario } from '../../shared/scenario'
import type { SystemId } from '../../shared/systems'

export interface ComparisonMember {
  scenario: Scenario
  summary: ComparisonMemberSummary
}

/**
 * The scenarios of a comparison: the base scenario on each system with that system's published
 * deployment, the load carried over as the comparison says (shared/comparison.ts). Decode chips
 * are each deployment's published decode instance (catalog/deployments.ts).
 */
export function comparisonMembers(comparison: Comparison, base: Scenario): ComparisonMember[] {
  if (base.faults.length > 0) {
    throw new ScenarioError(
      `scenario: '${base.name}' has faults, which name parts of one system; a comparison needs a scenario without faults`,
      'scenario'
    )
  }
  const decodeChips = (system: SystemId): number => deployments[system].decode.chipsPerInstance
  const reference = decodeChips(base.system)
  return comparison.systems.map((system) => {
    const scale = comparison.load === 'per-decode-chip' ? decodeChips(system) / reference : 1
    const w = base.workload
    const workload =
      w.kind === 'trace'
        ? { ...w, rateScale: w.rateScale * scale }
        : { ...w, arrival: { ...w.arrival, ratePerS: w.arrival.ratePerS * scale } }
    const scenario = parseScenario(
      {
        ...base,
        name: `${comparison.name} · ${deployments[system].name}`,
        system,
        deployment: {},
        workload,
        durationS: comparison.durationS ?? base.durationS
      },
      `comparison '${comparison.name}', ${system}`
    )
    return {
      scenario,
      summary: {
        system,
        scenarioName: scenario.name,
        ratePerS: workload.kind === 'synthetic' ? workload.arrival.ratePerS : null,
        rateScale: workload.kind === 'trace' ? workload.rateScale : null,
        decodeChips: decodeChips(system)
      }
    }
  })
}
