import { describe, expect, it } from 'vitest'
import { chips } from '../../../src/engine/catalog/chips'
import { deployments, SETUP_IDS } from '../../../src/engine/catalog/deployments'
import { links } from '../../../src/engine/catalog/interconnect'
import { power } from '../../../src/engine/catalog/power'
import { deepSeekR1 } from '../../../src/engine/catalog/model'
import { SOURCES } from '../../../src/engine/catalog/sources'
import { systems } from '../../../src/engine/catalog/systems'
import { workloadTraits } from '../../../src/engine/catalog/workload'

type Record_ = Record<string, unknown> & { sources: Record<string, string | undefined> }

/** Every numeric (or numeric-map) field of a catalog record names where it comes from. */
function uncited(record: Record_): string[] {
  return Object.entries(record)
    .filter(
      ([key, value]) =>
        key !== 'sources' &&
        (typeof value === 'number' || (typeof value === 'object' && value !== null))
    )
    .filter(([key]) => !record.sources[key])
    .map(([key]) => key)
}

const keysIn = (citation: string): string[] =>
  [...citation.matchAll(/\[([A-Za-z0-9-]+)\]/g)].map((m) => m[1]!)

const records: [string, Record_][] = [
  ...Object.values(chips).map((c): [string, Record_] => [c.id, c as unknown as Record_]),
  ...Object.values(links).map((l): [string, Record_] => [l.id, l as unknown as Record_]),
  ...Object.values(systems).map((s): [string, Record_] => [s.id, s as unknown as Record_]),
  ...Object.entries(power).map(([id, p]): [string, Record_] => [
    `power of ${id}`,
    p as unknown as Record_
  ]),
  [deepSeekR1.id, deepSeekR1 as unknown as Record_],
  ['workload', workloadTraits as unknown as Record_]
]

describe('catalog', () => {
  it.each(records)('%s cites a source for every number', (_id, record) => {
    expect(uncited(record)).toEqual([])
  })

  it('cites only sources listed in the reference', () => {
    const citations = records.flatMap(([, r]) =>
      Object.values(r.sources).filter((c): c is string => !!c)
    )
    for (const d of Object.values(deployments)) {
      citations.push(
        d.precisionSource,
        d.decode.pipeline.source,
        d.prefill.pipeline.source,
        d.decode.experts.source
      )
    }
    const unknown = citations.flatMap(keysIn).filter((key) => !(key in SOURCES))
    expect(unknown).toEqual([])
  })

  it('holds the DeepSeek-R1 architecture of its published config', () => {
    expect(deepSeekR1).toMatchObject({
      hiddenSize: 7168,
      layers: 61,
      denseLayers: 3,
      routedExperts: 256,
      expertsPerToken: 8,
      heads: 128
    })
  })

  it('describes each deployment consistently', () => {
    expect(SETUP_IDS).toEqual(['cloudmatrix384', 'h800-deepseek', 'h100-sglang', 'gb200-nvl72'])
    for (const d of Object.values(deployments)) {
      for (const phase of [d.decode, d.prefill]) {
        const streams = Object.keys(phase.pipeline.streams)
        for (const stream of Object.values(phase.pipeline.placement))
          expect(streams).toContain(stream)
        const shares = Object.values(phase.pipeline.streams).reduce((a, b) => a + b, 0)
        expect(shares).toBeCloseTo(1, 9)
        const chip = chips[systems[d.system].chip]
        expect(phase.experts.ranks).toBe(phase.chipsPerInstance * chip.devicesPerChip)
      }
    }
    // EP320: 256 routed + 32 redundant + 32 shared-expert copies, one per die ([CM] 4)
    const cm = deployments.cloudmatrix384.decode.experts
    expect(cm.ranks).toBe(
      256 +
        cm.redundantExperts +
        (cm.sharedExpert === 'every-rank' ? 0 : cm.sharedExpert.dedicatedRanks)
    )
  })
})
