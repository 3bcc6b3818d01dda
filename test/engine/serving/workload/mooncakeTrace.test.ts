import { describe, expect, it } from 'vitest'
import { PREFIX_BLOCK_TOKENS, parseTrace } from '../../../../src/engine/serving/workload'
import { MAX_CONTEXT, readRepoFile } from './traceTesting'

const FIXTURE = 'test/fixtures/traces/mooncake-conversations.jsonl'

describe('a Mooncake JSONL trace', () => {
  const trace = parseTrace(readRepoFile(FIXTURE), { file: FIXTURE, maxContextTokens: MAX_CONTEXT })
  const { requests } = trace

  it('is detected and read row by row', () => {
    expect(trace.format).toBe('mooncake-jsonl')
    expect(requests).toHaveLength(200)
    expect(trace.skipped).toEqual([])
  })

  it('turns millisecond timestamps into seconds since the trace start, keeping its offset', () => {
    // first line: {"timestamp": 369, "input_length": 2618, "output_length": 227, "hash_ids": [0..5]}
    expect(requests[0]).toEqual({
      id: 0,
      arrivalS: 0.369,
      promptTokens: 2618,
      outputTokens: 227,
      blockHashes: [0, 1, 2, 3, 4, 5]
    })
    expect(requests.at(-1)?.arrivalS).toBe(41.086)
    const backwards = requests.filter((r, i) => i > 0 && r.arrivalS < requests[i - 1]!.arrivalS)
    expect(backwards).toEqual([])
  })

  it('keeps the block hashes, so a second turn shares its conversation’s prefix', () => {
    // line 2 is the second turn of line 1's conversation: same system prompt and first user block
    expect(requests[1]?.blockHashes).toEqual([0, 1, 2, 3, 4, 6, 7])
    expect(requests[199]?.blockHashes).toEqual([0, 1, 2, 3, 389, 390, 391, 531, 532, 533])
    expect(requests[150]?.blockHashes.slice(0, 7)).toEqual([0, 1, 2, 3, 389, 390, 391])
  })

  it('has the reuse a prefix cache feeds on: most requests share the system prompt blocks', () => {
    const behindSystemPrompt = requests.filter(
      (r) => r.blockHashes.slice(0, 4).join() === '0,1,2,3'
    )
    expect(behindSystemPrompt.length).toBeGreaterThan(150)
    const seen = new Set<number>()
    let reusedBlocks = 0
    for (const r of requests) {
      for (const hash of r.blockHashes) {
        if (seen.has(hash)) reusedBlocks++
        seen.add(hash)
      }
    }
    expect(reusedBlocks).toBeGreaterThan(600)
  })

  it('never lists more blocks than the prompt has', () => {
    const tooMany = requests.filter(
      (r) => r.blockHashes.length > Math.ceil(r.promptTokens / PREFIX_BLOCK_TOKENS)
    )
    expect(tooMany).toEqual([])
  })
})
