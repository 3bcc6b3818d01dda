import type { ReactNode } from 'react'
import type { Topology } from '../../../engine/topology/types'
import type { PartRef, ViewState } from '../view/viewState'
import { formatFigure } from './partFigures'
import { partId, showPart } from '../view/parts'

/** A labelled line of the inspector. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="inspector__fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/**
 * A figure with its unit. `data-value` holds the number exactly as the frame gives it (in the
 * unit shown), so an end-to-end test can compare it with what the scene painted.
 */
export function Figure(props: {
  label: string
  value: number
  unit: string
  testId: string
  /** after the unit, e.g. "of 64" */
  suffix?: string
}) {
  const { label, value, unit, testId, suffix } = props
  const text = formatFigure(value, unit)
  const finite = Number.isFinite(value)
  return (
    <Fact label={label}>
      <span
        className={finite ? 'inspector__value' : 'inspector__value inspector__value--missing'}
        data-testid={testId}
        data-value={finite ? String(value) : ''}
      >
        {text}
        {finite && <span className="inspector__unit"> {unit}</span>}
        {finite && suffix && <span className="inspector__unit"> {suffix}</span>}
      </span>
    </Fact>
  )
}

/** Another part named in the inspector: pressing it selects that part and flies to it. */
export function PartButton(props: { view: ViewState; topology: Topology; part: PartRef }) {
  const { view, topology, part } = props
  const id = partId(topology, part) ?? '?'
  return (
    <button
      type="button"
      className="inspector__part"
      title={`Inspect ${id}`}
      onClick={() => showPart(view, topology, part)}
    >
      {id}
    </button>
  )
}
