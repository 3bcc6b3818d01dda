import { describe, expect, it } from 'vitest'
import { createFrame, DieRole, decodeFrame } from '../../../src/shared/frame'
import {
  FAILED_COLOR,
  NO_DATA_COLOR,
  ROLE_COLORS,
  type Rgb,
  hexToRgb,
  linearToSrgb,
  srgbToLinear,
  utilizationColor,
  writeDieColors
} from '../../../src/renderer/src/scene/colorMap'
import { DIE_METRIC_SPECS } from '../../../src/renderer/src/view/dieMetrics'

const linear = (rgb: Rgb): Rgb => rgb.map(srgbToLinear) as Rgb

/** four serving dies with distinct figures, one failed, one idle */
function frame() {
  const f = createFrame(0, 1, { dies: 6, cpus: 0, links: 0 })
  f.dieCompute.set([0.9, 0.1, 0.5, 0.3, 0.8, 0.8])
  f.dieHbmBandwidth.set([0.2, 0.7, 0, 1, 0.5, 0.5])
  f.dieHbmUsedGB.set([60, 8, 32, 16, 40, 40])
  f.dieRole.set([
    DieRole.decode,
    DieRole.prefill,
    DieRole.cache,
    DieRole.decode,
    DieRole.failed,
    DieRole.idle
  ])
  return decodeFrame(f.buffer)
}

function colorAt(target: Float32Array, i: number): Rgb {
  return [target[i * 3]!, target[i * 3 + 1]!, target[i * 3 + 2]!]
}

/** within `tolerance` per channel: the paint goes through a 256-entry table */
function expectClose(actual: Rgb, expected: Rgb, tolerance = 0.01): void {
  expected.forEach((v, k) => expect(Math.abs(actual[k]! - v)).toBeLessThan(tolerance))
}

describe('die painting by metric', () => {
  it('paints each scale metric through the utilization map at its own scaled value', () => {
    const f = frame()
    const target = new Float32Array(6 * 3)
    for (const id of ['compute', 'hbmBandwidth', 'hbmOccupancy', 'power'] as const) {
      const spec = DIE_METRIC_SPECS[id]
      writeDieColors(target, f, spec)
      for (const die of [0, 1, 2, 3]) {
        const scaled = spec.scaled(f, die)
        expectClose(colorAt(target, die), linear(utilizationColor(scaled)))
      }
    }
  })

  it('gives the same die different colours under different metrics', () => {
    const f = frame()
    const compute = new Float32Array(18)
    const bandwidth = new Float32Array(18)
    writeDieColors(compute, f, DIE_METRIC_SPECS.compute)
    writeDieColors(bandwidth, f, DIE_METRIC_SPECS.hbmBandwidth)
    // die 0: 90 % compute (near the top), 20 % bandwidth (near the bottom)
    expect(colorAt(compute, 0)[1]).toBeGreaterThan(colorAt(bandwidth, 0)[1] + 0.3)
  })

  it('paints roles with the role colours', () => {
    const target = new Float32Array(18)
    writeDieColors(target, frame(), DIE_METRIC_SPECS.role)
    expectClose(colorAt(target, 0), linear(hexToRgb(ROLE_COLORS.decode)), 1e-6)
    expectClose(colorAt(target, 1), linear(hexToRgb(ROLE_COLORS.prefill)), 1e-6)
    expectClose(colorAt(target, 2), linear(hexToRgb(ROLE_COLORS.cache)), 1e-6)
  })

  it('keeps failed dies failed and idle dies as no data under every metric', () => {
    const target = new Float32Array(18)
    for (const spec of Object.values(DIE_METRIC_SPECS)) {
      writeDieColors(target, frame(), spec)
      expectClose(colorAt(target, 4), linear(hexToRgb(FAILED_COLOR)), 1e-6)
      expectClose(colorAt(target, 5), linear(hexToRgb(NO_DATA_COLOR)), 1e-6)
    }
  })

  it('paints everything as no data without a frame', () => {
    const target = new Float32Array(18).fill(7)
    writeDieColors(target, null, DIE_METRIC_SPECS.compute)
    for (let i = 0; i < 6; i++)
      expectClose(colorAt(target, i), linear(hexToRgb(NO_DATA_COLOR)), 1e-6)
  })

  it('converts linear back to the sRGB the probe reports', () => {
    for (const v of [0, 0.002, 0.2, 0.5, 1]) expect(linearToSrgb(srgbToLinear(v))).toBeCloseTo(v, 6)
  })
})
