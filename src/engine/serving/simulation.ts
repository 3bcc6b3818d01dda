import type { Topology } from '../topology/types'
import { deepSeekR1 } from '../catalog/model'
import { NO_WORK, ActivityTrack } from './activity'
import { DecodeInstance } from './decodeInstance'
import { ExpertField } from './expertField'
import { FaultController, type RunEvent } from './faults'
import { RequestMetrics } from './metrics'
import type { ServingPlan } from './plan'
import { PrefillPool, type PrefillInstance } from './prefillPool'
import { PrefixCache } from './prefixCache'
import { RequestState, RequestTable, type Workload } from './requestTable'
import { buildServingFrame, type FrameInputs } from '../telemetry/servingFrame'
import { StepTimes } from './stepTimes'
import type { Fault } from '../../shared/scenario'

export interface SimulationOptions {
  plan: ServingPlan
  workload: Workload
  durationS: number
  sampleIntervalS: number
  seed: number
  faults: readonly Fault[]
  /** part-level topology for per-die and per-link telemetry; null: KPIs only */
  topology: Topology | null
  /** start of the summary's measurement window (scenario.measureFromS); 0 or absent: the whole run */
  measureFromS?: number
}

/** Running totals the frames and the summary read. */
export class Counters {
  arrived = 0
  failed = 0
  inputTokens = 0
  outputTokens = 0
  windowInputTokens = 0
  windowOutputTokens = 0
  vpcBytes = 0
  poolWriteBytes = 0
  windowPoolWriteBytes = 0
  sloBreached = false
  /** windows in a row that disagree with sloBreached */
  sloStreak = 0
  decodeSteps = 0
  decodeStepSeconds = 0
  decodeBatchSum = 0
  /** tokens the decode steps generated (active sequences x tokens per step, summed) */
  decodeTokens = 0
  decodeKvSum = 0
  energyJ = 0
}

/**
 * The running totals the summary's measurement window starts from: the counters as the run
 * passed `measureFromS` (all zero for a window from 0). The summary subtracts them from the
 * totals at the end.
 */
export interface WindowStart {
  inputTokens: number
  outputTokens: number
  decodeSteps: number
  decodeStepSeconds: number
  decodeBatchSum: number
  decodeTokens: number
  decodeKvSum: number
  energyJ: number
  metSlo: number
  metSloOutputTokens: number
  promptTokens: number
  cachedTokens: number
}

export const WINDOW_FROM_ZERO: Readonly<WindowStart> = {
  inputTokens: 0,
  outputTokens: 0,
  decodeSteps: 0,
  decodeStepSeconds: 0,
  decodeBatchSum: 0,
  decodeTokens: 0,
  decodeKvSum: 0,
  energyJ: 0,
  metSlo: 0,
  metSloOutputTokens: 0,
  promptTokens: 0,
  cachedTokens: 0
}

/**
 * The serving simulation: a deterministic discrete-event run of requests through the router,
 * the prefill instances (with the prefix cache), the KV transfer to decode and the decode
 * instance, with faults applied on schedule. Every duration comes from the performance model.
 * `nextFrame()` advances to the next sampling instant and returns its telemetry frame.
 */
export class ServingSimulation {
  readonly plan: ServingPlan
  readonly table: RequestTable
  /** latencies of every completed request (frames read their windows, the whole-run summary all) */
  readonly metrics: RequestMetrics
  /**
   * With a measurement window: latencies of the completed requests that arrived at or after
   * measureFromS, the ones the summary reports (a request that arrived during the warm-up spent
   * part of its life in a batch still filling, so its TPOT is not the steady state's); null
   * without a window (`metrics` then serves).
   */
  readonly measured: RequestMetrics | null
  readonly measureFromS: number
  /** the counters at measureFromS, once the run has passed it (null before, and without a window) */
  windowStart: WindowStart | null = null
  readonly counters = new Counters()
  readonly cache: PrefixCache
  readonly times: StepTimes
  readonly decode: DecodeInstance
  readonly prefill: PrefillPool
  readonly experts: ExpertField
  readonly faults: FaultController
  readonly decodeTrack = new ActivityTrack()
  readonly prefillTracks: ActivityTrack[]
  readonly egressTracks: ActivityTrack[]
  now = 0
  frameIndex = 0
  private nextArrival = 0
  private lastFrameS = 0
  private readonly frameInputs: FrameInputs

