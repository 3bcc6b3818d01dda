import { readFileSync } from 'node:fs'
import {
  parseTrace,
  TraceError,
  type ParseTraceOptions
} from '../../../../src/engine/serving/workload'

/** DeepSeek-R1's context, the limit the simulation passes. */
export const MAX_CONTEXT = 131_072

export const AZURE_HEADER = 'TIMESTAMP,ContextTokens,GeneratedTokens'

/** Reads a file relative to the repository root, as the app's trace import does with a path. */
export function readRepoFile(path: string): string {
  return readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8')
}

/** The TraceError parseTrace throws, so a test can check its message and its parts. */
export function failure(text: string, options: Partial<ParseTraceOptions> = {}): TraceError {
  try {
    parseTrace(text, { file: 't', maxContextTokens: MAX_CONTEXT, ...options })
  } catch (error) {
    if (error instanceof TraceError) return error
    throw error
  }
  throw new Error('expected a TraceError, but the trace parsed')
}
