import { chips } from '../../../engine/catalog/chips'
import { deployments } from '../../../engine/catalog/deployments'
import { power } from '../../../engine/catalog/power'
import { systems } from '../../../engine/catalog/systems'
import { devicePowerW } from '../../../engine/telemetry/devicePower'
import { DieRole, type FrameView } from '../../../shared/frame'
import type { SystemId } from '../../../shared/systems'

/** What the hall's dies can be coloured by. */
export const DIE_METRICS = ['compute', 'hbmBandwidth', 'hbmOccupancy', 'power', 'role'] as const
export type DieMetric = (typeof DIE_METRICS)[number]

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
 * figures from the catalog: HBM occupancy against the device's HBM (a 910C die's 64 GB, a
 * GPU's 80 GB), power with the engine's devicePowerW and the system's power spec (the formula
 * behind the powerKW KPI), so a colour and a KPI never disagree. One set per system.
 */
export function dieMetricSpecs(system: SystemId): Record<DieMetric, DieMetricSpec> {
  let specs = specsBySystem.get(system)
  if (!specs) {
    specs = buildSpecs(system)
    specsBySystem.set(system, specs)
  }
  return specs
}

const specsBySystem = new Map<SystemId, Record<DieMetric, DieMetricSpec>>()

function buildSpecs(system: SystemId): Record<DieMetric, DieMetricSpec> {
  const spec = deployments[system].system
  const chip = chips[systems[spec].chip]
  const powerSpec = power[spec]
  const perChip = chip.devicesPerChip
  const device = perChip > 1 ? 'die' : 'GPU'
  return {
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
      label: `HBM occupancy (of ${chip.hbmGB} GB)`,
      unit: 'GB',
      min: 0,
      max: chip.hbmGB,
      value: (f, d) => f.dieHbmUsedGB[d]!
    }),
    power: scale({
      id: 'power',
      label: `Power, all-in share per ${device}`,
      unit: 'W',
      min: devicePowerW(powerSpec, perChip, 0),
      max: devicePowerW(powerSpec, perChip, 1),
      value: (f, d) =>
        devicePowerW(powerSpec, perChip, f.dieCompute[d]!, f.dieRole[d] === DieRole.failed)
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
}

/** the hall's (CloudMatrix384's: Ascend 910C dies, the supernode's power) */
export const DIE_METRIC_SPECS: Record<DieMetric, DieMetricSpec> = dieMetricSpecs('cloudmatrix384')
