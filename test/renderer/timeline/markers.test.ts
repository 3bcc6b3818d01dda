import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../../src/shared/api'
import { eventMarkers, overviewPath } from '../../../src/renderer/src/timeline/markers'

const events: RunEvent[] = [
  { atS: 60, kind: 'die-failure', target: 'node-05.npu-3.die-1', message: 'expert 17 moved' },
  { atS: 150, kind: 'slo-breach', target: 'service', message: 'p99 TPOT 61.0 ms (SLO 50)' },
  { atS: 900, kind: 'recovered', target: 'node-05.npu-3.die-1', message: 'back' }
]

describe('timeline markers', () => {
  it('places each event along the track, with its tone and what it says', () => {
    const markers = eventMarkers(events, 600)
    expect(markers.map((m) => [m.atS, m.leftPct, m.tone])).toEqual([
      [60, 10, 'bad'],
      [150, 25, 'warn'],
      // past the end (a run planned shorter than its events): at the end
      [900, 100, 'good']
    ])
    expect(markers[0]!.text).toBe('60 s · die failed · node-05.npu-3.die-1: expert 17 moved')
    expect(markers[1]!.text).toBe('150 s · SLO breach · service: p99 TPOT 61.0 ms (SLO 50)')
    expect(new Set(markers.map((m) => m.key)).size).toBe(3)
  })

  it('copes with a run of no length', () => {
    expect(eventMarkers(events.slice(0, 1), 0)[0]!.leftPct).toBe(100)
  })
})

describe('overview strip', () => {
  it('steps the mean die compute across the run, in a 100 x 20 box', () => {
    const path = overviewPath(
      {
        timesS: [100, 200, 400],
        dieCompute: [0.5, 1, 0.25],
        linkUtilization: [0, 0, 0],
        kpis: {}
      },
      400
    )
    expect(path).toBe('M0 20 L0 10 L25 10 L25 0 L50 0 L50 15 L100 15 L100 20 Z')
  })

  it('clamps what it cannot draw, and draws nothing without points', () => {
    const overview = {
      timesS: [50, 100],
      dieCompute: [Number.NaN, 3],
      linkUtilization: [],
      kpis: {}
    }
    expect(overviewPath(overview, 100)).toBe('M0 20 L0 20 L50 20 L50 0 L100 0 L100 20 Z')
    expect(overviewPath(null, 100)).toBeNull()
    expect(overviewPath({ ...overview, timesS: [] }, 100)).toBeNull()
    expect(overviewPath(overview, 0)).toBeNull()
  })
})
