import { describe, expect, it } from 'vitest'
import {
  advance,
  playFrom,
  runTimeAt,
  timelineEnd
} from '../../../src/renderer/src/compare/compareTimeline'

const runs = [
  { id: 'a', endS: 600 },
  { id: 'b', endS: 300 }
]

describe('the compare timeline', () => {
  it('spans the longest run; a shorter one holds its last frame past its end', () => {
    expect(timelineEnd(runs)).toBe(600)
    expect(timelineEnd([])).toBe(0)
    expect(runTimeAt(runs[0]!, 450)).toBe(450)
    expect(runTimeAt(runs[1]!, 450)).toBe(300)
    expect(runTimeAt(runs[1]!, -3)).toBe(0)
  })

  it('advances by wall time times speed and stops at its end', () => {
    expect(advance(10, 0.25, 16, 600)).toEqual({ t: 14, ended: false })
    expect(advance(598, 0.25, 16, 600)).toEqual({ t: 600, ended: true })
    expect(advance(10, -1, 16, 600)).toEqual({ t: 10, ended: false })
  })

  it('plays from the start again once at the end', () => {
    expect(playFrom(600, 600)).toBe(0)
    expect(playFrom(120, 600)).toBe(120)
  })
})
