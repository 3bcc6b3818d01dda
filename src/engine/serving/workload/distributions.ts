import { createNormal } from '../../util/random'

/** How long prompts or outputs are, in tokens. */
/**
 * Lengths as scenario files state them (shared/scenario.ts): fixed; uniform over [min, max];
 * lognormal round(median * exp(sigma * z)) clamped to [1, max], the long tail real traces show.
 */
export type { LengthSpec } from '../../../shared/scenario'
import type { LengthSpec } from '../../../shared/scenario'

/**
 * Standard Gamma(shape, 1) draws by Marsaglia and Tsang (2000), "A simple method for generating
 * gamma variables": one normal and one uniform per try, accepted more than 95% of the time.
 */
export function createGamma(uniform: () => number): (shape: number) => number {
  const normal = createNormal(uniform)
  const gamma = (shape: number): number => {
    if (shape < 1) {
      // The paper's boost for shape < 1: Gamma(k) = Gamma(k + 1) * U^(1/k).
      return gamma(shape + 1) * Math.pow(1 - uniform(), 1 / shape)
    }
    const d = shape - 1 / 3
    const c = 1 / Math.sqrt(9 * d)
    for (;;) {
      const x = normal()
      const t = 1 + c * x
      if (t <= 0) continue
      const v = t * t * t
      const u = 1 - uniform() // in (0, 1], so its log is finite
      if (u < 1 - 0.0331 * x ** 4) return d * v
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v
    }
  }
  return gamma
}

/** A sampler of whole token counts >= 1; the spec is checked first so a typo fails loudly. */
export function createLengthSampler(
  spec: LengthSpec,
  uniform: () => number,
  what: string
): () => number {
  const check = (ok: boolean, rule: string): void => {
    if (!ok) throw new RangeError(`${what}: ${rule} (got ${JSON.stringify(spec)})`)
  }
  switch (spec.kind) {
    case 'fixed':
      check(isTokenCount(spec.tokens), 'fixed tokens must be a positive integer')
      return () => spec.tokens
    case 'uniform': {
      check(
        isTokenCount(spec.min) && isTokenCount(spec.max),
        'min and max must be positive integers'
      )
      check(spec.min <= spec.max, 'min must not exceed max')
      const span = spec.max - spec.min + 1
      return () => spec.min + Math.floor(uniform() * span)
    }
    case 'lognormal': {
      const { median, sigma, max } = spec
      check(median > 0 && Number.isFinite(median), 'median must be a positive number')
      check(sigma >= 0 && Number.isFinite(sigma), 'sigma must be a finite number >= 0')
      check(isTokenCount(max) && max >= median, 'max must be a positive integer >= median')
      const normal = createNormal(uniform)
      // Clamped rather than redrawn, so every request costs exactly one normal draw and a change of
      // max does not shift the random stream of the requests after it.
      return () => Math.min(max, Math.max(1, Math.round(median * Math.exp(sigma * normal()))))
    }
    default:
      throw new RangeError(`${what}: unknown length kind in ${JSON.stringify(spec)}`)
  }
}

function isTokenCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1
}
