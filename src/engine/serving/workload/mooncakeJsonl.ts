import { BadRow, quote, tokenCountProblem, type TraceDialect, type TraceRow } from './traceRow'
import { PREFIX_BLOCK_TOKENS } from './types'

/**
 * Mooncake traces (kvcache-ai/Mooncake, FAST'25): one JSON object per line,
 * `{"timestamp": <ms since start>, "input_length": N, "output_length": N, "hash_ids": [..]}`.
 * Equal hash_ids at equal positions are reusable 512-token prefix blocks.
 */
export const mooncakeJsonl: TraceDialect = {
  hasHeader: false,
  timeField: 'timestamp',
  promptField: 'input_length',
  outputField: 'output_length',
  createReader: () => readMooncakeRow,
  // The format's clock already starts at the trace's start; a sliced trace keeps its offset.
  arrivalS: (time) => time / 1000
}

function readMooncakeRow(line: string): TraceRow | BadRow {
  let parsed: unknown
  try {
    parsed = JSON.parse(line)
  } catch (error) {
    return new BadRow(null, `not valid JSON (${error instanceof Error ? error.message : error})`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return new BadRow(null, `not a JSON object: ${quote(parsed)}`)
  }
  const row = parsed as Record<string, unknown>
  const timestamp = row.timestamp
  if (timestamp === undefined) return new BadRow('timestamp', 'missing field')
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    return new BadRow('timestamp', `not a number: ${quote(timestamp)}`)
  }
  if (timestamp < 0) return new BadRow('timestamp', `negative: ${timestamp}`)
  const promptTokens = readTokenCount(row, 'input_length')
  if (promptTokens instanceof BadRow) return promptTokens
  const outputTokens = readTokenCount(row, 'output_length')
  if (outputTokens instanceof BadRow) return outputTokens
  const blockHashes = readBlockHashes(row.hash_ids, promptTokens)
  if (blockHashes instanceof BadRow) return blockHashes
  return { time: timestamp, timeText: String(timestamp), promptTokens, outputTokens, blockHashes }
}

function readTokenCount(row: Record<string, unknown>, field: string): number | BadRow {
  const value = row[field]
  if (value === undefined) return new BadRow(field, 'missing field')
  return tokenCountProblem(field, value) ?? (value as number)
}

/** The parsed array itself is kept (no copy): it is already the list the simulation needs. */
function readBlockHashes(value: unknown, promptTokens: number): number[] | BadRow {
  const field = 'hash_ids'
  if (value === undefined) return new BadRow(field, 'missing field')
  if (!Array.isArray(value)) {
    return new BadRow(field, `not an array of non-negative integers: ${quote(value)}`)
  }
  for (let i = 0; i < value.length; i++) {
    const hash: unknown = value[i]
    if (typeof hash !== 'number' || !Number.isSafeInteger(hash) || hash < 0) {
      return new BadRow(field, `not an array of non-negative integers: item ${i} is ${quote(hash)}`)
    }
  }
  // Each id stands for one block of the prompt, the last one possibly partial.
  const maxBlocks = Math.ceil(promptTokens / PREFIX_BLOCK_TOKENS)
  if (value.length > maxBlocks) {
    return new BadRow(
      field,
      `${value.length} blocks is more than a ${promptTokens}-token prompt has ` +
        `(at most ${maxBlocks} of ${PREFIX_BLOCK_TOKENS} tokens)`
    )
  }
  return value as number[]
}