  constructor(readonly options: SimulationOptions) {
    const { plan, seed } = options
    this.plan = plan
    this.table = new RequestTable(options.workload)
    this.metrics = new RequestMetrics(plan.slo.ttftMs / 1000, plan.slo.tpotMs / 1000)
    this.measureFromS = options.measureFromS ?? 0
    this.measured =
      this.measureFromS > 0
        ? new RequestMetrics(plan.slo.ttftMs / 1000, plan.slo.tpotMs / 1000)
        : null
    this.cache = new PrefixCache(plan.cacheCapacityTokens)
    this.times = new StepTimes(plan, seed)
    this.experts = new ExpertField(plan.deployment.decode.experts, deepSeekR1, seed)
    this.decode = new DecodeInstance(plan, this.table, this.times, {
      finished: (id, at) => this.finish(id, at),
      stepped: (start, end, estimate) => {
        this.counters.decodeSteps++
        this.counters.decodeStepSeconds += end - start
        this.counters.decodeBatchSum += this.decode.active
        this.counters.decodeTokens += this.decode.active * plan.decode.tokensPerStep
        this.counters.decodeKvSum += this.decode.contextTokens / this.decode.active
        this.decodeTrack.start({
          startS: start,
          endS: end,
          work: estimate.work,
          poolReadBytes: 0,
          egressBytes: 0
        })
      }
    })
    this.prefillTracks = plan.prefill.instances.map(() => new ActivityTrack())
    this.egressTracks = plan.prefill.instances.map(() => new ActivityTrack())
    this.prefill = new PrefillPool(plan, this.table, this.times, this.cache, {
      batched: (instance, start, end, timing, readBytes) =>
        this.prefillTracks[instance.index]!.start({
          startS: start,
          endS: end,
          work: timing.work,
          poolReadBytes: readBytes / instance.plan.devices.length,
          egressBytes: 0
        }),
      prefilled: (ids, at) => {
        for (const id of ids) {
          this.table.firstTokenS[id] = at
          if (plan.cacheCapacityTokens <= 0) continue
          const bytes = this.table.promptTokens[id]! * plan.kvBytesPerToken
          this.counters.poolWriteBytes += bytes
          this.counters.windowPoolWriteBytes += bytes
        }
      },
      transferred: (ids, at) => {
        for (const id of ids) this.decode.enqueue(id, at)
      },
      transferQueued: (instance) => this.startTransfer(instance)
    })
    this.faults = new FaultController(this, options.faults, options.topology)
    this.frameInputs = { simulation: this, topology: options.topology }
  }

  get durationS(): number {
    return this.options.durationS
  }

  get finished(): boolean {
    return this.lastFrameS >= this.options.durationS - 1e-9
  }

  /** Simulates up to the next sampling instant and returns its frame (null after the end). */
  nextFrame(): ArrayBuffer | null {
    if (this.finished) return null
    const frameAt = Math.min(this.options.durationS, this.lastFrameS + this.options.sampleIntervalS)
    this.runUntil(frameAt)
    this.now = frameAt
    const energyBefore = this.counters.energyJ
    const frame = buildServingFrame(this.frameInputs, this.frameIndex++, this.lastFrameS, frameAt)
    const from = this.measureFromS
    if (this.windowStart && from >= this.lastFrameS && from < frameAt) {
      // energy accrues per frame at the frame's mean power: take the share before measureFromS
      this.windowStart.energyJ =
        energyBefore +
        ((this.counters.energyJ - energyBefore) * (from - this.lastFrameS)) /
          (frameAt - this.lastFrameS)
    }
    this.lastFrameS = frameAt
    return frame
  }

