import type { ExpertLayout } from '../catalog/deployments'
import type { ModelSpec } from '../catalog/model'
import { workloadTraits } from '../catalog/workload'
import { expertPlacement, routedRanksOf } from '../perf/imbalance'
import { createNormal, createRandom } from '../util/random'

/**
 * The decode instance's expert loads over time, for telemetry. The same mechanism as the
 * performance model's default balancer (perf/imbalance.ts): the batch's expert mix deviates
 * from the long-run mean by request affinity and token-count noise. Here the mix also evolves:
 * between two frames the batch keeps the requests that are still decoding, so each expert's
 * deviation keeps that share of its value (an AR(1) process with the batch's turnover).
 */
export class ExpertField {
  readonly experts: number
  readonly routedRanks: number
  /** slot s holds expert slotExpert[s] (== experts for a shared-expert copy) on rank slotRank[s] */
  readonly slotExpert: Uint16Array
  readonly slotRank: Int16Array
  /** load of each routed expert relative to the mean */
  readonly load: Float32Array
  private readonly z: Float64Array
  private readonly normal: () => number
  private readonly rankOfSlotCount: number

  constructor(
    private readonly layout: ExpertLayout,
    private readonly model: ModelSpec,
    seed: number
  ) {
    this.experts = model.routedExperts
    this.routedRanks = routedRanksOf(layout)
    const { rankOf, copyRankOf } = expertPlacement(
      this.experts,
      this.routedRanks,
      layout.redundantExperts
    )
    const shared = layout.sharedExpert === 'every-rank' ? 0 : layout.sharedExpert.dedicatedRanks
    const copies = copyRankOf.filter((r) => r >= 0).length
    const slots = this.experts + copies + shared
    this.rankOfSlotCount = slots
    this.slotExpert = new Uint16Array(slots)
    this.slotRank = new Int16Array(slots)
    let s = 0
    for (let e = 0; e < this.experts; e++) {
      this.slotExpert[s] = e
      this.slotRank[s++] = rankOf[e]!
    }
    for (let e = 0; e < this.experts; e++) {
      if (copyRankOf[e]! < 0) continue
      this.slotExpert[s] = e
      this.slotRank[s++] = copyRankOf[e]!
    }
    for (let i = 0; i < shared; i++) {
      this.slotExpert[s] = this.experts
      this.slotRank[s++] = this.routedRanks + i
    }
    this.normal = createNormal(createRandom(seed ^ 0x5eed))
    this.z = new Float64Array(this.experts)
    for (let e = 0; e < this.experts; e++) this.z[e] = this.normal()
    this.load = new Float32Array(this.experts).fill(1)
  }

  get slots(): number {
    return this.rankOfSlotCount
  }

  /**
   * Moves the mix on by one frame: `persist` is the share of the batch still there from the
   * previous frame, `requests` and `routedTokens` the batch that now sets the spread.
   */
  evolve(persist: number, requests: number, routedTokens: number): void {
    const sigma = workloadTraits.expertAffinitySigma
    const keep = Math.min(1, Math.max(0, persist))
    const fresh = Math.sqrt(1 - keep * keep)
    const assignments = Math.max(1, routedTokens * this.model.expertsPerToken)
    const spread =
      requests > 0
        ? Math.sqrt((Math.exp(sigma * sigma) - 1) / requests + this.experts / assignments)
        : 0
    for (let e = 0; e < this.experts; e++) {
      this.z[e] = keep * this.z[e]! + fresh * this.normal()
      this.load[e] = Math.max(0, 1 + spread * this.z[e]!)
    }
  }

  /**
   * Load of each rank (routed ranks, then dedicated shared-expert ranks) relative to the mean
   * routed rank; a copy takes half of its expert's load; `sharedRatio` is a shared-expert rank's
   * tokens over a mean routed rank's. Ranks listed in `lost` carry nothing: their experts have
   * moved (see ExpertField.lose).
   */
  rankLoads(sharedRatio: number, lost: ReadonlySet<number>): Float32Array {
    const shared = this.slots - this.slotExpert.filter((e) => e < this.experts).length
    const loads = new Float32Array(this.routedRanks + shared)
    const copies = new Uint8Array(this.experts)
    for (let s = 0; s < this.slots; s++)
      if (this.slotExpert[s]! < this.experts && this.slotRank[s]! >= 0)
        copies[this.slotExpert[s]!]!++
    let total = 0
    for (let s = 0; s < this.slots; s++) {
      const e = this.slotExpert[s]!
      const rank = this.slotRank[s]!
      if (rank < 0 || lost.has(rank)) continue
      if (e === this.experts) {
        loads[rank] = sharedRatio
        continue
      }
      const share = this.load[e]! / Math.max(1, copies[e]!)
      loads[rank]! += share
      total += share
    }
    const alive = this.routedRanks - [...lost].filter((r) => r < this.routedRanks).length
    const mean = total / Math.max(1, alive)
    for (let r = 0; r < this.routedRanks; r++) loads[r] = mean > 0 ? loads[r]! / mean : 0
    return loads
  }

  /**
   * A rank is lost: each of its slots moves to the surviving copy of the same expert when there
   * is one, else to the rank that then carries the least. Returns the hottest rank's long-run
   * load over the mean afterwards (the floor the performance model then applies).
   */
  lose(rank: number, lost: ReadonlySet<number>): number {
    const count = new Float64Array(this.routedRanks)
    const copies = new Uint8Array(this.experts)
    for (let s = 0; s < this.slots; s++) {
      if (
        this.slotExpert[s]! < this.experts &&
        this.slotRank[s]! >= 0 &&
        !lost.has(this.slotRank[s]!)
      )
        copies[this.slotExpert[s]!]!++
    }
    for (let s = 0; s < this.slots; s++) {
      if (this.slotRank[s] !== rank || this.slotExpert[s]! === this.experts) continue
      const e = this.slotExpert[s]!
      this.slotRank[s] = -1
      if (copies[e]! > 1) continue
      // no surviving copy: re-place the expert on the least loaded surviving rank
      count.fill(0)
      for (let t = 0; t < this.slots; t++) {
        const r = this.slotRank[t]!
        if (r >= 0 && r < this.routedRanks && this.slotExpert[t]! < this.experts)
          count[r]! += 1 / copies[this.slotExpert[t]!]!
      }
      let target = -1
      for (let r = 0; r < this.routedRanks; r++) {
        if (r === rank || lost.has(r)) continue
        if (target < 0 || count[r]! < count[target]!) target = r
      }
      this.slotRank[s] = target
    }
    const long = new Float64Array(this.routedRanks)
    const alive = new Uint8Array(this.experts)
    for (let s = 0; s < this.slots; s++)
      if (this.slotExpert[s]! < this.experts && this.slotRank[s]! >= 0)
        alive[this.slotExpert[s]!]!++
    for (let s = 0; s < this.slots; s++) {
      const e = this.slotExpert[s]!
      if (e < this.experts && this.slotRank[s]! >= 0) long[this.slotRank[s]!]! += 1 / alive[e]!
    }
    let max = 0
    let total = 0
    let ranks = 0
    for (let r = 0; r < this.routedRanks; r++) {
      if (r === rank || lost.has(r)) continue
      max = Math.max(max, long[r]!)
      total += long[r]!
      ranks++
    }
    return ranks > 0 ? max / (total / ranks) : 1
  }
}
