import './viewControls.css'
import { useId } from 'react'
import { DIE_METRICS, DIE_METRIC_SPECS, type DieMetric } from '../view/dieMetrics'
import { type ViewState, useView } from '../view/viewState'

/** The metric after this one, wrapping round: what the M key steps to. */
export function nextMetric(metric: DieMetric): DieMetric {
  const i = DIE_METRICS.indexOf(metric)
  return DIE_METRICS[(i + 1) % DIE_METRICS.length]!
}

/** What the hall's dies are coloured by (the legend and the inspector's sparkline follow). */
export function MetricPicker({ view }: { view: ViewState }) {
  const metric = useView(view, 'metric')
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
            {DIE_METRIC_SPECS[m].label}
          </option>
        ))}
      </select>
    </div>
  )
}
