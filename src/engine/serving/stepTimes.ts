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

/** The two grid points (8 per doubling, integers) around `value` and the weight of the upper one. */
function bracket(value: number): [number, number, number] {
  if (value <= 8) {
    const low = Math.max(1, Math.floor(value))
    return [low, low + 1, Math.max(0, value - low)]
  }
  const position = Math.log2(value) * 8
  const low = 2 ** (Math.floor(position) / 8)
  const high = 2 ** ((Math.floor(position) + 1) / 8)
  const lowInt = Math.round(low)
  const highInt = Math.max(lowInt + 1, Math.round(high))
  return [lowInt, highInt, (value - lowInt) / (highInt - lowInt)]
}

/** A prefill batch's duration and the work each device does in it. */
export interface PrefillTiming {
  batchS: number
  work: DeviceWork
}

const mixWork = (a: DeviceWork, b: DeviceWork, w: number): DeviceWork => {
  const out = {} as DeviceWork
  for (const key of Object.keys(a) as (keyof DeviceWork)[])
    out[key] = a[key] + (b[key] - a[key]) * w
  return out
}

/**
 * The performance model as the simulation's clock, memoised. Decode: a run takes tens of
 * thousands of steps but visits few (batch per chip, KV length) cells; KV lengths are rounded
 * to 32 points per doubling (under 2%). Prefill batches vary continuously (tokens, prompt
 * length, cached prefix), so their time is interpolated between grid points, 8 per doubling in
 * each, where the model is evaluated: smooth, and within a few tenths of a percent of it.
 */
export class StepTimes {
  private readonly decodeMemo = new Map<string, DecodeEstimate>()
  private readonly prefillMemo = new Map<string, PrefillTiming>()
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
    const at = (t: number, n: number, c: number): PrefillTiming =>
      this.prefillAt(t, n, c, conditions)
    const plane = (c: number): PrefillTiming => {
      const low = lerp(at(t0, n0, c), at(t1, n0, c), wt)
      const high = lerp(at(t0, n1, c), at(t1, n1, c), wt)
      return lerp(low, high, wn)
    }
    return cached ? lerp(plane(c0), plane(c1), wc) : plane(0)
  }

  private prefillAt(
    tokensPerChip: number,
    newPerPrompt: number,
    cached: number,
    conditions: Conditions
  ): PrefillTiming {
    const prompt = Math.min(newPerPrompt + cached, 131072)
    const key = `${tokensPerChip}|${prompt}|${cached}|${conditionsKey(conditions)}`
    let result = this.prefillMemo.get(key)
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
      if (this.prefillMemo.size >= MAX_ENTRIES) this.prefillMemo.clear()
      this.prefillMemo.set(key, result)
    }
    return result
  }
}

function lerp(a: PrefillTiming, b: PrefillTiming, w: number): PrefillTiming {
  if (w <= 0) return a
  if (w >= 1) return b
  return { batchS: a.batchS + (b.batchS - a.batchS) * w, work: mixWork(a.work, b.work, w) }
}
