import { describe, expect, it } from 'vitest'
import { parseScenario, ScenarioError, type ScenarioInput } from '../../src/shared/scenario'

const base: ScenarioInput = {
  name: 'window',
  system: 'h800-deepseek',
  workload: {
    kind: 'synthetic',
    arrival: { kind: 'poisson', ratePerS: 10 },
    prompt: { kind: 'fixed', tokens: 512 },
    output: { kind: 'fixed', tokens: 64 }
  },
  durationS: 600
}

const errorOf = (input: unknown): ScenarioError => {
  try {
    parseScenario(input, 'file.json')
  } catch (error) {
    if (error instanceof ScenarioError) return error
    throw error
  }
  throw new Error('parsed')
}

describe('scenario measureFromS', () => {
  it('is optional and left out of the parsed scenario when not given (the whole run)', () => {
    expect('measureFromS' in parseScenario(base)).toBe(false)
    expect(parseScenario({ ...base, measureFromS: 382 }).measureFromS).toBe(382)
    expect(parseScenario({ ...base, measureFromS: 0 }).measureFromS).toBe(0)
  })

  it('must start before the end of the run, the error naming the field', () => {
    const late = errorOf({ ...base, measureFromS: 600 })
    expect(late.field).toBe('measureFromS')
    expect(late.message).toBe(
      'file.json: measureFromS: must be less than durationS (600 s): the summary would measure nothing'
    )
    expect(errorOf({ ...base, measureFromS: -5 }).field).toBe('measureFromS')
    expect(errorOf({ ...base, measureFromS: 'soon' }).field).toBe('measureFromS')
  })
})
