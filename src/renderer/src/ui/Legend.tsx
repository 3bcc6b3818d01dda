import './legend.css'
import type { Topology } from '../../../engine/topology/types'
import { DIE_ROLE_NAMES } from '../../../shared/frame'
import { FAILED_COLOR, NO_DATA_COLOR, ROLE_COLORS, utilizationGradientCss } from '../scene/colorMap'
import { PALETTE } from '../scene/palette'
import { type DieMetricSpec, dieMetricSpecs } from '../view/dieMetrics'
import { ViewState, useView } from '../view/viewState'

const TICKS = 5
// Until the layout passes its view the legend keys the default metric (compute); a fixed
// object, so the hook is called the same way on every render.
const UNSHARED_VIEW = new ViewState()

/** Evenly spaced tick labels from the metric's min to its max, in its unit. */
export function legendTicks(spec: Pick<DieMetricSpec, 'min' | 'max'>, count = TICKS): string[] {
  const step = (spec.max - spec.min) / (count - 1)
  const digits = step >= 10 || Number.isInteger(step) ? 0 : 1
  return Array.from({ length: count }, (_, i) => (spec.min + i * step).toFixed(digits))
}

const ROLE_WORDS = {
  prefill: 'prefill',
  decode: 'decode',
  cache: 'cache',
  idle: 'idle (not serving)',
  failed: 'failed'
} as const

function Swatch({ color, label }: { color: string; label: string }) {
  return (
    <li className="color-legend__key">
      <span className="color-legend__swatch" style={{ backgroundColor: color }} />
      {label}
    </li>
  )
}

function Scale({ ticks, testId }: { ticks: string[]; testId: string }) {
  return (
    <>
      <div
        className="color-legend__bar"
        style={{ backgroundImage: utilizationGradientCss() }}
        aria-hidden="true"
      />
      <div className="color-legend__ticks" data-testid={testId}>
        {ticks.map((tick, i) => (
          <span key={i}>{tick}</span>
        ))}
      </div>
    </>
  )
}

/**
 * What the hall's parts are called and how its racks hold them: a CloudMatrix384's dies (two
 * to an NPU), 4-node compute racks and communication racks (the default, with no topology
 * given), or an HGX cluster's GPUs in racks of nodes and no communication racks.
 */
export function hallWords(topology?: Topology): {
  device: string
  computeRack: string
  communicationRacks: boolean
} {
  if (!topology)
    return { device: 'die', computeRack: 'compute rack (4 nodes)', communicationRacks: true }
  const perRack = topology.racks
    .filter((r) => r.kind === 'compute')
    .map((r) => topology.nodes.filter((n) => n.rack === r.index).length)
  const most = Math.max(0, ...perRack)
  const nodes = perRack.every((n) => n === most) ? `${most} nodes` : `up to ${most} nodes`
  return {
    device: topology.dies.length === topology.npus.length ? 'GPU' : 'die',
    computeRack: `compute rack (${nodes})`,
    communicationRacks: topology.racks.some((r) => r.kind === 'communication')
  }
}

/**
 * The colour keys of the hall, for the metric the dies are coloured by: its scale in its unit
 * (the same range the scene maps onto the colours, for the hall's system) or the role colours,
 * then the keys that hold whatever the metric: failed, no data, links and CPUs, rack kinds.
 */
export function Legend({ view, topology }: { view?: ViewState; topology?: Topology }) {
  const metric = useView(view ?? UNSHARED_VIEW, 'metric')
  const spec = dieMetricSpecs(topology?.system ?? 'cloudmatrix384')[metric]
  const scaled = spec.kind === 'scale'
  const words = hallWords(topology)
  return (
    <aside className="legend color-legend" aria-label="Colour legend" data-testid="legend">
      <div className="color-legend__title" data-testid="legend-title">
        {words.device === 'GPU' ? 'GPUs' : 'Dies'}: {spec.label}
        {scaled && <span className="color-legend__unit"> ({spec.unit})</span>}
      </div>
      {scaled ? (
        <Scale ticks={legendTicks(spec)} testId="legend-ticks" />
      ) : (
        <ul className="color-legend__keys color-legend__keys--roles" data-testid="legend-roles">
          {DIE_ROLE_NAMES.filter((r) => r !== 'idle' && r !== 'failed').map((role) => (
            <Swatch key={role} color={ROLE_COLORS[role]} label={ROLE_WORDS[role]} />
          ))}
        </ul>
      )}
      <div className="color-legend__subtitle">
        CPUs and links: utilization <span className="color-legend__unit">(%)</span>
      </div>
      <Scale ticks={['0', '50', '100']} testId="legend-link-ticks" />
      <div className="color-legend__caption">links: busiest direction</div>
      <ul className="color-legend__keys">
        <Swatch color={FAILED_COLOR} label={`failed ${words.device}`} />
        <Swatch color={NO_DATA_COLOR} label={`idle ${words.device} (not serving) or no data yet`} />
        <Swatch color={PALETTE.computeRack} label={words.computeRack} />
        {words.communicationRacks && (
          <Swatch color={PALETTE.communicationRack} label="communication rack (UB L2)" />
        )}
      </ul>
    </aside>
  )
}
