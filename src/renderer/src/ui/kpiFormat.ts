/** shown in place of a figure the frame does not define (NaN: no completions yet, no prefill) */
export const MISSING = '—'

const formatters = new Map<number, Intl.NumberFormat>()
function fixed(digits: number): Intl.NumberFormat {
  let f = formatters.get(digits)
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits
    })
    formatters.set(digits, f)
  }
  return f
}

/**
 * About three significant figures, with thousands separators: a panel refreshed four times a
 * second is read at a glance, and more digits only flicker.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return MISSING
  const magnitude = Math.abs(value)
  const digits = magnitude >= 100 || magnitude === 0 ? 0 : magnitude >= 10 ? 1 : 2
  // -0 would print as "-0"
  return fixed(digits).format(value === 0 ? 0 : value)
}

/** a count (requests in a queue): whole numbers */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? fixed(0).format(value) : MISSING
}

/** a fraction 0..1 as a percentage with one decimal */
export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? fixed(1).format(fraction * 100) : MISSING
}

/** a simulated time in whole seconds, as the progress display and the event log show it */
export function formatSimSeconds(seconds: number): string {
  return Number.isFinite(seconds) ? fixed(0).format(Math.floor(Math.max(0, seconds))) : MISSING
}
