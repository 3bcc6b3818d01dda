import { describe, expect, it } from 'vitest'
import { countTopology, getTopology } from '../../../src/engine/topology'

const topology = getTopology('cloudmatrix384')

describe('CloudMatrix384 topology', () => {
  it('has the published part and link counts', () => {
    expect(countTopology(topology)).toEqual({
      racks: 16,
      computeRacks: 12,
      communicationRacks: 4,
      nodes: 48,
      npus: 384,
      dies: 768,
      cpus: 192,
      l1Switches: 336,
      l2Switches: 112,
      ubLinks: 5376,
      dieLinks: 5376,
      rdmaLinks: 384,
      vpcLinks: 48,
      links: 5376 + 5376 + 384 + 48
    })
  })

  it('gives every entity a unique id and a dense index equal to its position', () => {
    const kinds = [
      topology.racks,
      topology.nodes,
      topology.npus,
      topology.dies,
      topology.cpus,
      topology.l1Switches,
      topology.l2Switches,
      topology.links
    ]
    const allIds = new Set<string>()
    for (const list of kinds) {
      list.forEach((entity, position) => {
        expect(entity.index).toBe(position)
        expect(allIds.has(entity.id)).toBe(false)
        allIds.add(entity.id)
      })
    }
  })

  it('puts 4 nodes in each compute rack and none in the communication racks', () => {
    for (const rack of topology.racks) {
      const nodes = topology.nodes.filter((n) => n.rack === rack.index)
      expect(nodes.length).toBe(rack.kind === 'compute' ? 4 : 0)
    }
  })

  it('places the 16 racks on distinct floor spots, communication racks mid-row', () => {
    const spots = new Set(topology.racks.map((r) => `${r.row}:${r.column}`))
    expect(spots.size).toBe(16)
    const communication = topology.racks.filter((r) => r.kind === 'communication')
    expect(communication.map((r) => r.column).sort()).toEqual([3, 3, 4, 4])
  })

  it('wires L1 chip i of every node to each of the 16 L2 chips of sub-plane i, once', () => {
    const ub = topology.links.filter((l) => l.kind === 'l1-l2')
    const pairs = new Set<string>()
    for (const link of ub) {
      const l1 = topology.l1Switches[link.from.index]!
      const l2 = topology.l2Switches[link.to.index]!
      expect(link.from.kind).toBe('l1')
      expect(link.to.kind).toBe('l2')
      expect(l2.subPlane).toBe(l1.subPlane)
      pairs.add(`${l1.index}-${l2.index}`)
    }
    expect(pairs.size).toBe(5376)
    // every L2 chip uses all 48 of its ports: one per node
    for (const l2 of topology.l2Switches) {
      const nodes = new Set(
        ub
          .filter((l) => l.to.index === l2.index)
          .map((l) => topology.l1Switches[l.from.index]!.node)
      )
      expect(nodes.size).toBe(48)
    }
  })

  it('is non-blocking: each L1 chip has as much bandwidth up as down', () => {
    for (const l1 of topology.l1Switches.slice(0, 7)) {
      const up = topology.links.filter((l) => l.kind === 'l1-l2' && l.from.index === l1.index)
      const down = topology.links.filter((l) => l.kind === 'die-l1' && l.to.index === l1.index)
      const sum = (links: typeof up): number => links.reduce((s, l) => s + l.gbPerSecond, 0)
      expect(sum(up)).toBe(448)
      expect(sum(down)).toBe(448)
    }
  })

  it('gives each die one link to each of its node L1 chips (7 x 28 GB/s = 196 GB/s)', () => {
    const die = topology.dies[37]!
    const links = topology.links.filter((l) => l.kind === 'die-l1' && l.from.index === die.index)
    expect(links.length).toBe(7)
    expect(links.reduce((s, l) => s + l.gbPerSecond, 0)).toBe(196)
    for (const link of links) expect(topology.l1Switches[link.to.index]!.node).toBe(die.node)
  })

  it('spreads every sub-plane evenly over the 4 communication racks', () => {
    for (let plane = 0; plane < 7; plane++) {
      const racks = topology.l2Switches.filter((s) => s.subPlane === plane).map((s) => s.rack)
      for (const rack of new Set(racks)) expect(racks.filter((r) => r === rack).length).toBe(4)
      expect(new Set(racks).size).toBe(4)
    }
  })

  it('keeps ids stable (they are how users and saved runs name parts)', () => {
    expect(topology.dies[0]!.id).toBe('node-00.npu-0.die-0')
    expect(topology.dies[767]!.id).toBe('node-47.npu-7.die-1')
    expect(topology.l2Switches[111]!.id).toBe('plane-6.l2-15')
    expect(topology.links[5376]!.id).toBe('node-00.l1-0>plane-0.l2-00')
    expect(topology.links.at(-1)!.id).toBe('node-47>vpc')
  })
})