  /** the event counters as the run passes measureFromS (energy is set by the frame that spans it) */
  private startWindow(): void {
    const c = this.counters
    this.windowStart = {
      inputTokens: c.inputTokens,
      outputTokens: c.outputTokens,
      decodeSteps: c.decodeSteps,
      decodeStepSeconds: c.decodeStepSeconds,
      decodeBatchSum: c.decodeBatchSum,
      decodeTokens: c.decodeTokens,
      decodeKvSum: c.decodeKvSum,
      energyJ: c.energyJ,
      metSlo: this.metrics.metSlo,
      metSloOutputTokens: this.metrics.metSloOutputTokens,
      promptTokens: this.prefill.promptTokens,
      cachedTokens: this.prefill.cachedTokens
    }
  }

  private runUntil(endS: number): void {
    const requests = this.table.count
    for (;;) {
      const arrival =
        this.nextArrival < requests ? this.table.arrivalS[this.nextArrival]! : Infinity
      const fault = this.faults.nextAt
      let batch = Infinity
      let batchOf: PrefillInstance | null = null
      let transfer = Infinity
      let transferOf: PrefillInstance | null = null
      for (const instance of this.prefill.instances) {
        if (instance.busyUntil < batch) {
          batch = instance.busyUntil
          batchOf = instance
        }
        const next = instance.transfers[0]?.doneAt ?? Infinity
        if (next < transfer) {
          transfer = next
          transferOf = instance
        }
      }
      const step = this.decode.stepEndsAt
      const t = Math.min(arrival, fault, batch, transfer, step)
      // the window opens before any event at or after measureFromS is counted
      if (!this.windowStart && this.measured && this.measureFromS <= Math.min(t, endS))
        this.startWindow()
      if (t > endS) return
      this.now = t
      // equal times resolve in a fixed order: faults, prefill, transfers, decode, arrivals
      if (fault === t) this.faults.applyDue(t)
      else if (batch === t) this.prefill.finishBatch(batchOf!, t)
      else if (transfer === t) this.finishTransfer(transferOf!, t)
      else if (step === t) this.decode.endStep(t)
      else this.arrive(this.nextArrival++, t)
    }
  }

  private arrive(id: number, at: number): void {
    this.counters.arrived++
    this.counters.vpcBytes += this.table.promptTokens[id]! * 4
    if (!this.prefill.route(id, at)) this.fail(id)
  }

  private finishTransfer(instance: PrefillInstance, at: number): void {
    this.prefill.finishTransfer(instance, at)
    const next = instance.transfers[0]
    if (next) this.egressTracks[instance.index]!.start(transferActivity(next))
  }

  /** a transfer queued behind an idle egress starts at once; others start when the previous ends */
  private startTransfer(instance: PrefillInstance): void {
    const first = instance.transfers[0]
    if (first && instance.transfers.length === 1)
      this.egressTracks[instance.index]!.start(transferActivity(first))
  }

  fail(id: number): void {
    this.table.state[id] = RequestState.failed
    this.counters.failed++
  }

  private finish(id: number, at: number): void {
    const t = this.table
    const output = t.outputTokens[id]!
    const ttft = t.firstTokenS[id]! - t.arrivalS[id]!
    const e2e = at - t.arrivalS[id]!
    const tpot = output > 1 ? (at - t.firstTokenS[id]!) / (output - 1) : null
    this.metrics.record(ttft, tpot, e2e, output)
    if (this.measured && t.arrivalS[id]! >= this.measureFromS)
      this.measured.record(ttft, tpot, e2e, output)
    this.counters.inputTokens += t.promptTokens[id]!
    this.counters.outputTokens += output
    this.counters.windowInputTokens += t.promptTokens[id]!
    this.counters.windowOutputTokens += output
    this.counters.vpcBytes += output * 4
  }

  get events(): readonly RunEvent[] {
    return this.faults.log
  }
}

const transferActivity = (t: { startS: number; doneAt: number; bytes: number }) => ({
  startS: t.startS,
  endS: t.doneAt,
  work: NO_WORK,
  poolReadBytes: 0,
  egressBytes: t.bytes
})
