/**
 * Whether the user asked the system for reduced motion: the scene then jumps instead of
 * flying and draws links without traffic pulses. Read on every use (the query object is made
 * once), so changing the setting takes effect without a reload.
 */
let query: MediaQueryList | null | undefined

export function prefersReducedMotion(): boolean {
  if (query === undefined) {
    query = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null
  }
  return query?.matches ?? false
}
