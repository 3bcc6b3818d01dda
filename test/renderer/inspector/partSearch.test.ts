import { describe, expect, it } from 'vitest'
import { buildPartIndex, searchParts } from '../../../src/renderer/src/inspector/partSearch'
import { topology } from '../fakeTwin'

const index = buildPartIndex(topology)
const ids = (query: string, limit?: number) =>
  searchParts(index, query, limit).entries.map((e) => e.id)

describe('part search', () => {
  it('indexes every part once', () => {
    const t = topology
    const parts =
      t.racks.length +
      t.nodes.length +
      t.dies.length +
      t.cpus.length +
      t.l1Switches.length +
      t.l2Switches.length +
      t.links.length
    expect(index).toHaveLength(parts)
    expect(new Set(index.map((e) => e.id)).size).toBe(parts)
  })

  it('puts the exact id first, then ids it starts, then the rest', () => {
    const found = ids('node-05.npu-3.die-1')
    expect(found[0]).toBe('node-05.npu-3.die-1')
    expect(found.slice(1).every((id) => id.startsWith('node-05.npu-3.die-1>'))).toBe(true)
  })

  it('matches any part of an id, in any case, and returns its part', () => {
    const { entries, total } = searchParts(index, '  NPU-3.DIE-1 ', 12)
    expect(entries[0]!.id).toBe('node-00.npu-3.die-1')
    expect(entries[0]!.part).toEqual({ kind: 'die', index: topology.dies[7]!.index })
    expect(entries).toHaveLength(12)
    // 48 dies, each with 7 die-L1 links
    expect(total).toBe(48 * 8)
    expect(ids('05.npu-3.die-1')[0]).toBe('node-05.npu-3.die-1')
  })

  it('ranks a segment that starts with the query over a match inside a segment', () => {
    // "l2-07" starts a segment of the L2 switch id and of the links to it
    const found = ids('l2-07', 200)
    expect(found[0]).toBe('plane-0.l2-07')
    const link = found.indexOf('node-00.l1-0>plane-0.l2-07')
    expect(link).toBeGreaterThan(0)
  })

  it('finds racks, switches and links by id', () => {
    expect(ids('rack-03')).toEqual(['rack-03'])
    expect(ids('node-00.l1-2>plane-2.l2-07')).toEqual(['node-00.l1-2>plane-2.l2-07'])
    expect(ids('>vpc', 100)).toHaveLength(48)
  })

  it('finds nothing for an empty query or an unknown id', () => {
    expect(searchParts(index, '   ').entries).toEqual([])
    expect(searchParts(index, 'xyz')).toEqual({ entries: [], total: 0 })
  })
})
