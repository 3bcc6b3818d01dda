import './inspector.css'
import { useEffect, useId, useMemo, useState } from 'react'
import type { Topology } from '../../../engine/topology/types'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { useSampled } from '../telemetry/useSampled'
import { formatSimSeconds } from '../ui/kpiFormat'
import type { DieMetric } from '../view/dieMetrics'
import { type PartRef, type ViewState, useView } from '../view/viewState'
import { PartDetails } from './PartDetails'
import { partMembers, partSeries } from './partFigures'
import { PART_KIND_LABELS, partId, positionWords } from '../view/parts'
import { SeriesRing } from './seriesRing'
import { Sparkline } from './Sparkline'

export interface InspectorProps {
  view: ViewState
  topology: Topology
  telemetry: TelemetryStore
  /** after the close button cleared the selection (the owner of Esc calls view.select(null)) */
  onClose?: () => void
}

/** parts whose sparkline follows the metric the dies are coloured by */
const FOLLOWS_METRIC = new Set<PartRef['kind']>(['die', 'node', 'rack'])

/** samples kept for the sparkline: two minutes at the default one frame per simulated second */
export const SPARKLINE_SAMPLES = 120

/**
 * The selected part: what and where it is, its figures now and a sparkline of the recent past.
 * Figures re-render a few times a second at most (sampled), never per telemetry frame.
 */
export function Inspector({ view, topology, telemetry, onClose }: InspectorProps) {
  const selected = useView(view, 'selected')
  const metric = useView(view, 'metric')
  const titleId = useId()
  const close = (): void => {
    view.select(null)
    onClose?.()
  }
  const id = selected ? partId(topology, selected) : null
  return (
    <section className="panel inspector" aria-labelledby={titleId} data-testid="inspector">
      <div className="inspector__header">
        <h2 className="panel__title inspector__title" id={titleId}>
          Inspector
        </h2>
        {selected && (
          <button
            type="button"
            className="inspector__close"
            aria-label="Close the inspector"
            aria-keyshortcuts="Escape"
            onClick={close}
          >
            ×
          </button>
        )}
      </div>
      {selected && id !== null ? (
        // Another part, or another metric for a die's figure, starts a new component: the
        // sparkline starts empty rather than joining two different series.
        <PartInspector
          key={`${selected.kind}:${selected.index}:${FOLLOWS_METRIC.has(selected.kind) ? metric : ''}`}
          view={view}
          topology={topology}
          telemetry={telemetry}
          part={selected}
          metric={metric}
          id={id}
        />
      ) : (
        <p className="inspector__empty" data-testid="inspector-empty">
          Click a chip, node or rack in the hall, or search for one (
          <kbd className="inspector__kbd">/</kbd>).
        </p>
      )}
    </section>
  )
}

interface PartInspectorProps extends Omit<InspectorProps, 'onClose'> {
  part: PartRef
  metric: DieMetric
  id: string
}

function PartInspector({ view, topology, telemetry, part, metric, id }: PartInspectorProps) {
  const members = useMemo(() => partMembers(topology, part), [topology, part])
  const system = topology.system
  const series = useMemo(
    () => partSeries(part, members, metric, system),
    [part, members, metric, system]
  )
  const [ring] = useState(() => {
    const r = new SeriesRing(SPARKLINE_SAMPLES)
    const f = telemetry.hallFrame
    if (f) r.push(f.simTimeS, series.read(f))
    return r
  })
  // Every frame goes into the ring (a few array writes), outside React.
  useEffect(() => {
    const record = (): void => {
      const f = telemetry.hallFrame
      if (f) ring.push(f.simTimeS, series.read(f))
    }
    record()
    return telemetry.onFrame(record)
  }, [telemetry, ring, series])
  const frame = useSampled(() => telemetry.hallFrame)
  const history = ring.toArrays()

  return (
    <div className="inspector__body">
      <p className="inspector__id">
        <span className="inspector__kind" data-testid="inspector-kind">
          {PART_KIND_LABELS[part.kind]}
        </span>{' '}
        <span data-testid="inspector-id">{id}</span>
      </p>
      <p className="inspector__position" data-testid="inspector-position">
        {positionWords(topology, part)}
      </p>
      <p className="inspector__time panel__note">
        {frame ? `at sim ${formatSimSeconds(frame.simTimeS)} s` : 'no telemetry for this part yet'}
      </p>
      <PartDetails view={view} topology={topology} part={part} members={members} frame={frame} />
      <figure className="inspector__trend">
        <figcaption className="inspector__trend-label">
          {series.label}
          {series.unit && <span className="inspector__unit"> ({series.unit})</span>}
        </figcaption>
        <Sparkline
          times={history.times}
          values={history.values}
          min={series.min}
          max={series.max}
          unit={series.unit}
          label={series.label}
        />
      </figure>
    </div>
  )
}
