import { describe, expect, it } from 'vitest'
import { parseTrace } from '../../../../src/engine/serving/workload'
import { AZURE_HEADER as HEADER, failure, MAX_CONTEXT } from './traceTesting'

const GOOD_ROW = '2023-11-16 18:15:46.6805900,374,44'
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n')

describe('bad Azure rows, reported at their 1-based line', () => {
  it.each([
    [
      '2023-11-16 18:15:47.0,12',
      null,
      'expected 3 columns (TIMESTAMP,ContextTokens,GeneratedTokens), found 2'
    ],
    [
      '2023-11-16 18:15:47.0,12,3,',
      null,
      'expected 3 columns (TIMESTAMP,ContextTokens,GeneratedTokens), found 4'
    ],
    ['2023-11-16 18:15:47.0,abc,3', 'ContextTokens', "not a number: 'abc'"],
    ['2023-11-16 18:15:47.0,0,3', 'ContextTokens', 'not a positive integer: 0'],
    ['2023-11-16 18:15:47.0,12,1.5', 'GeneratedTokens', "not a positive integer: '1.5'"],
    ['2023-11-16 18:15:47.0,12,-3', 'GeneratedTokens', "not a positive integer: '-3'"],
    ['2023-11-16 18:15:47.0,12,', 'GeneratedTokens', 'missing value'],
    [
      '2023-11-16 25:15:47.0,12,3',
      'TIMESTAMP',
      "bad timestamp '2023-11-16 25:15:47.0': expected YYYY-MM-DD HH:MM:SS.fffffff"
    ],
    [
      '2023-02-29 18:15:47.0,12,3',
      'TIMESTAMP',
      "bad timestamp '2023-02-29 18:15:47.0': expected YYYY-MM-DD HH:MM:SS.fffffff"
    ],
    [
      '16/11/2023 18:15:47,12,3',
      'TIMESTAMP',
      "bad timestamp '16/11/2023 18:15:47': expected YYYY-MM-DD HH:MM:SS.fffffff"
    ],
    [
      '2023-11-16 18:15:47.0,130000,2000',
      'ContextTokens+GeneratedTokens',
      "130000 + 2000 = 132000 tokens is beyond the model's 131072-token context"
    ]
  ])('%s', (row, field, reason) => {
    const error = failure(csv(GOOD_ROW, row), { file: 'a.csv' })
    expect([error.line, error.field, error.reason]).toEqual([3, field, reason])
    expect(error.message).toBe(`a.csv:3: ${field === null ? '' : `${field}: `}${reason}`)
  })

  it('accepts a request that fills the context exactly, and counts CRLF and blank lines', () => {
    const trace = parseTrace(`${HEADER}\r\n\r\n${GOOD_ROW}\r\n2023-11-16 18:15:47,131000,72\r\n`, {
      file: 'a.csv',
      maxContextTokens: MAX_CONTEXT
    })
    expect(trace.requests.map((r) => [r.arrivalS, r.promptTokens])).toEqual([
      [0, 374],
      [0.31941, 131000]
    ])
    expect(failure(`${HEADER}\r\n\r\n${GOOD_ROW}\r\nbad,1,2\r\n`).line).toBe(4)
  })

  it('reads the wall clock across midnight, a leap day and a new year without time zones', () => {
    const arrivals = (a: string, b: string) =>
      parseTrace(csv(`${a},1,1`, `${b},1,1`), { file: 'a', maxContextTokens: 10 }).requests[1]
        ?.arrivalS
    expect(arrivals('2023-11-16 23:59:59.9000000', '2023-11-17 00:00:00.1000000')).toBe(0.2)
    expect(arrivals('2024-02-28 23:59:59', '2024-02-29 00:00:01.5')).toBe(2.5)
    expect(arrivals('2023-12-31 23:00:00', '2024-01-01 01:00:00')).toBe(7200)
    // the night the clocks change in Europe and the US: no hour is gained or lost
    expect(arrivals('2023-03-26 01:30:00', '2023-03-26 03:30:00')).toBe(7200)
    expect(arrivals('2023-11-05 00:30:00', '2023-11-05 02:30:00')).toBe(7200)
  })
})
