import { describe, expect, it } from 'vitest'
import { power } from '../../../src/engine/catalog/power'
import { DIE_METRIC_SPECS } from '../../../src/renderer/src/view/dieMetrics'
import { createFrame, DieRole, decodeFrame } from '../../../src/shared/frame'

function frame() {
  const f = createFrame(0, 1, { dies: 2, cpus: 0, links: 0 })
  f.dieCompute.set([1, 0.25])
  f.dieHbmBandwidth.set([0.5, 0])
  f.dieHbmUsedGB.set([32, 64])
  f.dieRole.set([DieRole.decode, DieRole.failed])
  return decodeFrame(f.buffer)
}

describe('die metrics', () => {
  it('reads the frame in the units of the legend', () => {
    const f = frame()
    expect(DIE_METRIC_SPECS.compute.value(f, 1)).toBe(25)
    expect(DIE_METRIC_SPECS.hbmBandwidth.value(f, 0)).toBe(50)
    expect(DIE_METRIC_SPECS.hbmOccupancy.scaled(f, 0)).toBe(0.5) // 32 of 64 GB
    expect(DIE_METRIC_SPECS.hbmOccupancy.scaled(f, 1)).toBe(1)
  })

  it('colours power with the engine formula: a full die at the top, a failed die at nothing', () => {
    const f = frame()
    const spec = DIE_METRIC_SPECS.power
    expect(spec.value(f, 0)).toBeCloseTo(power.cloudmatrix384.allInPerChipW / 2)
    expect(spec.scaled(f, 0)).toBeCloseTo(1)
    expect(spec.value(f, 1)).toBe(0)
    expect(spec.min).toBeCloseTo(
      (power.cloudmatrix384.allInPerChipW / 2) * power.cloudmatrix384.idleShare
    )
  })
})
