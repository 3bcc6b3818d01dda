import { describe, expect, it } from 'vitest'
import { parseTrace } from '../../../../src/engine/serving/workload'
import { failure, MAX_CONTEXT } from './traceTesting'

const GOOD_LINE = '{"timestamp": 0, "input_length": 1000, "output_length": 20, "hash_ids": [7, 8]}'
const row = (fields: Record<string, unknown>) =>
  JSON.stringify({ timestamp: 5, input_length: 1000, output_length: 20, hash_ids: [7], ...fields })

describe('bad Mooncake rows, reported at their 1-based line', () => {
  it.each([
    ['{"timestamp": 5, "input_length": 10', null, /^not valid JSON \(.+\)$/],
    ['[5, 10, 20]', null, 'not a JSON object: [5,10,20]'],
    ['{"input_length": 10, "output_length": 2, "hash_ids": []}', 'timestamp', 'missing field'],
    [row({ timestamp: '5' }), 'timestamp', "not a number: '5'"],
    [row({ timestamp: -1 }), 'timestamp', 'negative: -1'],
    [row({ input_length: undefined }), 'input_length', 'missing field'],
    [row({ input_length: 0 }), 'input_length', 'not a positive integer: 0'],
    [row({ output_length: 2.5 }), 'output_length', 'not a positive integer: 2.5'],
    [row({ output_length: null }), 'output_length', 'not a number: null'],
    [row({ hash_ids: undefined }), 'hash_ids', 'missing field'],
    [row({ hash_ids: '7,8' }), 'hash_ids', "not an array of non-negative integers: '7,8'"],
    [row({ hash_ids: [7, -1] }), 'hash_ids', 'not an array of non-negative integers: item 1 is -1'],
    [row({ hash_ids: [7.5] }), 'hash_ids', 'not an array of non-negative integers: item 0 is 7.5'],
    [row({ hash_ids: ['7'] }), 'hash_ids', `not an array of non-negative integers: item 0 is '7'`],
    [
      row({ input_length: 1000, hash_ids: [1, 2, 3] }),
      'hash_ids',
      '3 blocks is more than a 1000-token prompt has (at most 2 of 512 tokens)'
    ],
    [
      row({ input_length: 131000, output_length: 100, hash_ids: [] }),
      'input_length+output_length',
      "131000 + 100 = 131100 tokens is beyond the model's 131072-token context"
    ]
  ])('%s', (line, field, reason) => {
    const error = failure(`${GOOD_LINE}\n\n${line}\n`, { file: 'm.jsonl' })
    expect([error.file, error.line, error.field]).toEqual(['m.jsonl', 3, field])
    if (typeof reason === 'string') expect(error.reason).toBe(reason)
    else expect(error.reason).toMatch(reason)
    expect(error.message).toBe(`m.jsonl:3: ${field === null ? '' : `${field}: `}${error.reason}`)
  })

  it('accepts one hash per started block, an empty hash list and extra keys', () => {
    const lines = [
      row({ input_length: 1024, hash_ids: [1, 2] }),
      row({ input_length: 1025, hash_ids: [1, 2, 3] }),
      row({ input_length: 40, hash_ids: [], session: 'abc' })
    ]
    const trace = parseTrace(lines.join('\n'), { file: 'm', maxContextTokens: MAX_CONTEXT })
    expect(trace.requests.map((r) => r.blockHashes)).toEqual([[1, 2], [1, 2, 3], []])
  })
})
