import { describe, expect, it } from 'vitest'
import {
  formatCoverage,
  formatDuration,
  formatWhen
} from '../../../src/renderer/src/library/format'
import { savedRun } from '../fakeTwin'

describe('library formatting', () => {
  it('says simulated durations as people do', () => {
    expect(formatDuration(45.9)).toBe('45 s')
    expect(formatDuration(60)).toBe('1 min')
    expect(formatDuration(330)).toBe('5 min 30 s')
    expect(formatDuration(3600)).toBe('1 h')
    expect(formatDuration(3900)).toBe('1 h 5 min')
    expect(formatDuration(Number.NaN)).toBe('—')
  })

  it('gives a whole run its planned length and a cut-short one how far it got', () => {
    expect(formatCoverage(savedRun({ id: 'a', name: 'a' }))).toBe('10 min')
    expect(
      formatCoverage(savedRun({ id: 'b', name: 'b', status: 'stopped', simulatedS: 125 }))
    ).toBe('2 min 5 s of 10 min')
  })

  it('shows dates in the local format, and a bad one as it came', () => {
    expect(formatWhen('2025-07-01T09:30:00.000Z')).toMatch(/2025/)
    expect(formatWhen('not a date')).toBe('not a date')
  })
})
