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

/** The first two moments of a length distribution, in tokens and tokens squared. */
export interface LengthMoments {
  mean: number
  meanSquare: number
}

/**
 * E[L] and E[L^2] of the lengths `createLengthSampler` draws, in closed form. Uniform: over the
 * integers min..max (variance (n^2 - 1) / 12). Lognormal clamped at `max`: with
 * X = median * exp(sigma * Z) and a = ln(max / median), E[min(X, max)^k] =
 * median^k exp(k^2 sigma^2 / 2) Phi(a / sigma - k sigma) + max^k (1 - Phi(a / sigma)); the
 * rounding to whole tokens and the floor at 1 token are left out (under a token either way).
 */
export function lengthMoments(spec: LengthSpec): LengthMoments {
  switch (spec.kind) {
    case 'fixed':
      return { mean: spec.tokens, meanSquare: spec.tokens ** 2 }
    case 'uniform': {
      const mean = (spec.min + spec.max) / 2
      const n = spec.max - spec.min + 1
      return { mean, meanSquare: mean ** 2 + (n * n - 1) / 12 }
    }
    case 'lognormal': {
      const { median, sigma, max } = spec
      if (sigma === 0) {
        const x = Math.min(max, median)
        return { mean: x, meanSquare: x * x }
      }
      const a = Math.log(max / median) / sigma
      const clampedShare = 1 - normalCdf(a)
      const moment = (k: number): number =>
        median ** k * Math.exp((k * k * sigma * sigma) / 2) * normalCdf(a - k * sigma) +
        max ** k * clampedShare
      return { mean: moment(1), meanSquare: moment(2) }
    }
    default:
      throw new RangeError(`unknown length kind in ${JSON.stringify(spec)}`)
  }
}

/**
 * The standard normal distribution function, from erf by Abramowitz and Stegun (1964),
 * Handbook of Mathematical Functions, formula 7.1.26 (absolute error under 1.5e-7).
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * z)
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-z * z)
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}
