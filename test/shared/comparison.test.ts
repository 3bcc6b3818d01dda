import { describe, expect, it } from 'vitest'
import { comparisonSchema } from '../../src/shared/comparison'

const valid = {
  name: 'test',
  scenario: 'cloudmatrix-infer-paper',
  systems: ['cloudmatrix384', 'h800-deepseek']
}

function issueAt(value: unknown): { path: string; message: string } | null {
  const parsed = comparisonSchema.safeParse(value)
  if (parsed.success) return null
  const issue = parsed.error.issues[0]!
  return { path: issue.path.map(String).join('.'), message: issue.message }
}

describe('comparison schema', () => {
  it("accepts load 'capacity' with or without a loadFraction in (0, 1]", () => {
    expect(issueAt({ ...valid, load: 'capacity' })).toBeNull()
    expect(issueAt({ ...valid, load: 'capacity', loadFraction: 1 })).toBeNull()
    expect(comparisonSchema.parse({ ...valid, load: 'capacity', loadFraction: 0.5 })).toMatchObject(
      { load: 'capacity', loadFraction: 0.5 }
    )
    expect(comparisonSchema.parse(valid).load).toBe('per-decode-chip')
  })

  it('refuses a loadFraction out of range, naming the field', () => {
    for (const loadFraction of [0, -0.5, 1.01, 'half']) {
      expect(issueAt({ ...valid, load: 'capacity', loadFraction })?.path).toBe('loadFraction')
    }
    expect(issueAt({ ...valid, load: 'capacity', loadFraction: 1.5 })?.message).toMatch(
      /grows without bound/
    )
  })

  it("refuses a loadFraction without load 'capacity'", () => {
    const issue = issueAt({ ...valid, load: 'same', loadFraction: 0.9 })
    expect(issue?.path).toBe('loadFraction')
    expect(issue?.message).toMatch(/capacity/)
    expect(issueAt({ ...valid, loadFraction: 0.9 })?.path).toBe('loadFraction')
  })
})
