import { estimateDecode } from '../perf/decode'
import { estimatePrefill } from '../perf/prefill'
import type { Conditions, DecodeEstimate } from '../perf/types'
import type { DeviceWork } from '../perf/work'
import type { ServingPlan } from './plan'

const MAX_ENTRIES = 50_000

const conditionsKey = (c: Conditions): string =>
  `${c.computeScale ?? 1}|${c.commScale ?? 1}|${c.minHottestFactor ?? 1}`

/**
 * Rounds to a grid of `steps` points per doubling (never below 1): relative error at most
 * 1 / (2 steps), for small and large values alike.
 */
function onGrid(value: number, steps: number): number {
  if (value <= steps) return Math.max(1, Math.round(value))
  const step = 2 ** Math.floor(Math.log2(value / steps))
  return Math.round(value / step) * step
}

/** Grid points per doubling of the prefill interpolation grid. */
const PREFILL_GRID = 4

/** The two integer grid points around `value` and the weight of the upper one. */
function bracket(value: number): [number, number, number] {
  if (value <= PREFILL_GRID * 2) {
    const low = Math.max(1, Math.floor(value))
    return [low, low + 1, Math.max(0, value - low)]
  }
  const position = Math.floor(Math.log2(value) * PREFILL_GRID)
  const lowInt = Math.round(2 ** (position / PREFILL_GRID))
  const highInt = Math.max(lowInt + 1, Math.round(2 ** ((position + 1) / PREFILL_GRID)))
  return [lowInt, highInt, (value - lowInt) / (highInt - lowInt)]
}

/** A prefill batch's duration and the work each device does in it. */
export interface PrefillTiming {
  batchS: number
  work: DeviceWork
}

const ZERO_WORK: DeviceWork = {
  nonExpertPeakUs: 0,
  expertPeakUs: 0,
  nonExpertHbmBytes: 0,
  expertHbmBytes: 0,
  expertExchangeBytes: 0,
  attentionExchangeBytes: 0
}
const WORK_KEYS = Object.keys(ZERO_WORK) as (keyof DeviceWork)[]

/**
 * The performance model as the simulation's clock, memoised. Decode: a run takes tens of
 * thousands of steps but visits few (batch per chip, KV length) cells; KV lengths are rounded
 * to 32 points per doubling (under 2%). Prefill batches vary continuously (tokens, prompt
 * length, cached prefix), so their time is interpolated between grid points, 4 per doubling in
 * each, where the model is evaluated: under 1% off the model in most of the range, up to about
 * 4% next to a kink (where a roofline turns or running the batch whole starts to pay).
 */
export class StepTimes {
  private readonly decodeMemo = new Map<string, DecodeEstimate>()
  private readonly prefillMemo = new Map<string, Map<number, PrefillTiming>>()
  /** the conditions object of the last prefill lookup (instances keep theirs until a fault) */
  private lastConditions: Conditions | null = null
  private lastMemo: Map<number, PrefillTiming> | null = null
  evaluations = 0

  constructor(
    private readonly plan: ServingPlan,
    private readonly seed: number
  ) {}

  decode(batchPerChip: number, kvTokens: number, conditions: Conditions): DecodeEstimate {
    const batch = Math.max(1, Math.min(1024, Math.ceil(batchPerChip)))
    const kv = Math.min(onGrid(kvTokens, 32), 131072)
    const key = `${batch}|${kv}|${conditionsKey(conditions)}`
    let result = this.decodeMemo.get(key)
    if (!result) {
      this.evaluations++
      result = estimateDecode(this.plan.system, {
        batchPerChip: batch,
        kvTokens: kv,
        mtpAcceptance: this.plan.decode.mtpAcceptance,
        eplb: this.plan.eplb,
        seed: this.seed,
        conditions,
        deployment: this.plan.deployment
      })
      if (this.decodeMemo.size >= MAX_ENTRIES) this.decodeMemo.clear()
      this.decodeMemo.set(key, result)
    }
    return result
  }

  /**
   * A prefill batch of `tokensPerChip` new tokens per chip, from prompts of `newPerPrompt` new
   * tokens after `cachedPerPrompt` cached ones (batch means, see PrefillPool).
   */
  prefill(
    tokensPerChip: number,
    newPerPrompt: number,
    cachedPerPrompt: number,
    conditions: Conditions
  ): PrefillTiming {
    const [t0, t1, wt] = bracket(tokensPerChip)
    const [n0, n1, wn] = bracket(newPerPrompt)
    const cached = cachedPerPrompt >= 0.5
    const [c0, c1, wc] = cached ? bracket(cachedPerPrompt) : [0, 0, 0]
    const memo = this.prefillMemoFor(conditions)
    // the corners of the grid cell and their weights: trilinear, bilinear without a cached prefix
    // (a plain loop, no closures: this runs for every prefill batch)
    const corners = cached ? 8 : 4
    let batchS = 0
    const work = { ...ZERO_WORK }
    for (let corner = 0; corner < corners; corner++) {
      const highT = corner & 1
      const highN = (corner >> 1) & 1
      const highC = corner >> 2
      const weight =
        (highT ? wt : 1 - wt) * (highN ? wn : 1 - wn) * (cached ? (highC ? wc : 1 - wc) : 1)
      if (weight === 0) continue
      const timing = this.prefillAt(
        memo,
        highT ? t1 : t0,
        highN ? n1 : n0,
        highC ? c1 : c0,
        conditions
      )
      batchS += timing.batchS * weight
      for (const key of WORK_KEYS) work[key] += timing.work[key] * weight
    }
    return { batchS, work }
  }

  private prefillMemoFor(conditions: Conditions): Map<number, PrefillTiming> {
    if (conditions === this.lastConditions && this.lastMemo) return this.lastMemo
    const key = conditionsKey(conditions)
    let memo = this.prefillMemo.get(key)
    if (!memo) {
      memo = new Map()
      this.prefillMemo.set(key, memo)
    }
    this.lastConditions = conditions
    this.lastMemo = memo
    return memo
  }

  private prefillAt(
    memo: Map<number, PrefillTiming>,
    tokensPerChip: number,
    newPerPrompt: number,
    cached: number,
    conditions: Conditions
  ): PrefillTiming {
    const prompt = Math.min(newPerPrompt + cached, 131072)
    // tokens < 2^21, prompt and cached <= 2^17: one exact number for the three
    const key = (tokensPerChip * 262_144 + prompt) * 262_144 + cached
    let result = memo.get(key)
    if (!result) {
      this.evaluations++
      const estimate = estimatePrefill(this.plan.system, {
        tokensPerChip,
        promptTokens: prompt,
        cachedTokens: Math.min(cached, prompt - 1),
        eplb: this.plan.eplb,
        seed: this.seed,
        conditions,
        deployment: this.plan.deployment
      })
      result = { batchS: estimate.batchMs / 1000, work: estimate.work }
      if (memo.size >= MAX_ENTRIES) memo.clear()
      memo.set(key, result)
    }
    return result
  }
}
