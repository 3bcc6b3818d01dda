import { describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import { AISLE_CLEARANCE, AISLE_WIDTH, RACK } from '../../../src/renderer/src/scene/dimensions'
import { type PartLayout, buildHallLayout } from '../../../src/renderer/src/scene/layout'

const topology = getTopology('cloudmatrix384')
const layout = buildHallLayout(topology)

const parts: [string, PartLayout, number][] = [
  ['racks', layout.racks, topology.racks.length],
  ['nodes', layout.nodes, topology.nodes.length],
  ['dies', layout.dies, topology.dies.length],
  ['cpus', layout.cpus, topology.cpus.length],
  ['l1Switches', layout.l1Switches, topology.l1Switches.length],
  ['l2Switches', layout.l2Switches, topology.l2Switches.length],
  ['shelves', layout.shelves, 4 * topology.subPlanes]
]

const center = (p: PartLayout, i: number): [number, number, number] => [
  p.centers[i * 3]!,
  p.centers[i * 3 + 1]!,
  p.centers[i * 3 + 2]!
]

/** boxes touching face to face are fine; only a real overlap counts */
function overlaps(p: PartLayout, i: number, j: number): boolean {
  const a = center(p, i)
  const b = center(p, j)
  return [0, 1, 2].every((k) => Math.abs(a[k]! - b[k]!) < p.size[k]! - 1e-6)
}

describe('hall layout', () => {
  it('has one box per topology entity', () => {
    for (const [, part, count] of parts) {
      expect(part.count).toBe(count)
      expect(part.centers.length).toBe(count * 3)
    }
    expect(layout.racks.count).toBe(16)
    expect(layout.dies.count).toBe(768)
    expect(layout.l2Switches.count).toBe(112)
  })

  it('gives every part a distinct, finite position, and no two parts of a kind overlap', () => {
    for (const [name, part] of parts) {
      const keys = new Set<string>()
      for (let i = 0; i < part.count; i++) {
        const c = center(part, i)
        expect(c.every(Number.isFinite), `${name} ${i}`).toBe(true)
        keys.add(c.map((v) => v.toFixed(4)).join(','))
      }
      expect(keys.size, name).toBe(part.count)
      for (let i = 0; i < part.count; i++) {
        for (let j = i + 1; j < part.count; j++) {
          if (overlaps(part, i, j)) expect.fail(`${name} ${i} overlaps ${name} ${j}`)
        }
      }
    }
  })

  it('puts two rows of eight racks on either side of the aisle, in topology floor order', () => {
    for (const rack of topology.racks) {
      const [x, , z] = center(layout.racks, rack.index)
      const p = layout.placements[rack.index]!
      expect(p.row).toBe(rack.row)
      expect(Math.sign(z)).toBe(rack.row === 0 ? -1 : 1)
      for (const other of topology.racks) {
        if (other.row === rack.row && other.column > rack.column) {
          expect(center(layout.racks, other.index)[0]).toBeGreaterThan(x + RACK.width)
        }
      }
    }
    expect(layout.racks.size[1]).toBe(RACK.height)
    const communicationColumns = new Set(
      topology.racks.filter((r) => r.kind === 'communication').map((r) => r.column)
    )
    expect([...communicationColumns].sort()).toEqual([3, 4])
  })

  it('keeps racks, nodes and chips out of the aisle, and trays above head height', () => {
    for (const [name, part] of parts) {
      for (let i = 0; i < part.count; i++) {
        const z = center(part, i)[2]
        expect(Math.abs(z) - part.size[2] / 2, `${name} ${i}`).toBeGreaterThanOrEqual(
          AISLE_WIDTH / 2 - 1e-6
        )
      }
    }
    const { trays } = layout
    for (let i = 0; i < trays.count; i++) {
      const bottom = trays.centers[i * 3 + 1]! - trays.sizes[i * 3 + 1]! / 2
      expect(bottom).toBeGreaterThan(AISLE_CLEARANCE)
    }
  })

  it('places each node inside its rack, its chips on its own front, and L2 chips in their rack', () => {
    const inside = (c: number[], rackIndex: number): boolean => {
      const r = center(layout.racks, rackIndex)
      const p = layout.placements[rackIndex]!
      const depthSpan = [p.frontZ, p.frontZ - p.facing * RACK.depth].sort((a, b) => a - b)
      return (
        Math.abs(c[0]! - r[0]) <= RACK.width / 2 &&
        c[1]! >= 0 &&
        c[1]! <= RACK.height &&
        c[2]! >= depthSpan[0]! &&
        c[2]! <= depthSpan[1]!
      )
    }
    for (const node of topology.nodes) {
      expect(inside(center(layout.nodes, node.index), node.rack)).toBe(true)
    }
    const nodeHalf = layout.nodes.size.map((s) => s / 2)
    const onNode = (c: number[], node: number): boolean => {
      const n = center(layout.nodes, node)
      return Math.abs(c[0]! - n[0]) <= nodeHalf[0]! && Math.abs(c[1]! - n[1]) <= nodeHalf[1]!
    }
    for (const die of topology.dies)
      expect(onNode(center(layout.dies, die.index), die.node)).toBe(true)
    for (const cpu of topology.cpus)
      expect(onNode(center(layout.cpus, cpu.index), cpu.node)).toBe(true)
    for (const l1 of topology.l1Switches) {
      expect(onNode(center(layout.l1Switches, l1.index), l1.node)).toBe(true)
    }
    for (const l2 of topology.l2Switches) {
      expect(inside(center(layout.l2Switches, l2.index), l2.rack)).toBe(true)
    }
  })

  it('stacks nodes bottom to top by slot and keeps the two dies of an NPU together', () => {
    for (const node of topology.nodes.filter((n) => n.slot > 0)) {
      const below = topology.nodes.find((n) => n.rack === node.rack && n.slot === node.slot - 1)!
      expect(center(layout.nodes, node.index)[1]).toBeGreaterThan(
        center(layout.nodes, below.index)[1]
      )
    }
    const pairs = new Map<number, number[]>()
    for (const die of topology.dies) pairs.set(die.npu, [...(pairs.get(die.npu) ?? []), die.index])
    for (const [, [a, b]] of pairs) {
      expect(center(layout.dies, a!)[0]).toBeCloseTo(center(layout.dies, b!)[0], 6)
    }
  })
})
