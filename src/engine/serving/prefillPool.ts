import type { Conditions } from '../perf/types'
import { IntQueue } from '../util/queues'
import type { InstancePlan, ServingPlan } from './plan'
import type { PrefixCache } from './prefixCache'
import { RequestState, type RequestTable } from './requestTable'
import type { PrefillTiming, StepTimes } from './stepTimes'

export interface PrefillInstance {
  index: number
  plan: InstancePlan
  queue: IntQueue
  queuedTokens: number
  online: boolean
  conditions: Conditions
  batch: number[]
  batchStartedAt: number
  busyUntil: number
  batchTiming: PrefillTiming | null
  /** time the RDMA egress to decode is free again (KV transfers queue behind each other) */
  egressFreeAt: number
  transfers: { startS: number; doneAt: number; ids: number[]; bytes: number }[]
}

export interface PrefillCallbacks {
  /** a batch ran from `startS` to `endS`, for telemetry */
  batched(
    instance: PrefillInstance,
    startS: number,
    endS: number,
    timing: PrefillTiming,
    cacheReadBytes: number
  ): void
  /** requests whose prompt is prefilled (first token out) at `atS` */
  prefilled(ids: readonly number[], atS: number): void
  /** KV caches that reached decode at `atS` */
  transferred(ids: readonly number[], atS: number): void
  /** a batch's KV transfer joined the instance's egress queue */
  transferQueued(instance: PrefillInstance): void
}

/**
 * The prefill instances: a router sends each request to the online instance with the fewest
 * queued tokens; an idle instance takes queued requests up to its token budget (at least one),
 * reuses cached prefix blocks, and runs the batch for the time the performance model gives.
 * Finished prompts send their KV cache to decode over the instance's RDMA egress, one batch
 * after another (that is the contention).
 */
export class PrefillPool {
  readonly instances: PrefillInstance[]
  promptTokens = 0
  cachedTokens = 0

  constructor(
    private readonly plan: ServingPlan,
    private readonly table: RequestTable,
    private readonly times: StepTimes,
    private readonly cache: PrefixCache,
    private readonly callbacks: PrefillCallbacks
  ) {
    this.instances = plan.prefill.instances.map((instancePlan, index) => ({
      index,
      plan: instancePlan,
      queue: new IntQueue(),
      queuedTokens: 0,
      online: true,
      conditions: {},
      batch: [],
      batchStartedAt: 0,
      busyUntil: Infinity,
      batchTiming: null,
      egressFreeAt: 0,
      transfers: []
    }))
  }

  get queuedRequests(): number {
    return this.instances.reduce((sum, i) => sum + i.queue.length, 0)
  }

  get transfersInFlight(): number {
    return this.instances.reduce(
      (sum, i) => sum + i.transfers.reduce((s, t) => s + t.ids.length, 0),
      0
    )
  }

  /** false when every instance is down: the request cannot be served */
  route(id: number, now: number): boolean {
    let best: PrefillInstance | null = null
    for (const instance of this.instances) {
      if (instance.online && (best === null || instance.queuedTokens < best.queuedTokens))
        best = instance
    }
    if (!best) return false
    this.table.state[id] = RequestState.prefillQueued
    best.queue.push(id)
    best.queuedTokens += this.table.promptTokens[id]!
    if (best.busyUntil === Infinity) this.startBatch(best, now)
    return true
  }

  finishBatch(instance: PrefillInstance, now: number): void {
    const ids = instance.batch
    instance.batch = []
    instance.busyUntil = Infinity
    let bytes = 0
    for (const id of ids) {
      this.cache.insert(this.table.blockHashes(id))
      this.table.state[id] = RequestState.kvTransfer
      bytes += this.table.promptTokens[id]! * this.plan.kvBytesPerToken
    }
    this.callbacks.prefilled(ids, now)
    const startS = Math.max(now, instance.egressFreeAt)
    const doneAt = startS + bytes / this.plan.prefill.kvEgressBytesPerS
    instance.egressFreeAt = doneAt
    instance.transfers.push({ startS, doneAt, ids, bytes })
    this.callbacks.transferQueued(instance)
    if (instance.queue.length > 0 && instance.online) this.startBatch(instance, now)
  }

  finishTransfer(instance: PrefillInstance, now: number): void {
    const transfer = instance.transfers.shift()!
    this.callbacks.transferred(transfer.ids, now)
  }

  /** Takes an instance out of service; its queued and running requests go back to the router. */
  takeOffline(instance: PrefillInstance): number[] {
    instance.online = false
    const orphans = [...instance.batch, ...instance.queue.drain()]
    instance.batch = []
    instance.busyUntil = Infinity
    instance.queuedTokens = 0
    return orphans
  }

  bringOnline(instance: PrefillInstance): void {
    instance.online = true
  }

  private startBatch(instance: PrefillInstance, now: number): void {
    const t = this.table
    const chips = this.plan.prefill.chipsPerInstance
    const budget = this.plan.prefill.tokensPerChip * chips
    let newTokens = 0
    let newSquared = 0
    let attended = 0
    let cachedTokens = 0
    while (instance.queue.length > 0) {
      const id = instance.queue.peek()
      const prompt = t.promptTokens[id]!
      const cached = this.cache.match(t.blockHashes(id), prompt)
      const fresh = prompt - cached
      if (instance.batch.length > 0 && newTokens + fresh > budget) break
      instance.queue.shift()
      instance.queuedTokens -= prompt
      t.cachedTokens[id] = cached
      t.state[id] = RequestState.prefilling
      instance.batch.push(id)
      newTokens += fresh
      newSquared += fresh * fresh
      attended += fresh * (cached + (fresh + 1) / 2)
      cachedTokens += cached
      this.promptTokens += prompt
      this.cachedTokens += cached
    }
    // one (prompt, cached) pair with the batch's token count, request count and attention work
    const fresh = newSquared / newTokens
    const cached = Math.max(0, attended / newTokens - (fresh + 1) / 2)
    const timing = this.times.prefill(newTokens / chips, fresh, cached, instance.conditions)
    const cacheReadBytes = cachedTokens * this.plan.kvBytesPerToken
    const readS =
      cacheReadBytes / (instance.plan.devices.length * this.plan.prefill.cacheReadBytesPerS)
    instance.batchTiming = timing
    instance.batchStartedAt = now
    instance.busyUntil = now + timing.batchS + readS
    this.callbacks.batched(instance, now, instance.busyUntil, timing, cacheReadBytes)
  }
}
