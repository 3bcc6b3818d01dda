import type { DecodeEstimate } from '../perf/types'
import type { Conditions } from '../perf/types'
import { IntPairHeap, IntQueue } from '../util/queues'
import type { ServingPlan } from './plan'
import { RequestState, type RequestTable } from './requestTable'
import type { StepTimes } from './stepTimes'

export interface DecodeCallbacks {
  /** a sequence produced its last token at `atS` */
  finished(id: number, atS: number): void
  /** a step ran from `startS` to `endS` with this estimate, for telemetry */
  stepped(startS: number, endS: number, estimate: DecodeEstimate): void
}

/**
 * The decode instance with continuous batching: sequences join at step boundaries while the
 * batch cap and the KV cache allow, every step advances each by 1 + MTP acceptance tokens, and
 * a sequence leaves at the step its output is complete. The step time comes from the
 * performance model for the batch per chip and the mean KV length of that step.
 */
export class DecodeInstance {
  readonly waiting = new IntQueue()
  private readonly completions = new IntPairHeap()
  active = 0
  /** tokens of context held by the active sequences (prompt plus generated) */
  contextTokens = 0
  /** KV tokens reserved for the active sequences' full length */
  reservedTokens = 0
  completedSteps = 0
  stepEndsAt = Infinity
  stepStartedAt = 0
  aliveDevices: number
  conditions: Conditions = {}
  lastEstimate: DecodeEstimate | null = null
  private readonly aborted = new Set<number>()

  constructor(
    private readonly plan: ServingPlan,
    private readonly table: RequestTable,
    private readonly times: StepTimes,
    private readonly callbacks: DecodeCallbacks
  ) {
    this.aliveDevices = plan.decode.devices.length
  }

  get maxSequences(): number {
    return (this.plan.decode.maxBatchPerChip * this.aliveDevices) / this.plan.chip.devicesPerChip
  }

  get kvCapacityTokens(): number {
    return this.plan.decode.kvTokensPerDevice * this.aliveDevices
  }

  get idle(): boolean {
    return this.stepEndsAt === Infinity
  }

  enqueue(id: number, now: number): void {
    this.table.state[id] = RequestState.decodeWaiting
    this.waiting.push(id)
    if (this.idle) this.startStep(now)
  }

  /** Ends the running step at `now` and starts the next one if there is work. */
  endStep(now: number): void {
    const tps = this.plan.decode.tokensPerStep
    this.completedSteps++
    this.contextTokens += this.active * tps
    this.stepEndsAt = Infinity
    while (this.completions.length > 0 && this.completions.peekKey() <= this.completedSteps) {
      const id = this.completions.pop()
      if (this.aborted.delete(id)) continue
      this.release(id)
      this.table.state[id] = RequestState.done
      this.callbacks.finished(id, now)
    }
    this.startStep(now)
  }

  /** Sequences lost with a failed device: a share of the batch, marked failed. */
  abortShare(share: number, onAbort: (id: number) => void): void {
    const victims = this.completions.valuesSnapshot().filter((id) => !this.aborted.has(id))
    const count = Math.round(victims.length * share)
    for (const id of victims.slice(0, count)) {
      this.aborted.add(id)
      this.release(id)
      this.table.state[id] = RequestState.failed
      onAbort(id)
    }
  }

  private release(id: number): void {
    const t = this.table
    const steps = this.completedSteps - t.admittedStep[id]!
    this.active--
    this.contextTokens -= t.promptTokens[id]! + 1 + steps * this.plan.decode.tokensPerStep
    this.reservedTokens -= t.promptTokens[id]! + t.outputTokens[id]!
    if (this.active === 0) this.contextTokens = 0
  }

  private startStep(now: number): void {
    if (this.aliveDevices === 0) return
    const t = this.table
    const tps = this.plan.decode.tokensPerStep
    while (this.waiting.length > 0 && this.active < this.maxSequences) {
      const id = this.waiting.peek()
      const need = t.promptTokens[id]! + t.outputTokens[id]!
      if (this.active > 0 && this.reservedTokens + need > this.kvCapacityTokens) break
      this.waiting.shift()
      if (t.outputTokens[id]! <= 1) {
        t.state[id] = RequestState.done
        this.callbacks.finished(id, now)
        continue
      }
      t.state[id] = RequestState.decoding
      t.admittedStep[id] = this.completedSteps
      this.active++
      this.contextTokens += t.promptTokens[id]! + 1
      this.reservedTokens += need
      this.completions.push(this.completedSteps + Math.ceil((t.outputTokens[id]! - 1) / tps), id)
    }
    if (this.active === 0) return
    const perDevice = Math.ceil(this.active / this.aliveDevices)
    const estimate = this.times.decode(
      perDevice * this.plan.chip.devicesPerChip,
      this.contextTokens / this.active,
      this.conditions
    )
    this.lastEstimate = estimate
    this.stepStartedAt = now
    this.stepEndsAt = now + estimate.stepMs / 1000
    this.callbacks.stepped(now, this.stepEndsAt, estimate)
  }
}
