import type { PowerSpec } from '../catalog/power'

/**
 * Power drawn by one device (a die on CloudMatrix384, a GPU on NVIDIA) at a compute
 * utilization, everything included (catalog/power.ts): a fixed idle share of its full-load
 * power plus a part proportional to utilization. A failed device draws nothing.
 */
export function devicePowerW(
  spec: PowerSpec,
  devicesPerChip: number,
  computeUtilization: number,
  failed = false
): number {
  if (failed) return 0
  const fullW = spec.allInPerChipW / devicesPerChip
  const u = computeUtilization > 0 ? Math.min(1, computeUtilization) : 0
  return fullW * (spec.idleShare + (1 - spec.idleShare) * u)
}
