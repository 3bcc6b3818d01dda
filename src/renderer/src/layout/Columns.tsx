import type { ReactNode, RefObject } from 'react'
import './layout.css'

/** The left column: the scenario picker over the run library (L shows and hides it). */
export function LeftColumn({
  children,
  columnRef
}: {
  children: ReactNode
  columnRef?: RefObject<HTMLElement | null>
}) {
  return (
    <aside
      ref={columnRef}
      id="left-column"
      className="column column--left"
      aria-label="Scenarios and saved runs"
    >
      {children}
    </aside>
  )
}

/**
 * The right column: the inspector of the selected part on top (a slot: the inspector is made
 * elsewhere and given here), then the KPIs, the charts and the event log, scrolling together
 * when the window is short.
 */
export function RightColumn({
  inspector,
  children
}: {
  /** the selected part's inspector; nothing while none is given */
  inspector?: ReactNode
  children: ReactNode
}) {
  return (
    <aside
      id="right-column"
      className="column column--right"
      aria-label="Inspector, KPIs and charts"
    >
      {inspector && <div className="column__slot column__slot--inspector">{inspector}</div>}
      {children}
    </aside>
  )
}
