import type { KpiComparisonRow, KpiProvenance } from '../../../shared/api'
import { MISSING, formatNumber } from '../ui/kpiFormat'

export type Verdict = 'better' | 'worse' | 'same' | 'none'

/** within this share of the reference a difference reads as "same" (rounding, noise) */
export const SAME_WITHIN_PCT = 0.5

/** Whether a run's figure is better or worse than the reference run's, by the KPI's direction. */
export function verdictOf(row: KpiComparisonRow, index: number): Verdict {
  const delta = row.delta[index]
  if (index === 0 || delta === null || delta === undefined || row.higherIsBetter === null) {
    return 'none'
  }
  const pct = row.deltaPct[index]
  if (delta === 0 || (pct !== null && pct !== undefined && Math.abs(pct) < SAME_WITHIN_PCT)) {
    return 'same'
  }
  return delta > 0 === row.higherIsBetter ? 'better' : 'worse'
}

/** a signed figure: "+12.3", "−4.1" (a real minus sign), "0" */
export function signed(value: number): string {
  if (!Number.isFinite(value)) return MISSING
  const text = formatNumber(Math.abs(value))
  if (text === '0' || text === '0.00') return text
  return `${value > 0 ? '+' : '−'}${text}`
}

/** "+12.3 %" or "—" */
export function signedPercent(pct: number | null | undefined): string {
  return pct === null || pct === undefined ? MISSING : `${signed(pct)} %`
}

export const VERDICT_WORDS: Record<Verdict, string> = {
  better: 'better',
  worse: 'worse',
  same: 'about the same',
  none: ''
}

/** CSS modifier of a provenance label */
export function provenanceClass(provenance: KpiProvenance): string {
  return provenance === 'calibrated model' ? 'calibrated' : provenance
}

export const PROVENANCE_TITLES: Record<KpiProvenance, string> = {
  published: 'Published: a figure printed in a source, copied as printed',
  'calibrated model':
    'Calibrated model: the operator-level performance model at fixed settings, held within tolerance of the published points',
  simulated: 'Simulated: measured in a serving simulation (requests, queues, batching, faults)'
}
