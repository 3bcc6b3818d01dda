import type { KpiProvenance } from '../../../shared/api'
import { PROVENANCE_TITLES, provenanceClass } from './compareFormat'

/** Where a figure comes from, in words (published, calibrated model, simulated). */
export function Provenance({ of }: { of: KpiProvenance | null }) {
  if (of === null) {
    return (
      <span className="provenance" title="A setting of the run, not a result">
        setting
      </span>
    )
  }
  return (
    <span
      className={`provenance provenance--${provenanceClass(of)}`}
      title={PROVENANCE_TITLES[of]}
      data-provenance={of}
    >
      {of}
    </span>
  )
}
