import { describe, expect, it } from 'vitest'
import { power } from '../../../src/engine/catalog/power'
import { devicePowerW } from '../../../src/engine/telemetry/devicePower'

describe('devicePowerW', () => {
  const spec = power.cloudmatrix384
  const fullDieW = spec.allInPerChipW / 2

  it('draws the idle share at rest and the full share at full load, linearly between', () => {
    expect(devicePowerW(spec, 2, 0)).toBeCloseTo(fullDieW * spec.idleShare)
    expect(devicePowerW(spec, 2, 1)).toBeCloseTo(fullDieW)
    expect(devicePowerW(spec, 2, 0.5)).toBeCloseTo(
      fullDieW * (spec.idleShare + 0.5 * (1 - spec.idleShare))
    )
  })

  it('caps utilization at 1, floors it at 0, and a failed device draws nothing', () => {
    expect(devicePowerW(spec, 2, 1.7)).toBe(devicePowerW(spec, 2, 1))
    expect(devicePowerW(spec, 2, -0.2)).toBe(devicePowerW(spec, 2, 0))
    expect(devicePowerW(spec, 2, 0.8, true)).toBe(0)
  })

  it('sums to the supernode all-in figure at full load', () => {
    expect(devicePowerW(spec, 2, 1) * 768).toBeCloseTo(559_000)
  })
})
