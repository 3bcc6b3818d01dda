/**
 * The legend's colours, written out here so the tests check the picture against them, not the
 * scene against itself: viridis at 9 even stops (sRGB), the Okabe-Ito blue of decode dies, and
 * the grey of parts without data.
 */
export type Rgb = [number, number, number]

const VIRIDIS = [
  '#440154',
  '#472d7b',
  '#3b528b',
  '#2c728e',
  '#21918c',
  '#28ae80',
  '#5ec962',
  '#addc30',
  '#fde725'
]
export const DECODE_BLUE = '#56b4e9'
export const NO_DATA_GREY = '#353a42'
export const FAILED_MAGENTA = '#ff00ff'

export function hexToRgb(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16)
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255]
}

export function utilizationColor(value: number): Rgb {
  const t = Math.min(1, Math.max(0, value)) * (VIRIDIS.length - 1)
  const i = Math.min(VIRIDIS.length - 2, Math.floor(t))
  const a = hexToRgb(VIRIDIS[i]!)
  const b = hexToRgb(VIRIDIS[i + 1]!)
  return a.map((v, k) => v + (b[k]! - v) * (t - i)) as Rgb
}

export const distance = (a: Rgb, b: Rgb): number =>
  Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])
