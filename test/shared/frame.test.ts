import { describe, expect, it } from 'vitest'
import { restingFrames, frameCountsOf } from '../../src/engine/telemetry/frameSource'
import { getTopology } from '../../src/engine/topology'
import {
  createFrame,
  decodeFrame,
  DieRole,
  FRAME_HEADER_BYTES,
  frameByteLength,
  FrameFormatError
} from '../../src/shared/frame'

const counts = { dies: 3, cpus: 2, links: 5 }

describe('telemetry frame layout v1', () => {
  it('round-trips every section without copying', () => {
    const frame = createFrame(42, 12.5, counts)
    frame.dieCompute.set([0.1, 0.5, 1])
    frame.dieHbmBandwidth.set([0.2, 0.3, 0.4])
    frame.dieHbmUsedGB.set([60, 61, 62])
    frame.cpuUtilization.set([0.7, 0.8])
    frame.linkUtilization.set([0, 0.25, 0.5, 0.75, 1])
    frame.dieRole.set([DieRole.prefill, DieRole.decode, DieRole.failed])

    const view = decodeFrame(frame.buffer, counts)
    expect(view.index).toBe(42)
    expect(view.simTimeS).toBe(12.5)
    expect(Array.from(view.dieCompute)).toEqual([0.1, 0.5, 1].map(Math.fround))
    expect(Array.from(view.dieHbmUsedGB)).toEqual([60, 61, 62])
    expect(Array.from(view.linkUtilization)).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(Array.from(view.dieRole)).toEqual([1, 2, 4])
    expect(view.dieCompute.buffer).toBe(frame.buffer)
  })

  it('sizes a frame from the counts, 4-byte aligned', () => {
    // 3 dies x 3 f32 sections + 2 cpus + 5 links, then 3 role bytes padded to 4
    expect(frameByteLength(counts)).toBe(FRAME_HEADER_BYTES + 4 * (9 + 2 + 5) + 4)
    const cm = frameCountsOf(getTopology('cloudmatrix384'))
    expect(frameByteLength(cm) % 4).toBe(0)
  })

  it('rejects what is not a frame of this layout, naming why', () => {
    const good = createFrame(0, 0, counts).buffer
    expect(() => decodeFrame(new ArrayBuffer(8))).toThrow(/too short/)
    const wrongMagic = good.slice(0)
    new DataView(wrongMagic).setUint32(0, 1, true)
    expect(() => decodeFrame(wrongMagic)).toThrow(/not a telemetry frame/)
    const newer = good.slice(0)
    new DataView(newer).setUint16(4, 2, true)
    expect(() => decodeFrame(newer)).toThrow(/version 2 is not supported/)
    expect(() => decodeFrame(good.slice(0, good.byteLength - 4))).toThrow(/does not match/)
    expect(() => decodeFrame(good, { ...counts, links: 6 })).toThrow(FrameFormatError)
  })

  it('resting frames show the powered, empty supernode: every die idle, nothing moving', () => {
    const topology = getTopology('cloudmatrix384')
    const source = restingFrames(topology, 1)
    source.next()
    const view = decodeFrame(source.next(), frameCountsOf(topology))
    expect(view.index).toBe(1)
    expect(view.simTimeS).toBe(1)
    expect(view.dieRole.every((r) => r === DieRole.idle)).toBe(true)
    expect(view.dieCompute.every((u) => u === 0)).toBe(true)
    expect(view.linkUtilization.length).toBe(topology.links.length)
  })
})
