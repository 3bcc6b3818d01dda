import { DIE_ROLE_NAMES, type DieRoleName, type FrameView } from '../../../shared/frame'
import { ROLE_COLORS } from '../scene/colorMap'
import { MISSING } from '../ui/kpiFormat'
import type { SystemId } from '../../../shared/systems'
import { dieMetricSpecs } from '../view/dieMetrics'
import { Fact, Figure } from './Facts'
import { hostedExperts } from './partFigures'

const ROLE_WORDS: Record<DieRoleName, string> = {
  idle: 'idle (not serving)',
  prefill: 'prefill',
  decode: 'decode',
  cache: 'cache',
  failed: 'failed'
}

export function RoleName({ role, testId }: { role: number | undefined; testId?: string }) {
  const name = role === undefined ? undefined : DIE_ROLE_NAMES[role]
  if (!name) return <span data-testid={testId}>{MISSING}</span>
  return (
    <span className="inspector__role" data-testid={testId} data-role={name}>
      <span
        className="inspector__swatch"
        style={{ backgroundColor: ROLE_COLORS[name] }}
        aria-hidden="true"
      />
      {ROLE_WORDS[name]}
    </span>
  )
}

/**
 * A die: its role, its figures in the units the legend uses (its system's: HBM size, power
 * share), and the experts it hosts.
 */
export function DieDetails(props: { frame: FrameView | null; die: number; system: SystemId }) {
  const { frame, die } = props
  const specs = dieMetricSpecs(props.system)
  const hbmGB = specs.hbmOccupancy.max
  const value = (read: (f: FrameView, d: number) => number): number =>
    frame ? read(frame, die) : NaN
  return (
    <>
      <dl className="inspector__facts">
        <Fact label="Role">
          <RoleName role={frame?.dieRole[die]} testId="inspector-role" />
        </Fact>
        <Figure
          label="Compute"
          value={value(specs.compute.value)}
          unit="%"
          testId="inspector-compute"
        />
        <Figure
          label="HBM bandwidth"
          value={value(specs.hbmBandwidth.value)}
          unit="%"
          testId="inspector-hbm-bandwidth"
        />
        <Figure
          label="HBM used"
          value={value(specs.hbmOccupancy.value)}
          unit="GB"
          suffix={`of ${hbmGB}`}
          testId="inspector-hbm-used"
        />
        <Figure label="Power" value={value(specs.power.value)} unit="W" testId="inspector-power" />
      </dl>
      {frame && <Experts frame={frame} die={die} />}
    </>
  )
}

function Experts({ frame, die }: { frame: FrameView; die: number }) {
  const experts = hostedExperts(frame, die)
  if (frame.counts.slots === 0) {
    return <p className="inspector__note">This run places no experts on dies.</p>
  }
  if (experts.length === 0) {
    return (
      <p className="inspector__note" data-testid="inspector-experts-none">
        Hosts no expert slots (experts are placed on decode dies).
      </p>
    )
  }
  return (
    <>
      <h3 className="inspector__subtitle" id={`experts-of-${die}`}>
        Experts hosted <span className="inspector__unit">(load × mean)</span>
      </h3>
      <ul
        className="inspector__experts"
        aria-labelledby={`experts-of-${die}`}
        data-testid="inspector-experts"
      >
        {experts.map(({ expert, shared, load }, i) => (
          <li key={`${expert}-${i}`} data-expert={expert} data-load={String(load)}>
            <span>{shared ? 'shared expert' : `expert ${expert}`}</span>
            <span className="inspector__value">
              {Number.isFinite(load) ? `${load.toFixed(2)}×` : MISSING}
            </span>
          </li>
        ))}
      </ul>
    </>
  )
}
