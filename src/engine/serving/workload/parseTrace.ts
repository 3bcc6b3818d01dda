import { azureCsv } from './azureCsv'
import { detectTraceFormat } from './detect'
import { forEachLine, isBlank } from './lines'
import { mooncakeJsonl } from './mooncakeJsonl'
import { BadRow, type TraceDialect, type TraceRow } from './traceRow'
import {
  TraceError,
  type ParsedTrace,
  type ParseTraceOptions,
  type ServingRequest,
  type SkippedRow
} from './types'

const DIALECTS: Record<ParsedTrace['format'], TraceDialect> = {
  'azure-csv': azureCsv,
  'mooncake-jsonl': mooncakeJsonl
}

/**
 * Reads a request trace (Azure CSV or Mooncake JSONL, detected from the content) into serving
 * requests, arrivals in seconds since the workload's start. Bad rows fail or are skipped as
 * asked; an out-of-order row always fails, because re-sorting would silently change the
 * workload the user chose.
 */
export function parseTrace(text: string, options: ParseTraceOptions): ParsedTrace {
  const { file, onBadRow = 'fail', maxContextTokens } = options
  if (!Number.isSafeInteger(maxContextTokens) || maxContextTokens < 1) {
    throw new RangeError(`maxContextTokens must be a positive integer, got ${maxContextTokens}`)
  }
  const format = detectTraceFormat(text, file)
  const dialect = DIALECTS[format]
  const readRow = dialect.createReader()
  const requests: ServingRequest[] = []
  const skipped: SkippedRow[] = []
  let headerPending = dialect.hasHeader
  let previousLine = 0
  let previousTime = 0
  let previousText = ''
  let firstTime = 0

  forEachLine(text, (line, lineNumber) => {
    if (isBlank(line)) return
    if (headerPending) {
      headerPending = false
      return
    }
    const row = readRow(line)
    const bad = row instanceof BadRow ? row : contextProblem(row, dialect, maxContextTokens)
    if (bad !== null) {
      if (onBadRow === 'fail') throw new TraceError(file, lineNumber, bad.field, bad.reason)
      const reason = bad.field === null ? bad.reason : `${bad.field}: ${bad.reason}`
      skipped.push({ line: lineNumber, reason })
      return
    }
    const good = row as TraceRow
    if (requests.length > 0 && good.time < previousTime) {
      throw new TraceError(
        file,
        lineNumber,
        dialect.timeField,
        `${good.timeText} is earlier than line ${previousLine} (${previousText}); ` +
          'a trace must be sorted by arrival time'
      )
    }
    if (requests.length === 0) firstTime = good.time
    previousLine = lineNumber
    previousTime = good.time
    previousText = good.timeText
    requests.push({
      id: requests.length,
      arrivalS: dialect.arrivalS(good.time, firstTime),
      promptTokens: good.promptTokens,
      outputTokens: good.outputTokens,
      blockHashes: good.blockHashes
    })
  })

  if (requests.length === 0) throw emptyTraceError(file, skipped)
  return { format, requests, skipped }
}

function contextProblem(row: TraceRow, dialect: TraceDialect, maxContext: number): BadRow | null {
  const total = row.promptTokens + row.outputTokens
  if (total <= maxContext) return null
  return new BadRow(
    `${dialect.promptField}+${dialect.outputField}`,
    `${row.promptTokens} + ${row.outputTokens} = ${total} tokens is beyond the model's ` +
      `${maxContext}-token context`
  )
}

function emptyTraceError(file: string, skipped: readonly SkippedRow[]): TraceError {
  const first = skipped[0]
  if (first === undefined) return new TraceError(file, null, null, 'empty trace: no data rows')
  return new TraceError(
    file,
    null,
    null,
    `empty trace: all ${skipped.length} data rows were bad and skipped ` +
      `(first: line ${first.line}: ${first.reason})`
  )
}
