import { createRandom } from '../../util/random'
import { createGamma, createLengthSampler, type LengthSpec } from './distributions'
import { PREFIX_BLOCK_TOKENS, type ServingRequest } from './types'

export type { LengthSpec } from './distributions'

/**
 * When requests arrive (shared/scenario.ts): Poisson, or bursty with Gamma inter-arrival times
 * of shape 1 / burstiness and mean 1 / ratePerS: burstiness is their squared coefficient of
 * variation, 1 is Poisson, above 1 requests come in clumps.
 */
export type { ArrivalSpec } from '../../../shared/scenario'
import type { ArrivalSpec } from '../../../shared/scenario'

export interface SyntheticSpec {
  arrival: ArrivalSpec
  prompt: LengthSpec
  output: LengthSpec
  /**
   * A system prompt of this many tokens that every request starts with, before its own prompt
   * of `prompt` tokens (so promptTokens = sharedPrefixTokens + a draw). Its full 512-token blocks
   * get the same hashes 1, 2, 3... in every request and the remaining blocks unique ones, which
   * gives a prefix cache something to reuse. Unset: blockHashes are [] (unknown).
   */
  sharedPrefixTokens?: number
}

/** Above this, a typo in rate or duration would exhaust memory rather than make a workload. */
const MAX_REQUESTS = 10_000_000

/**
 * Requests arriving over [0, durationS), the same for the same seed. Arrivals, prompt lengths
 * and output lengths come from separate streams split off the seed, so changing one spec leaves
 * the others' draws as they were (same arrivals with longer outputs, for example).
 */
export function syntheticWorkload(
  spec: SyntheticSpec,
  options: { seed: number; durationS: number }
): ServingRequest[] {
  const { seed, durationS } = options
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`)
  if (!(durationS >= 0 && Number.isFinite(durationS))) {
    throw new RangeError(`durationS must be a finite number >= 0, got ${durationS}`)
  }
  const split = createRandom(seed)
  const streamSeed = (): number => Math.floor(split() * 2 ** 32)
  const nextGap = createArrivalGaps(spec.arrival, createRandom(streamSeed()), durationS)
  const promptTokens = createLengthSampler(spec.prompt, createRandom(streamSeed()), 'prompt')
  const outputTokens = createLengthSampler(spec.output, createRandom(streamSeed()), 'output')
  const blockHashes = createBlockHasher(spec.sharedPrefixTokens)
  const sharedTokens = spec.sharedPrefixTokens ?? 0

  const requests: ServingRequest[] = []
  for (let arrivalS = nextGap(); arrivalS < durationS; arrivalS += nextGap()) {
    // Very bursty gaps keep the mean rate but can clump far beyond it for a while.
    if (requests.length === MAX_REQUESTS) {
      throw new RangeError(
        `the workload grew past ${MAX_REQUESTS} requests; lower rate or burstiness`
      )
    }
    const prompt = sharedTokens + promptTokens()
    requests.push({
      id: requests.length,
      arrivalS,
      promptTokens: prompt,
      outputTokens: outputTokens(),
      blockHashes: blockHashes(prompt)
    })
  }
  return requests
}

function createArrivalGaps(
  arrival: ArrivalSpec,
  uniform: () => number,
  durationS: number
): () => number {
  const { ratePerS } = arrival
  if (!(ratePerS > 0 && Number.isFinite(ratePerS))) {
    throw new RangeError(`arrival ratePerS must be a positive finite number, got ${ratePerS}`)
  }
  if (ratePerS * durationS > MAX_REQUESTS) {
    throw new RangeError(
      `${ratePerS} requests/s for ${durationS} s is more than ${MAX_REQUESTS} requests`
    )
  }
  if (arrival.kind === 'poisson') return () => -Math.log(1 - uniform()) / ratePerS
  if (arrival.kind === 'bursty') {
    const { burstiness } = arrival
    if (!(burstiness > 0 && Number.isFinite(burstiness))) {
      throw new RangeError(`arrival burstiness must be a positive finite number, got ${burstiness}`)
    }
    const gamma = createGamma(uniform)
    const shape = 1 / burstiness
    // Scale burstiness / rate keeps the mean gap at shape * scale = 1 / rate.
    return () => gamma(shape) * (burstiness / ratePerS)
  }
  throw new RangeError(`unknown arrival kind in ${JSON.stringify(arrival)}`)
}

function createBlockHasher(sharedPrefixTokens: number | undefined): (prompt: number) => number[] {
  if (sharedPrefixTokens === undefined) return () => []
  if (!(Number.isSafeInteger(sharedPrefixTokens) && sharedPrefixTokens >= 0)) {
    throw new RangeError(`sharedPrefixTokens must be an integer >= 0, got ${sharedPrefixTokens}`)
  }
  // A partial last block of the system prompt also holds the request's own tokens: not shared.
  const sharedBlocks = Math.floor(sharedPrefixTokens / PREFIX_BLOCK_TOKENS)
  let nextUnique = sharedBlocks + 1
  return (prompt) => {
    const hashes: number[] = []
    const blocks = Math.ceil(prompt / PREFIX_BLOCK_TOKENS)
    for (let block = 0; block < blocks; block++) {
      hashes.push(block < sharedBlocks ? block + 1 : nextUnique++)
    }
    return hashes
  }
}
