import { describe, expect, it } from 'vitest'
import { validateScenario } from '../../../src/engine/serving/validate'
import { ScenarioError, type Scenario } from '../../../src/shared/scenario'

const base = {
  name: 'editor',
  system: 'cloudmatrix384',
  durationS: 60,
  workload: {
    kind: 'synthetic',
    arrival: { kind: 'poisson', ratePerS: 20 },
    prompt: { kind: 'fixed', tokens: 512 },
    output: { kind: 'fixed', tokens: 64 }
  }
}
const noTrace = (): null => null
const issuesOf = (value: unknown, readTrace: (s: Scenario) => null = noTrace) => {
  const result = validateScenario(value, readTrace)
  return result.ok ? [] : result.issues
}

describe('validateScenario', () => {
  it('passes a good scenario with its defaults filled in', () => {
    const result = validateScenario(base, noTrace)
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.scenario.slo).toEqual({ ttftMs: 2000, tpotMs: 50 })
  })

  it('reports every schema issue at its field, in plain words', () => {
    const issues = issuesOf({
      ...base,
      name: '',
      typo: 1,
      deployment: { maxBatchPerChip: 0 },
      slo: { ttftMs: 0, tpotMs: -5 },
      workload: { ...base.workload, arrival: { kind: 'poisson', ratePerS: 0 } }
    })
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'must not be empty' },
        { path: 'typo', message: "'typo' is not a scenario field (check its spelling)" },
        { path: 'deployment.maxBatchPerChip', message: 'must be at least 1' },
        { path: 'slo.ttftMs', message: 'must be greater than 0' },
        { path: 'slo.tpotMs', message: 'must be greater than 0' },
        { path: 'workload.arrival.ratePerS', message: 'must be greater than 0' }
      ])
    )
    expect(issues).toHaveLength(6)
  })

  it('names a missing field, a wrong type and a wrong kind', () => {
    const issues = issuesOf({
      system: 'dgx',
      durationS: '60',
      workload: { ...base.workload, prompt: { kind: 'normal' } }
    })
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'is required (text)' },
        { path: 'durationS', message: 'must be a number' },
        { path: 'system', message: expect.stringMatching(/^must be one of 'cloudmatrix384'/) },
        { path: 'workload.prompt.kind', message: "must be one of 'fixed', 'uniform', 'lognormal'" }
      ])
    )
  })

  it('catches what the schema alone cannot: faults, deployment, lengths', () => {
    const issues = issuesOf({
      ...base,
      deployment: { prefillInstances: 40 },
      workload: { ...base.workload, prompt: { kind: 'uniform', min: 900, max: 100 } },
      faults: [
        { kind: 'die-failure', atS: 90, die: 'node-05.npu-3.die-1' },
        { kind: 'die-failure', atS: 10, die: 'node-05.npu-3.die-2' },
        { kind: 'subplane-degradation', atS: 5, untilS: 2, subPlane: 1, bandwidthFraction: 0.5 }
      ]
    })
    expect(issues.map((i) => i.path)).toEqual([
      'faults.0.atS',
      'faults.1.die',
      'faults.2.untilS',
      'deployment.prefillInstances',
      'workload.prompt'
    ])
    expect(issues[0]!.message).toBe('starts at 90 s, at or after the end of the run (60 s)')
    expect(issues[1]!.message).toMatch(/^no die 'node-05\.npu-3\.die-2' in /)
    expect(issues[4]!.message).toMatch(/^min must not exceed max/)
  })

  it('checks measureFromS: at least 0 and before the end of the run', () => {
    expect(issuesOf({ ...base, measureFromS: 30 })).toEqual([])
    expect(issuesOf({ ...base, measureFromS: 60 })).toEqual([
      {
        path: 'measureFromS',
        message: 'must be less than durationS (60 s): the summary would measure nothing'
      }
    ])
    expect(issuesOf({ ...base, measureFromS: -1 })).toEqual([
      { path: 'measureFromS', message: 'must be at least 0' }
    ])
  })

  it('refuses faults on a system without a part-level topology', () => {
    const issues = issuesOf({
      ...base,
      system: 'gb200-nvl72',
      faults: [{ kind: 'npu-failure', atS: 5, npu: 'node-00.npu-0' }]
    })
    expect(issues).toEqual([
      { path: 'faults.0', message: expect.stringMatching(/part-level topology/) }
    ])
  })

  it('reports a trace that cannot be read at workload.trace', () => {
    const issues = issuesOf({ ...base, workload: { kind: 'trace', trace: 'missing.csv' } }, () => {
      throw new ScenarioError(
        "scenario: workload.trace: cannot read 'missing.csv' (ENOENT)",
        'workload.trace'
      )
    })
    expect(issues).toEqual([
      { path: 'workload.trace', message: "cannot read 'missing.csv' (ENOENT)" }
    ])
  })

  it('reports a trace that does not parse at workload.trace', () => {
    const issues = issuesOf(
      { ...base, workload: { kind: 'trace', trace: 'bad.csv' } },
      () =>
        ({
          name: 'bad.csv',
          text: 'not,a,trace\n1,2,3\n'
        }) as never
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]!.path).toBe('workload.trace')
  })
})
