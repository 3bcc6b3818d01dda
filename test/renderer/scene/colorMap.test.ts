import { describe, expect, it } from 'vitest'
import { DieRole } from '../../../src/shared/frame'
import {
  FAILED_COLOR,
  NO_DATA_COLOR,
  UTILIZATION_STOPS,
  hexToRgb,
  srgbToLinear,
  utilizationColor,
  utilizationGradientCss,
  writeSegmentColors,
  writeUtilizationColors
} from '../../../src/renderer/src/scene/colorMap'

type Rgb = [number, number, number]
const linear = (rgb: Rgb): Rgb => rgb.map(srgbToLinear) as Rgb

/** CIE L* of a colour; viridis is built to rise monotonically in it */
function lightness(rgb: Rgb): number {
  const [r, g, b] = linear(rgb)
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b
  return y > 0.008856 ? 116 * Math.cbrt(y) - 16 : 903.3 * y
}

function lab(lin: Rgb): Rgb {
  const [r, g, b] = lin
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116)
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047)
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b)
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)]
}

// Machado et al. (2009) full-severity simulation matrices, applied in linear RGB.
const VISION: Record<string, number[][]> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1]
  ],
  deutan: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881]
  ],
  protan: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998]
  ]
}

function seen(rgb: Rgb, m: number[][]): Rgb {
  const l = linear(rgb)
  return m.map((row) =>
    Math.min(1, Math.max(0, row[0]! * l[0] + row[1]! * l[1] + row[2]! * l[2]))
  ) as Rgb
}

const distance = (a: Rgb, b: Rgb): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])
const samples = Array.from({ length: 101 }, (_, i) => utilizationColor(i / 100))

describe('utilization colour map', () => {
  it('starts and ends at the first and last viridis stop, and clamps outside 0..1', () => {
    expect(utilizationColor(0)).toEqual(hexToRgb(UTILIZATION_STOPS[0]))
    expect(utilizationColor(1)).toEqual(hexToRgb(UTILIZATION_STOPS[8]))
    expect(utilizationColor(-3)).toEqual(utilizationColor(0))
    expect(utilizationColor(7)).toEqual(utilizationColor(1))
  })

  it('rises monotonically in lightness', () => {
    for (let i = 1; i < samples.length; i++) {
      expect(lightness(samples[i]!)).toBeGreaterThan(lightness(samples[i - 1]!))
    }
  })

  it('keeps failed and no-data far from every utilization, for normal, deutan and protan vision', () => {
    for (const [vision, m] of Object.entries(VISION)) {
      const failed = lab(seen(hexToRgb(FAILED_COLOR), m))
      const noData = lab(seen(hexToRgb(NO_DATA_COLOR), m))
      expect(distance(failed, noData), vision).toBeGreaterThan(40)
      for (const sample of samples) {
        const s = lab(seen(sample, m))
        expect(distance(failed, s), `failed, ${vision}`).toBeGreaterThan(30)
        expect(distance(noData, s), `no data, ${vision}`).toBeGreaterThan(20)
      }
    }
  })

  it('paints linear RGB per entity: no data without a frame, failed over any value', () => {
    const target = new Float32Array(5 * 3)
    writeUtilizationColors(target, null)
    const noData = linear(hexToRgb(NO_DATA_COLOR))
    for (let i = 0; i < 5; i++) {
      expect([...target.slice(i * 3, i * 3 + 3)]).toEqual(noData.map((v) => Math.fround(v)))
    }
    const values = new Float32Array([0, 1, 0.5, Number.NaN, 0.7])
    const roles = [DieRole.decode, DieRole.failed, DieRole.prefill, DieRole.decode, DieRole.idle]
    writeUtilizationColors(target, values, new Uint8Array(roles))
    const close = (i: number, rgb: Rgb): void =>
      rgb.forEach((v, k) => expect(target[i * 3 + k]).toBeCloseTo(v, 2))
    close(0, linear(utilizationColor(0)))
    close(1, linear(hexToRgb(FAILED_COLOR)))
    close(2, linear(utilizationColor(0.5)))
    close(3, noData)
    // an idle die serves nothing: it reads as idle, not as a die busy at some utilization
    close(4, noData)
  })

  it('paints by value alone when no roles are given (CPUs)', () => {
    const target = new Float32Array(3)
    writeUtilizationColors(target, new Float32Array([0]))
    linear(utilizationColor(0)).forEach((v, k) => expect(target[k]).toBeCloseTo(v, 2))
  })

  it('paints both ends of each segment from its link', () => {
    const target = new Float32Array(2 * 6)
    writeSegmentColors(target, new Uint32Array([2, 0]), new Float32Array([1, 0.3, 0]))
    const idle = linear(utilizationColor(0))
    const full = linear(utilizationColor(1))
    for (let k = 0; k < 3; k++) {
      expect(target[k]).toBeCloseTo(idle[k]!, 5)
      expect(target[3 + k]).toBeCloseTo(idle[k]!, 5)
      expect(target[6 + k]).toBeCloseTo(full[k]!, 5)
      expect(target[9 + k]).toBeCloseTo(full[k]!, 5)
    }
  })

  it('gives the legend a gradient through every stop', () => {
    const css = utilizationGradientCss()
    for (const stop of UTILIZATION_STOPS) expect(css).toContain(stop)
    expect(css).toMatch(/^linear-gradient\(to right, #440154 0\.0%.*#fde725 100\.0%\)$/)
  })
})
