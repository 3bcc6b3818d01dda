import type { Balancer, ExpertLayout } from '../catalog/deployments'
import type { ModelSpec } from '../catalog/model'
import { workloadTraits } from '../catalog/workload'
import { createNormal, createRandom } from '../util/random'

/** Routed-expert ranks and slot count of a layout. */
export function routedRanksOf(layout: ExpertLayout): number {
  return (
    layout.ranks - (layout.sharedExpert === 'every-rank' ? 0 : layout.sharedExpert.dedicatedRanks)
  )
}

const drawsBySeed = new Map<number, Float64Array>()
const factorCache = new Map<string, Float64Array>()
/** log-spaced grid for the spread of expert loads: 0.5% apart */
const SPREAD_STEP = Math.log(1.005)

/** One standard-normal draw per (layer, expert), fixed for a seed: the batch's expert mix. */
function expertDraws(seed: number, layers: number, experts: number): Float64Array {
  const key = seed
  let draws = drawsBySeed.get(key)
  if (!draws || draws.length < layers * experts) {
    const normal = createNormal(createRandom(seed))
    draws = new Float64Array(layers * experts)
    for (let i = 0; i < draws.length; i++) draws[i] = normal()
    drawsBySeed.set(key, draws)
  }
  return draws
}

/**
 * Static placement: slot s goes to rank s mod ranks; slots 0..E-1 hold the experts, the
 * redundant slots after them hold second copies, each of an expert that lives on another rank
 * (half a row of ranks away) so that a copy always splits load across two ranks.
 */
const placements = new Map<string, { rankOf: Int32Array; copyRankOf: Int32Array }>()

export function expertPlacement(
  experts: number,
  ranks: number,
  redundant: number
): { rankOf: Int32Array; copyRankOf: Int32Array } {
  const key = `${experts}/${ranks}/${redundant}`
  const cached = placements.get(key)
  if (cached) return cached
  const rankOf = new Int32Array(experts)
  const copyRankOf = new Int32Array(experts).fill(-1)
  for (let e = 0; e < experts; e++) rankOf[e] = e % ranks
  const shift = Math.floor(ranks / 2)
  for (let c = 0; c < Math.min(redundant, experts); c++) {
    const expert = (c + shift) % experts
    if (copyRankOf[expert]! >= 0 || ranks < 2) continue
    copyRankOf[expert] = (experts + c) % ranks
  }
  placements.set(key, { rankOf, copyRankOf })
  return { rankOf, copyRankOf }
}

/**
 * Load of the hottest expert rank relative to the mean, for each MoE layer of one micro-batch.
 *
 * `perfect`: every rank carries exactly the mean (the idealised balance of [CM] and [SGL]).
 * `default`: a static placement (slots dealt round-robin, redundant slots holding a second copy
 * of an expert and taking half its load) meets the batch's actual expert loads, which deviate
 * from the long-run mean by request affinity (few requests, strong skew) and token-count noise
 * (few tokens). The rank with the most load sets the pace of the layer.
 */
export function hottestRankFactors(
  layout: ExpertLayout,
  model: ModelSpec,
  balancer: Balancer,
  routedTokens: number,
  requests: number,
  seed: number,
  moeLayers: number
): Float64Array {
  const factors = new Float64Array(moeLayers).fill(1)
  if (balancer === 'perfect' || routedTokens <= 0) return factors
  const experts = model.routedExperts
  const ranks = routedRanksOf(layout)
  const sigma = workloadTraits.expertAffinitySigma
  const assignments = routedTokens * model.expertsPerToken
  const variance = (Math.exp(sigma * sigma) - 1) / Math.max(1, requests) + experts / assignments
  // the factors depend on the batch only through the spread: reuse them for spreads within 0.5%
  const spread = Math.exp(Math.round(Math.log(Math.sqrt(variance)) / SPREAD_STEP) * SPREAD_STEP)
  const key = `${seed}|${ranks}|${layout.redundantExperts}|${moeLayers}|${spread}`
  const cached = factorCache.get(key)
  if (cached) return cached
  if (factorCache.size > 20_000) factorCache.clear()
  factorCache.set(key, factors)
  const draws = expertDraws(seed, moeLayers, experts)
  const rankLoad = new Float64Array(ranks)
  const { rankOf, copyRankOf } = expertPlacement(experts, ranks, layout.redundantExperts)
  for (let layer = 0; layer < moeLayers; layer++) {
    rankLoad.fill(0)
    let total = 0
    for (let e = 0; e < experts; e++) {
      const load = Math.max(0, 1 + spread * draws[layer * experts + e]!)
      total += load
      const copyRank = copyRankOf[e]!
      if (copyRank >= 0) {
        rankLoad[rankOf[e]!]! += load / 2
        rankLoad[copyRank]! += load / 2
      } else {
        rankLoad[rankOf[e]!]! += load
      }
    }
    let max = 0
    for (let r = 0; r < ranks; r++) max = Math.max(max, rankLoad[r]!)
    factors[layer] = max / (total / ranks)
  }
  return factors
}
