import { DIE_ROLE_NAMES, DieRole, type DieRoleName, type FrameView } from '../../../shared/frame'
import type { DieMetricSpec } from '../view/dieMetrics'

/**
 * Utilization colours. Viridis (sRGB, 9 evenly spaced stops) reads in order for the common
 * colour-vision deficiencies and in greyscale. Failed parts get magenta and parts without data
 * (or idle dies, which serve nothing) an unlit grey, both chosen far (CIELAB) from every viridis
 * colour for normal, deutan and protan vision, so neither can be mistaken for a utilization.
 */
export const UTILIZATION_STOPS = [
  '#440154',
  '#472d7b',
  '#3b528b',
  '#2c728e',
  '#21918c',
  '#28ae80',
  '#5ec962',
  '#addc30',
  '#fde725'
] as const

export const FAILED_COLOR = '#ff00ff'
export const NO_DATA_COLOR = '#353a42'

/**
 * Die roles when dies are coloured by role: Okabe-Ito hues (distinct for the common
 * colour-vision deficiencies), with idle as no data and failed as failed, as everywhere.
 */
export const ROLE_COLORS: Record<DieRoleName, string> = {
  idle: NO_DATA_COLOR,
  prefill: '#e69f00',
  decode: '#56b4e9',
  cache: '#009e73',
  failed: FAILED_COLOR
}

export type Rgb = [number, number, number]

export function hexToRgb(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16)
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255]
}

export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

const stopRgb = UTILIZATION_STOPS.map(hexToRgb)

/** sRGB colour of a utilization in 0..1 (clamped); interpolated between stops in sRGB. */
export function utilizationColor(value: number): Rgb {
  const t = Math.min(1, Math.max(0, value)) * (stopRgb.length - 1)
  const i = Math.min(stopRgb.length - 2, Math.floor(t))
  const f = t - i
  const a = stopRgb[i]!
  const b = stopRgb[i + 1]!
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]
}

/** CSS gradient of the same map, for the legend */
export function utilizationGradientCss(): string {
  const last = UTILIZATION_STOPS.length - 1
  const stops = UTILIZATION_STOPS.map((c, i) => `${c} ${((i / last) * 100).toFixed(1)}%`)
  return `linear-gradient(to right, ${stops.join(', ')})`
}

// three.js keeps instance and vertex colours in linear RGB; a table keeps per-frame painting
// to one lookup per entity.
const LUT_SIZE = 256
const lut = new Float32Array(LUT_SIZE * 3)
for (let i = 0; i < LUT_SIZE; i++) {
  const rgb = utilizationColor(i / (LUT_SIZE - 1))
  for (let k = 0; k < 3; k++) lut[i * 3 + k] = srgbToLinear(rgb[k]!)
}
export const linearRgb = (hex: string): Rgb => hexToRgb(hex).map(srgbToLinear) as Rgb
const failedLinear = linearRgb(FAILED_COLOR)
const noDataLinear = linearRgb(NO_DATA_COLOR)
const roleLinear = DIE_ROLE_NAMES.map((name) => linearRgb(ROLE_COLORS[name]))

export function linearToSrgb(c: number): number {
  return c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055
}

function lutIndex(value: number): number {
  // NaN means the sample is missing: show it as no data rather than as idle.
  if (Number.isNaN(value)) return -1
  return Math.round(Math.min(1, Math.max(0, value)) * (LUT_SIZE - 1))
}

function put(target: Float32Array, offset: number, index: number): void {
  if (index < 0) {
    target[offset] = noDataLinear[0]
    target[offset + 1] = noDataLinear[1]
    target[offset + 2] = noDataLinear[2]
  } else {
    target[offset] = lut[index * 3]!
    target[offset + 1] = lut[index * 3 + 1]!
    target[offset + 2] = lut[index * 3 + 2]!
  }
}

/**
 * Writes one linear RGB triple per entity. `values` null means no frame yet (all no-data).
 * With `roles`, failed dies are painted failed whatever their value, and idle dies (serving
 * nothing in this run) the unlit no-data grey: a dark viridis purple would read as "serving,
 * but at 0%", which is a different thing.
 */
export function writeUtilizationColors(
  target: Float32Array,
  values: ArrayLike<number> | null,
  roles: ArrayLike<number> | null = null
): void {
  const count = target.length / 3
  for (let i = 0; i < count; i++) {
    const role = roles ? roles[i] : undefined
    if (role === DieRole.failed) {
      target.set(failedLinear, i * 3)
    } else if (role === DieRole.idle) {
      put(target, i * 3, -1)
    } else {
      put(target, i * 3, values ? lutIndex(values[i] ?? NaN) : -1)
    }
  }
}

/** Colours both ends of every segment from its link's utilization (6 floats per segment). */
export function writeSegmentColors(
  target: Float32Array,
  segmentLink: Uint32Array,
  values: ArrayLike<number> | null
): void {
  for (let s = 0; s < segmentLink.length; s++) {
    const index = values ? lutIndex(values[segmentLink[s]!] ?? NaN) : -1
    put(target, s * 6, index)
    put(target, s * 6 + 3, index)
  }
}

/** Colours both ends of segment i from values[i] (6 floats per segment); null: no data. */
export function writeSegmentValueColors(
  target: Float32Array,
  values: ArrayLike<number> | null
): void {
  const count = target.length / 6
  for (let s = 0; s < count; s++) {
    const index = values ? lutIndex(values[s] ?? NaN) : -1
    put(target, s * 6, index)
    put(target, s * 6 + 3, index)
  }
}

/**
 * Paints dies by one metric of the view (view/dieMetrics.ts): a scale metric through the
 * utilization map, 'role' with the role colours. Failed and idle dies read the same whatever
 * the metric, so switching metrics never hides a fault.
 */
export function writeDieColors(
  target: Float32Array,
  frame: FrameView | null,
  spec: DieMetricSpec
): void {
  const count = target.length / 3
  if (!frame) {
    for (let i = 0; i < count; i++) put(target, i * 3, -1)
    return
  }
  const roles = frame.dieRole
  for (let i = 0; i < count; i++) {
    const role = roles[i]!
    if (role === DieRole.failed) target.set(failedLinear, i * 3)
    else if (role === DieRole.idle) put(target, i * 3, -1)
    else if (spec.kind === 'roles') target.set(roleLinear[role] ?? noDataLinear, i * 3)
    else put(target, i * 3, lutIndex(spec.scaled(frame, i)))
  }
}
