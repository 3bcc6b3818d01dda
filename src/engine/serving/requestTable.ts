import type { ServingRequest } from './workload'

export const RequestState = {
  pending: 0,
  prefillQueued: 1,
  prefilling: 2,
  kvTransfer: 3,
  decodeWaiting: 4,
  decoding: 5,
  done: 6,
  failed: 7
} as const

/**
 * The requests of a run as columns: arrival times, and for each an index into the distinct
 * requests it repeats (a trace played several times reuses its rows instead of copying them).
 */
export interface Workload {
  base: readonly ServingRequest[]
  arrivalS: Float64Array
  baseIndex: Int32Array
}

export function workloadOf(requests: readonly ServingRequest[]): Workload {
  return {
    base: requests,
    arrivalS: Float64Array.from(requests, (r) => r.arrivalS),
    baseIndex: Int32Array.from(requests, (_, i) => i)
  }
}

/** Per-request state as columns, indexed by request id: no object per request on the hot path. */
export class RequestTable {
  readonly count: number
  readonly arrivalS: Float64Array
  readonly promptTokens: Int32Array
  readonly outputTokens: Int32Array
  readonly cachedTokens: Int32Array
  readonly firstTokenS: Float64Array
  readonly admittedStep: Float64Array
  readonly state: Uint8Array

  constructor(private readonly workload: Workload) {
    const n = workload.arrivalS.length
    this.count = n
    this.arrivalS = workload.arrivalS
    this.promptTokens = new Int32Array(n)
    this.outputTokens = new Int32Array(n)
    this.cachedTokens = new Int32Array(n)
    this.firstTokenS = new Float64Array(n).fill(NaN)
    this.admittedStep = new Float64Array(n)
    this.state = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      const r = workload.base[workload.baseIndex[i]!]!
      this.promptTokens[i] = r.promptTokens
      this.outputTokens[i] = r.outputTokens
    }
  }

  blockHashes(id: number): readonly number[] {
    return this.workload.base[this.workload.baseIndex[id]!]!.blockHashes
  }
}
