import './viewControls.css'
import { useId } from 'react'
import type { SystemId } from '../../../shared/systems'
import { DIE_METRICS, type DieMetric, dieMetricSpecs } from '../view/dieMetrics'
import { type ViewState, useView } from '../view/viewState'

/** The metric after this one, wrapping round: what the M key steps to. */
export function nextMetric(metric: DieMetric): DieMetric {
  const i = DIE_METRICS.indexOf(metric)
  return DIE_METRICS[(i + 1) % DIE_METRICS.length]!
}

/**
 * What the hall's dies are coloured by (the legend and the inspector's sparkline follow),
 * labelled for the hall's system (HBM size, die or GPU); CloudMatrix384's unless told.
 */
export function MetricPicker({ view, system }: { view: ViewState; system?: SystemId }) {
  const metric = useView(view, 'metric')
  const specs = dieMetricSpecs(system ?? 'cloudmatrix384')
  const id = useId()
  return (
    <div className="view-control metric-picker">
      <label className="view-control__label" htmlFor={id}>
        Colour dies by
      </label>
      <select
        id={id}
        className="view-control__select"
        value={metric}
        aria-keyshortcuts="M"
        title="Colour dies by (M: next)"
        onChange={(event) => view.setMetric(event.target.value as DieMetric)}
      >
        {DIE_METRICS.map((m) => (
          <option key={m} value={m}>
            {specs[m].label}
          </option>
        ))}
      </select>
    </div>
  )
}
