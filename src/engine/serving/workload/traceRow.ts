/** What each trace format hands to the shared checks in parseTrace. */

/** One data row as read from its line, before the ordering and context checks. */
export interface TraceRow {
  /** arrival on the format's own clock (see TraceDialect.arrivalS); only compared and subtracted */
  time: number
  /** the arrival as written, so an ordering error can quote both rows */
  timeText: string
  promptTokens: number
  outputTokens: number
  blockHashes: readonly number[]
}

/** Why a row is unusable; a plain class, not an Error, because skipped rows need no stack. */
export class BadRow {
  constructor(
    readonly field: string | null,
    readonly reason: string
  ) {}
}

/** A trace format: how to read one data line and what its fields are called in messages. */
export interface TraceDialect {
  hasHeader: boolean
  timeField: string
  /** the two length fields, for the context-limit message */
  promptField: string
  outputField: string
  /** a new reader per parse, because a reader may keep state (Azure anchors its clock) */
  createReader(): (line: string) => TraceRow | BadRow
  /** seconds since the workload's start, given the first good row's time */
  arrivalS(time: number, firstTime: number): number
}

/** Token counts are positive integers; anything else is named precisely. */
export function tokenCountProblem(field: string, value: unknown): BadRow | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return new BadRow(field, `not a number: ${quote(value)}`)
  }
  if (!Number.isInteger(value) || value < 1) {
    return new BadRow(field, `not a positive integer: ${value}`)
  }
  if (!Number.isSafeInteger(value)) return new BadRow(field, `too large: ${value}`)
  return null
}

/** A short printable form of a bad value for a message. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : String(JSON.stringify(value))
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}
