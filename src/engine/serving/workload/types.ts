/** One request of a serving workload, as the simulation consumes it. */
export interface ServingRequest {
  /** 0.. in arrival order after shaping */
  id: number
  /** seconds since the workload's start */
  arrivalS: number
  promptTokens: number
  outputTokens: number
  /** content hashes of the prompt's 512-token prefix blocks (Mooncake); [] when unknown */
  blockHashes: readonly number[]
}

/** Tokens per prefix block: the granularity of Mooncake's hash_ids and of prefix-cache reuse. */
export const PREFIX_BLOCK_TOKENS = 512

export type TraceFormat = 'azure-csv' | 'mooncake-jsonl'

/**
 * A trace file that cannot be used, located as precisely as possible so the user can fix the
 * file: "<file>:<line>: <field>: <reason>", leaving out the parts that are null.
 */
export class TraceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    readonly reason: string
  ) {
    const where = line === null ? file : `${file}:${line}`
    super(field === null ? `${where}: ${reason}` : `${where}: ${field}: ${reason}`)
    this.name = 'TraceError'
  }
}

export interface ParseTraceOptions {
  /** name used in messages; the caller reads the file */
  file: string
  /** 'fail' (default) throws on the first bad row; 'skip' drops it and lists it in `skipped` */
  onBadRow?: 'skip' | 'fail'
  /** prompt + output above this cannot be served by the model, so such a row is bad */
  maxContextTokens: number
}

export interface SkippedRow {
  line: number
  /** "<field>: <reason>" as in the TraceError 'fail' would have thrown */
  reason: string
}

export interface ParsedTrace {
  format: TraceFormat
  requests: ServingRequest[]
  skipped: SkippedRow[]
}
