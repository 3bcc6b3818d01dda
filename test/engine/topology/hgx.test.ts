import { describe, expect, it } from 'vitest'
import {
  countTopology,
  getTopology,
  hasTopology,
  TopologyUnavailableError
} from '../../../src/engine/topology'
import type { Topology } from '../../../src/engine/topology'

const h800 = getTopology('h800-deepseek')
const h100 = getTopology('h100-sglang')

describe('HGX cluster topologies', () => {
  it.each([
    // 160 GPUs / 8 = 20 nodes, 4 drawn per rack = 5 racks
    [h800, { racks: 5, nodes: 20, gpus: 160 }],
    // 104 GPUs / 8 = 13 nodes = 4 racks, the last holding one node
    [h100, { racks: 4, nodes: 13, gpus: 104 }]
  ] as [Topology, { racks: number; nodes: number; gpus: number }][])(
    '%# has one die per GPU, one NVSwitch fabric per node, no CPUs and no L2 tier',
    (t, n) => {
      expect(countTopology(t)).toEqual({
        racks: n.racks,
        computeRacks: n.racks,
        communicationRacks: 0,
        nodes: n.nodes,
        npus: n.gpus,
        dies: n.gpus,
        cpus: 0,
        l1Switches: n.nodes,
        l2Switches: 0,
        ubLinks: 0,
        dieLinks: n.gpus,
        rdmaLinks: n.gpus,
        vpcLinks: n.nodes,
        links: 2 * n.gpus + n.nodes
      })
      expect(t.subPlanes).toBe(1)
    }
  )

  it.each([h800, h100])('gives every entity a unique id and a dense index', (t) => {
    const ids = new Set<string>()
    for (const list of [t.racks, t.nodes, t.npus, t.dies, t.l1Switches, t.links]) {
      list.forEach((entity, position) => {
        expect(entity.index).toBe(position)
        expect(ids.has(entity.id)).toBe(false)
        ids.add(entity.id)
      })
    }
  })

  it.each([h800, h100])('keeps die index == GPU index == the serving plan device index', (t) => {
    t.dies.forEach((die, i) => {
      expect(die.npu).toBe(i)
      expect(die.slot).toBe(0)
      const gpu = t.npus[i]!
      expect(die.node).toBe(gpu.node)
      // plan.ts: device = chip * devicesPerChip + slot, chips filling nodes of 8 in order
      expect(gpu.node * 8 + gpu.slot).toBe(i)
    })
  })

  it('orders links die-l1, rdma, vpc and wires each to the right part', () => {
    const kinds = h800.links.map((l) => l.kind)
    expect(kinds.slice(0, 160).every((k) => k === 'die-l1')).toBe(true)
    expect(kinds.slice(160, 320).every((k) => k === 'rdma')).toBe(true)
    expect(kinds.slice(320).every((k) => k === 'vpc')).toBe(true)
    for (const link of h800.links) {
      if (link.kind === 'die-l1') {
        expect(link.from.kind).toBe('die')
        expect(link.to.kind).toBe('l1')
        expect(h800.l1Switches[link.to.index]!.node).toBe(h800.dies[link.from.index]!.node)
      } else if (link.kind === 'rdma') {
        expect(link.from.kind).toBe('npu')
        expect(link.to).toEqual({ kind: 'plane', index: 0 })
      } else {
        expect(link.from.kind).toBe('node')
        expect(link.to).toEqual({ kind: 'plane', index: 1 })
      }
    }
  })

  it('carries the catalog link bandwidths: NVLink per GPU and one 400 Gb/s CX7 per GPU', () => {
    const bandwidth = (t: Topology, kind: string): number[] => [
      ...new Set(t.links.filter((l) => l.kind === kind).map((l) => l.gbPerSecond))
    ]
    expect(bandwidth(h800, 'die-l1')).toEqual([200])
    expect(bandwidth(h100, 'die-l1')).toEqual([450])
    expect(bandwidth(h800, 'rdma')).toEqual([50])
    expect(bandwidth(h100, 'rdma')).toEqual([50])
  })

  it.each([h800, h100])('puts up to 4 nodes in each rack, racks in two rows from column 0', (t) => {
    for (const rack of t.racks) {
      const nodes = t.nodes.filter((n) => n.rack === rack.index)
      expect(nodes.length).toBeGreaterThan(0)
      expect(nodes.length).toBeLessThanOrEqual(4)
      expect(nodes.map((n) => n.slot)).toEqual(nodes.map((_, i) => i))
      expect([0, 1]).toContain(rack.row)
    }
    for (const row of [0, 1]) {
      const columns = t.racks.filter((r) => r.row === row).map((r) => r.column)
      expect(columns).toEqual(columns.map((_, i) => i))
    }
    expect(new Set(t.racks.map((r) => `${r.row}:${r.column}`)).size).toBe(t.racks.length)
  })

  it('keeps ids stable (they are how users and saved runs name parts)', () => {
    expect(h800.dies[0]!.id).toBe('node-00.gpu-0.die-0')
    expect(h800.dies[159]!.id).toBe('node-19.gpu-7.die-0')
    expect(h800.links[0]!.id).toBe('node-00.gpu-0.die-0>nvswitch')
    expect(h800.links.at(-1)!.id).toBe('node-19>vpc')
  })

  it('leaves GB200 NVL72 without a topology, and says which systems have one', () => {
    expect(hasTopology('h800-deepseek')).toBe(true)
    expect(hasTopology('h100-sglang')).toBe(true)
    expect(hasTopology('gb200-nvl72')).toBe(false)
    expect(() => getTopology('gb200-nvl72')).toThrow(TopologyUnavailableError)
    expect(() => getTopology('gb200-nvl72')).toThrow(
      /only cloudmatrix384, h800-deepseek, h100-sglang have one/
    )
  })
})
