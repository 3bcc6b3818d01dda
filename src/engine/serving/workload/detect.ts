import { AZURE_HEADER } from './azureCsv'
import { firstContentLine } from './lines'
import { quote } from './traceRow'
import { TraceError, type TraceFormat } from './types'

const ACCEPTED_FORMATS =
  `an Azure LLM inference CSV (header ${AZURE_HEADER}) or Mooncake JSONL ` +
  '(one {"timestamp", "input_length", "output_length", "hash_ids"} object per line)'

/**
 * Which format a trace is in, judged from its first line rather than the file name, since users
 * rename files. A Mooncake line is recognised by its input_length key so that any other JSON is
 * reported as an unknown format, not as a bad first row.
 */
export function detectTraceFormat(text: string, file: string): TraceFormat {
  const first = firstContentLine(text)
  if (first === null) throw new TraceError(file, null, null, 'empty trace: the file has no rows')
  const line = first.line.trim()
  if (line.toLowerCase() === AZURE_HEADER.toLowerCase()) return 'azure-csv'
  if (line.startsWith('{') && line.includes('"input_length"')) return 'mooncake-jsonl'
  throw new TraceError(
    file,
    null,
    null,
    `unknown trace format: expected ${ACCEPTED_FORMATS}; line ${first.lineNumber} is ${quote(line)}`
  )
}
