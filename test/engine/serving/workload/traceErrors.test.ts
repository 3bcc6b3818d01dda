import { describe, expect, it } from 'vitest'
import { detectTraceFormat, parseTrace, TraceError } from '../../../../src/engine/serving/workload'
import { AZURE_HEADER as HEADER, failure, MAX_CONTEXT, readRepoFile } from './traceTesting'

const GOOD_ROW = '2023-11-16 18:15:46.6805900,374,44'
const GOOD_LINE = '{"timestamp": 0, "input_length": 1000, "output_length": 20, "hash_ids": [7, 8]}'
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n')
const jsonl = (...lines: string[]) => lines.join('\n')

describe('TraceError', () => {
  it('reads "<file>:<line>: <field>: <reason>", leaving out what is unknown', () => {
    expect(new TraceError('a.csv', 3, 'TIMESTAMP', 'bad').message).toBe('a.csv:3: TIMESTAMP: bad')
    expect(new TraceError('a.csv', 3, null, 'bad').message).toBe('a.csv:3: bad')
    expect(new TraceError('a.csv', null, 'x', 'bad').message).toBe('a.csv: x: bad')
    expect(new TraceError('a.csv', null, null, 'bad').message).toBe('a.csv: bad')
  })
})

describe('format detection', () => {
  it('knows Azure CSV by its header and Mooncake JSONL by its keys, whatever the file name', () => {
    expect(detectTraceFormat(csv(GOOD_ROW), 'x.jsonl')).toBe('azure-csv')
    expect(detectTraceFormat(`\uFEFF\r\n${HEADER}\r\n${GOOD_ROW}\r\n`, 'x')).toBe('azure-csv')
    expect(detectTraceFormat(`\n\n${GOOD_LINE}\n`, 'x.csv')).toBe('mooncake-jsonl')
  })

  it('rejects anything else, naming the file and the accepted formats', () => {
    const error = failure(readRepoFile('test/fixtures/traces/unknown-format.csv'), {
      file: 'unknown-format.csv'
    })
    expect(error.message).toBe(
      'unknown-format.csv: unknown trace format: expected an Azure LLM inference CSV ' +
        `(header ${HEADER}) or Mooncake JSONL (one {"timestamp", "input_length", ` +
        `"output_length", "hash_ids"} object per line); line 1 is 'request_id,arrival,prompt,output'`
    )
    expect([error.file, error.line, error.field]).toEqual(['unknown-format.csv', null, null])
    expect(failure('[{"timestamp": 0}]').message).toMatch(/^t: unknown trace format: /)
    expect(failure('{"ts": 1, "len": 2}').message).toMatch(/^t: unknown trace format: /)
  })

  it('calls a blank file, a header-only CSV and a fully skipped trace empty', () => {
    expect(failure(' \n\n').message).toBe('t: empty trace: the file has no rows')
    const headerOnly = readRepoFile('test/fixtures/traces/azure-header-only.csv')
    expect(failure(headerOnly, { file: 'h.csv' }).message).toBe('h.csv: empty trace: no data rows')
    expect(failure(csv('x,1,2', 'y,1,2'), { onBadRow: 'skip' }).message).toBe(
      "t: empty trace: all 2 data rows were bad and skipped (first: line 2: TIMESTAMP: bad timestamp 'x': expected YYYY-MM-DD HH:MM:SS.fffffff)"
    )
  })
})

describe('arrival order', () => {
  it('fails on a row earlier than the one before it, naming both lines, even when skipping', () => {
    const text = readRepoFile('test/fixtures/traces/azure-unsorted.csv')
    for (const onBadRow of ['fail', 'skip'] as const) {
      const error = failure(text, { file: 'azure-unsorted.csv', onBadRow })
      expect(error.message).toBe(
        'azure-unsorted.csv:4: TIMESTAMP: 2023-11-16 18:15:50.2224670 is earlier than line 3 ' +
          '(2023-11-16 18:15:50.9951690); a trace must be sorted by arrival time'
      )
      expect([error.line, error.field]).toEqual([4, 'TIMESTAMP'])
    }
    const mooncake = jsonl(GOOD_LINE.replace('0', '200'), GOOD_LINE.replace('0', '100'))
    expect(failure(mooncake).message).toBe(
      't:2: timestamp: 100 is earlier than line 1 (200); a trace must be sorted by arrival time'
    )
  })

  it('accepts equal timestamps and compares with the last good row, not a skipped one', () => {
    const trace = parseTrace(
      csv(
        GOOD_ROW,
        '2023-11-16 18:15:50.0,1,0',
        '2023-11-16 18:15:47.0,1,1',
        '2023-11-16 18:15:47,2,2'
      ),
      { file: 't', onBadRow: 'skip', maxContextTokens: MAX_CONTEXT }
    )
    expect(trace.skipped).toEqual([
      { line: 3, reason: 'GeneratedTokens: not a positive integer: 0' }
    ])
    expect(trace.requests.map((r) => r.arrivalS)).toEqual([0, 0.31941, 0.31941])
    expect(failure(csv(GOOD_ROW, GOOD_ROW, '2023-11-16 18:15:46.6805899,1,1')).line).toBe(4)
  })
})

describe('skip or fail', () => {
  const text = readRepoFile('test/fixtures/traces/mooncake-bad-row.jsonl')
  const options = { file: 'bad.jsonl', maxContextTokens: MAX_CONTEXT }

  it('fails on the first bad row by default', () => {
    const error = failure(text, options)
    expect(error.message).toBe('bad.jsonl:4: input_length: not a positive integer: 0')
    expect(failure(csv('x,1,2', GOOD_ROW, 'y,1,2')).line).toBe(2)
  })

  it('skips bad rows when asked, listing each with its line and reason', () => {
    const trace = parseTrace(text, { ...options, onBadRow: 'skip' })
    expect(trace.skipped).toEqual([{ line: 4, reason: 'input_length: not a positive integer: 0' }])
    expect(trace.requests.map((r) => [r.id, r.arrivalS, r.blockHashes])).toEqual([
      [0, 0, [0, 1, 2]],
      [1, 0.25, [0, 3]],
      [2, 0.9, [0, 4]]
    ])
    const twoBad = parseTrace(csv('x,1,2', GOOD_ROW, `${GOOD_ROW},1`), {
      ...options,
      onBadRow: 'skip'
    })
    expect(twoBad.requests).toHaveLength(1)
    expect(twoBad.skipped.map((s) => s.line)).toEqual([2, 4])
    expect(twoBad.skipped[1]?.reason).toBe(`expected 3 columns (${HEADER}), found 4`)
  })

  it('refuses a context limit that is not a positive integer', () => {
    expect(() => parseTrace(GOOD_LINE, { file: 't', maxContextTokens: 0 })).toThrow(RangeError)
  })
})
