import type { Balancer } from '../catalog/deployments'
import type { OperatorCost } from './cost'
import { hottestRankFactors } from './imbalance'
import type { PhaseContext } from './phase'
import { expertRankLoad, expertsCost } from './phase'
import { layerTime } from './pipeline'
import type { LayerBreakdown } from './types'

/**
 * Sums the MoE layers of one pass: each layer has its own hottest expert rank (its own batch
 * mix), so each gets its own time. `costsFor(expert)` builds a layer's operators around the
 * expert cost of that layer.
 */
export function moeLayersPass(
  ctx: PhaseContext,
  tokensPerDevice: number,
  requests: number,
  balancer: Balancer,
  seed: number,
  microBatches: number,
  costsFor: (experts: OperatorCost) => OperatorCost[]
): { totalUs: number; average: LayerBreakdown; meanFactor: number } {
  const layers = ctx.shapes.moeLayers
  const instanceTokens = ctx.layout.experts.ranks * tokensPerDevice
  const factors = hottestRankFactors(
    ctx.layout.experts,
    ctx.model,
    balancer,
    instanceTokens,
    requests,
    seed,
    layers
  )
  let totalUs = 0
  let factorSum = 0
  let previousFactor = NaN
  let previousUs = 0
  for (let layer = 0; layer < layers; layer++) {
    const factor = Math.max(factors[layer]!, ctx.conditions.minHottestFactor ?? 1)
    factorSum += factor
    // perfect balance gives every layer the same factor: cost it once
    if (factor !== previousFactor) {
      const experts = expertsCost(ctx, expertRankLoad(ctx, tokensPerDevice, factor))
      previousUs = layerTime(costsFor(experts), microBatches, ctx.chip).us
      previousFactor = factor
    }
    totalUs += previousUs
  }
  const meanFactor = factorSum / layers
  const operators = costsFor(expertsCost(ctx, expertRankLoad(ctx, tokensPerDevice, meanFactor)))
  const typical = layerTime(operators, microBatches, ctx.chip)
  return {
    totalUs,
    average: {
      us: totalUs / layers,
      limiter: typical.limiter,
      streamUs: typical.streamUs,
      operators
    },
    meanFactor
  }
}
