import { FAILED_COLOR, NO_DATA_COLOR, utilizationGradientCss } from '../scene/colorMap'
import { PALETTE } from '../scene/palette'

function Swatch({ color, label }: { color: string; label: string }) {
  return (
    <li className="legend__key">
      <span className="legend__swatch" style={{ backgroundColor: color }} />
      {label}
    </li>
  )
}

/** The colour keys of the hall, drawn from the same tables the scene paints with. */
export function Legend() {
  return (
    <aside className="legend" aria-label="Colour legend">
      <div className="legend__title">Utilization (%)</div>
      <div className="legend__bar" style={{ backgroundImage: utilizationGradientCss() }} />
      <div className="legend__ticks">
        <span>0</span>
        <span>25</span>
        <span>50</span>
        <span>75</span>
        <span>100</span>
      </div>
      <div className="legend__caption">
        dies: compute (cube) · CPUs: load · links: busiest direction
      </div>
      <ul className="legend__keys">
        <Swatch color={FAILED_COLOR} label="failed die" />
        <Swatch color={NO_DATA_COLOR} label="idle die (not serving) or no data yet" />
        <Swatch color={PALETTE.computeRack} label="compute rack (4 nodes)" />
        <Swatch color={PALETTE.communicationRack} label="communication rack (UB L2)" />
      </ul>
    </aside>
  )
}
