import { describe, expect, it } from 'vitest'
import {
  cameraTarget,
  nodeOf,
  partId,
  positionWords,
  rackOf,
  showPart
} from '../../../src/renderer/src/view/parts'
import { ViewState } from '../../../src/renderer/src/view/viewState'
import { topology } from '../fakeTwin'

const find = <T extends { id: string }>(list: T[], id: string): T => list.find((p) => p.id === id)!

const die = find(topology.dies, 'node-05.npu-3.die-1')
const l2 = find(topology.l2Switches, 'plane-2.l2-07')
const uplink = find(topology.links, 'node-00.l1-2>plane-2.l2-07')

describe('parts', () => {
  it('names a part and finds its node and rack', () => {
    expect(partId(topology, { kind: 'die', index: die.index })).toBe('node-05.npu-3.die-1')
    expect(partId(topology, { kind: 'die', index: 99_999 })).toBeNull()
    expect(nodeOf(topology, { kind: 'die', index: die.index })).toBe(5)
    expect(rackOf(topology, { kind: 'die', index: die.index })).toBe(1) // 4 nodes a rack
    expect(rackOf(topology, { kind: 'l2Switch', index: l2.index })).toBe(l2.rack)
    expect(nodeOf(topology, { kind: 'l2Switch', index: l2.index })).toBeNull()
    expect(nodeOf(topology, { kind: 'link', index: uplink.index })).toBe(0)
  })

  it('sends the camera to the node, rack or network that shows a part', () => {
    expect(cameraTarget(topology, { kind: 'die', index: die.index })).toEqual({
      preset: 'node',
      part: { kind: 'node', index: 5 }
    })
    expect(cameraTarget(topology, { kind: 'cpu', index: 21 })).toEqual({
      preset: 'node',
      part: { kind: 'node', index: topology.cpus[21]!.node }
    })
    expect(cameraTarget(topology, { kind: 'l2Switch', index: l2.index })).toEqual({
      preset: 'rack',
      part: { kind: 'rack', index: l2.rack }
    })
    expect(cameraTarget(topology, { kind: 'rack', index: 3 })).toEqual({
      preset: 'rack',
      part: { kind: 'rack', index: 3 }
    })
    const link = { kind: 'link', index: uplink.index } as const
    expect(cameraTarget(topology, link)).toEqual({ preset: 'network', part: link })
  })

  it('says where a part is in words', () => {
    expect(positionWords(topology, { kind: 'die', index: die.index })).toBe(
      'die 1 of NPU 3 in node-05, 2nd from the bottom node of rack-01'
    )
    expect(positionWords(topology, { kind: 'rack', index: 12 })).toMatch(/^communication rack/)
    expect(positionWords(topology, { kind: 'link', index: uplink.index })).toBe(
      'node-00.l1-2 to plane-2.l2-07'
    )
  })

  it('shows a part: selects it and flies to it', () => {
    const view = new ViewState()
    showPart(view, topology, { kind: 'die', index: die.index })
    expect(view.get().selected).toEqual({ kind: 'die', index: die.index })
    expect(view.get().camera).toMatchObject({ preset: 'node', part: { kind: 'node', index: 5 } })
  })
})
