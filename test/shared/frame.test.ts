import { describe, expect, it } from 'vitest'
import { frameCountsOf } from '../../src/engine/telemetry/frameCounts'
import { getTopology } from '../../src/engine/topology'
import {
  createFrame,
  decodeFrame,
  DieRole,
  FRAME_HEADER_BYTES,
  frameByteLength,
  FrameFormatError,
  kpi,
  KPI_NAMES
} from '../../src/shared/frame'

const counts = { dies: 3, cpus: 2, links: 5 }

describe('telemetry frame layout v2', () => {
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

  it('carries expert load, placement and KPIs, with NaN for KPIs nobody wrote', () => {
    const frame = createFrame(1, 2, { ...counts, experts: 4, slots: 5 })
    frame.expertLoad.set([0.5, 1, 1.5, 1])
    frame.slotExpert.set([0, 1, 2, 3, 0])
    frame.slotDie.set([0, 1, 2, 0, -1])
    frame.kpis[KPI_NAMES.indexOf('ttftP99Ms')] = 812.5
    const view = decodeFrame(frame.buffer, counts)
    expect(Array.from(view.expertLoad)).toEqual([0.5, 1, 1.5, 1])
    expect(Array.from(view.slotDie)).toEqual([0, 1, 2, 0, -1])
    expect(kpi(view, 'ttftP99Ms')).toBe(812.5)
    expect(kpi(view, 'powerKW')).toBeNaN()
    expect(view.kpis.length).toBe(KPI_NAMES.length)
  })

  it('sizes a frame from the counts, sections aligned, and stays under 64 KB for CloudMatrix384', () => {
    // header, 3 dies x 3 f32 + 2 cpus + 5 links (f32), no experts or slots, KPIs (f64, 8-aligned), roles
    const kpiStart = Math.ceil((FRAME_HEADER_BYTES + 4 * (9 + 2 + 5)) / 8) * 8
    expect(frameByteLength(counts)).toBe(Math.ceil((kpiStart + 8 * KPI_NAMES.length + 3) / 8) * 8)
    const cm = { ...frameCountsOf(getTopology('cloudmatrix384')), experts: 256, slots: 320 }
    expect(frameByteLength(cm) % 8).toBe(0)
    expect(frameByteLength(cm)).toBeLessThan(64 * 1024)
  })

  it('rejects what is not a frame of this layout, naming why', () => {
    const good = createFrame(0, 0, counts).buffer
    expect(() => decodeFrame(new ArrayBuffer(8))).toThrow(/too short/)
    const wrongMagic = good.slice(0)
    new DataView(wrongMagic).setUint32(0, 1, true)
    expect(() => decodeFrame(wrongMagic)).toThrow(/not a telemetry frame/)
    const newer = good.slice(0)
    new DataView(newer).setUint16(4, 3, true)
    expect(() => decodeFrame(newer)).toThrow(/version 3 is not supported/)
    expect(() => decodeFrame(good.slice(0, good.byteLength - 4))).toThrow(/does not match/)
    expect(() => decodeFrame(good, { ...counts, links: 6 })).toThrow(FrameFormatError)
  })
})
