import { chips } from '../../../engine/catalog/chips'
import { power } from '../../../engine/catalog/power'
import { devicePowerW } from '../../../engine/telemetry/devicePower'
import { DieRole, type FrameView } from '../../../shared/frame'

/** What the hall's dies can be coloured by. */
export const DIE_METRICS = ['compute', 'hbmBandwidth', 'hbmOccupancy', 'power', 'role'] as const
export type DieMetric = (typeof DIE_METRICS)[number]

// The hall is CloudMatrix384's: its dies are Ascend 910C dies, its power the supernode's.
const DIE = chips['ascend-910c']
const DIE_HBM_GB = DIE.hbmGB
const DIE_POWER = power.cloudmatrix384
const DIE_IDLE_W = devicePowerW(DIE_POWER, DIE.devicesPerChip, 0)
const DIE_FULL_W = devicePowerW(DIE_POWER, DIE.devicesPerChip, 1)

export interface DieMetricSpec {
  id: DieMetric
  label: string
  /** the unit of `value` and of the legend's ticks */
  unit: string
  /** a continuous scale (the utilization colour map) or the die roles' categories */
  kind: 'scale' | 'roles'
  /** the legend's ends, in `unit` */
  min: number
  max: number
  /** one die's figure in `unit` (NaN: no data) */
  value(frame: FrameView, die: number): number
  /** the same figure on 0..1 for the colour map */
  scaled(frame: FrameView, die: number): number
}

const scaled = (spec: Pick<DieMetricSpec, 'min' | 'max' | 'value'>) => (f: FrameView, d: number) =>
  (spec.value(f, d) - spec.min) / (spec.max - spec.min)

function scale(spec: Omit<DieMetricSpec, 'scaled' | 'kind'>): DieMetricSpec {
  return { ...spec, kind: 'scale', scaled: scaled(spec) }
}

/**
 * Each metric reads the frame the engine produced (shared/frame.ts) and the hardware's own
 * figures from the catalog: HBM occupancy against the die's 64 GB, power with the engine's
 * devicePowerW (the formula behind the powerKW KPI), so a colour and a KPI never disagree.
 */
export const DIE_METRIC_SPECS: Record<DieMetric, DieMetricSpec> = {
  compute: scale({
    id: 'compute',
    label: 'Compute utilization',
    unit: '%',
    min: 0,
    max: 100,
    value: (f, d) => f.dieCompute[d]! * 100
  }),
  hbmBandwidth: scale({
    id: 'hbmBandwidth',
    label: 'HBM bandwidth utilization',
    unit: '%',
    min: 0,
    max: 100,
    value: (f, d) => f.dieHbmBandwidth[d]! * 100
  }),
  hbmOccupancy: scale({
    id: 'hbmOccupancy',
    label: `HBM occupancy (of ${DIE_HBM_GB} GB)`,
    unit: 'GB',
    min: 0,
    max: DIE_HBM_GB,
    value: (f, d) => f.dieHbmUsedGB[d]!
  }),
  power: scale({
    id: 'power',
    label: 'Power, all-in share per die',
    unit: 'W',
    min: DIE_IDLE_W,
    max: DIE_FULL_W,
    value: (f, d) =>
      devicePowerW(DIE_POWER, DIE.devicesPerChip, f.dieCompute[d]!, f.dieRole[d] === DieRole.failed)
  }),
  role: {
    id: 'role',
    label: 'Role',
    unit: '',
    kind: 'roles',
    min: 0,
    max: 4,
    value: (f, d) => f.dieRole[d]!,
    scaled: (f, d) => f.dieRole[d]! / 4
  }
}
