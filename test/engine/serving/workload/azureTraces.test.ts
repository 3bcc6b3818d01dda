import { describe, expect, it } from 'vitest'
import { parseTrace } from '../../../../src/engine/serving/workload'
import { MAX_CONTEXT, readRepoFile } from './traceTesting'

const parseAzure = (name: string) =>
  parseTrace(readRepoFile(`resources/traces/${name}`), {
    file: name,
    onBadRow: 'fail',
    maxContextTokens: MAX_CONTEXT
  })

describe('the Azure LLM inference traces shipped in resources/traces', () => {
  const conv = parseAzure('azure-llm-2023-conv.csv')
  const code = parseAzure('azure-llm-2023-code.csv')

  it('reads every row of both traces as a request, none skipped', () => {
    expect(conv.format).toBe('azure-csv')
    expect(conv.requests).toHaveLength(19_366)
    expect(conv.skipped).toEqual([])
    expect(code.format).toBe('azure-csv')
    expect(code.requests).toHaveLength(8_819)
    expect(code.skipped).toEqual([])
  })

  it('starts at 0 and never goes back in time, ids in arrival order', () => {
    for (const { requests } of [conv, code]) {
      expect(requests[0]?.arrivalS).toBe(0)
      // one assertion over the whole trace: an expect per row would dominate the test time
      const outOfPlace = requests.filter(
        (request, i) => request.id !== i || (i > 0 && request.arrivalS < requests[i - 1]!.arrivalS)
      )
      expect(outOfPlace).toEqual([])
    }
  })

  it('computes arrivals exactly from the wall clock, to the 100 ns of the file', () => {
    // rows 2, 3 and the last of the conv file: 18:15:46.6805900, 18:15:50.9951690, 19:14:08.4025270
    expect(conv.requests[1]?.arrivalS).toBe(4.314579)
    expect(conv.requests.at(-1)?.arrivalS).toBe(3501.721937)
    // about an hour: the span the README promises
    expect(conv.requests.at(-1)?.arrivalS).toBeGreaterThan(3_400)
    expect(conv.requests.at(-1)?.arrivalS).toBeLessThan(3_600)
    // 18:17:03.9799600 to 19:14:19.9280160
    expect(code.requests.at(-1)?.arrivalS).toBe(3435.948056)
  })

  it('keeps the lengths of spot-checked rows, with no block hashes (Azure has none)', () => {
    expect(conv.requests[0]).toEqual({
      id: 0,
      arrivalS: 0,
      promptTokens: 374,
      outputTokens: 44,
      blockHashes: []
    })
    expect(conv.requests[3]).toMatchObject({ promptTokens: 91, outputTokens: 16 })
    expect(conv.requests.at(-1)).toMatchObject({ promptTokens: 197, outputTokens: 183 })
    expect(code.requests[0]).toMatchObject({ promptTokens: 4808, outputTokens: 10 })
    expect(code.requests[3]).toMatchObject({ promptTokens: 7433, outputTokens: 14 })
    expect(code.requests.at(-1)).toMatchObject({ promptTokens: 549, outputTokens: 173 })
  })

  it('has the shape the traces are known for: code prompts long, conversation outputs longer', () => {
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
    const convPrompt = mean(conv.requests.map((r) => r.promptTokens))
    const codePrompt = mean(code.requests.map((r) => r.promptTokens))
    const convOutput = mean(conv.requests.map((r) => r.outputTokens))
    const codeOutput = mean(code.requests.map((r) => r.outputTokens))
    expect(codePrompt).toBeGreaterThan(convPrompt)
    expect(convOutput).toBeGreaterThan(codeOutput)
  })
})
