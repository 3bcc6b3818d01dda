import { describe, expect, it } from 'vitest'
import { countTopology, getTopology } from '../../../src/engine/topology'
import { TelemetryStore } from '../../../src/renderer/src/telemetry/telemetryStore'
import { createFrame, KPI_INDEX } from '../../../src/shared/frame'

const countsOf = (system: 'cloudmatrix384' | 'h800-deepseek' | 'h100-sglang') => {
  const c = countTopology(getTopology(system))
  return { dies: c.dies, cpus: c.cpus, links: c.links }
}
const hall = countsOf('cloudmatrix384')
const h800 = countsOf('h800-deepseek')
const h100 = countsOf('h100-sglang')

/** a store as the session makes it: the hall's counts, the other topologies known */
function store(): TelemetryStore {
  const s = new TelemetryStore(hall)
  s.knowTopologies([h800, h100])
  return s
}

describe('TelemetryStore with several systems', () => {
  it('takes the KPIs of a run on an HGX cluster, though the hall does not draw its parts', () => {
    const s = store()
    const frame = createFrame(3, 3, h800)
    frame.kpis[KPI_INDEX.powerKW] = 120
    s.push(frame.buffer)
    expect(s.framesRejected).toBe(0)
    expect(s.latest?.kpis[KPI_INDEX.powerKW]).toBe(120)
    expect(s.runLatest?.simTimeS).toBe(3)
    expect(s.hallFrame).toBeNull()
  })

  it('replays an H800 run saved before its topology (no parts): KPIs shown, parts as no data', () => {
    const s = store()
    s.push(createFrame(0, 1, hall).buffer)
    s.beginReplay()
    const old = createFrame(5, 5, { dies: 0, cpus: 0, links: 0 })
    old.kpis[KPI_INDEX.outputTokensPerS] = 900
    s.push(old.buffer)
    expect(s.framesRejected).toBe(0)
    expect(s.latest?.simTimeS).toBe(5)
    expect(s.latest?.kpis[KPI_INDEX.outputTokensPerS]).toBe(900)
    expect(s.hallFrame).toBeNull()
    // and the same run saved now, with its 160 GPUs, replays too
    s.push(createFrame(6, 6, h800).buffer)
    expect(s.framesRejected).toBe(0)
    expect(s.latest?.counts.dies).toBe(160)
    s.endReplay()
    expect(s.hallFrame?.simTimeS).toBe(1)
  })

  it('draws another system’s frames once the hall is pointed at its topology', () => {
    const s = store()
    s.push(createFrame(0, 1, hall).buffer)
    s.beginReplay()
    s.push(createFrame(4, 4, h800).buffer)
    expect(s.hallFrame).toBeNull()
    const version = s.version
    // the hall switches to the H800's: the frame already shown becomes the hall's
    s.drawTopology(h800)
    expect(s.hallFrame?.simTimeS).toBe(4)
    expect(s.version).toBeGreaterThan(version)
    s.push(createFrame(5, 5, h800).buffer)
    expect(s.hallFrame?.simTimeS).toBe(5)
    // closing the replay puts the CM384 frame back: not the H800 hall's, until it switches back
    s.endReplay()
    expect(s.latest?.simTimeS).toBe(1)
    expect(s.hallFrame).toBeNull()
    s.drawTopology(hall)
    expect(s.hallFrame?.simTimeS).toBe(1)
    // a hall of no topology (a system without one) draws nothing, and frames still come in
    s.drawTopology(null)
    expect(s.hallFrame).toBeNull()
    s.push(createFrame(2, 2, hall).buffer)
    s.push(createFrame(3, 3, { dies: 0, cpus: 0, links: 0 }).buffer)
    expect(s.framesRejected).toBe(0)
    expect(s.hallFrame).toBeNull()
  })

  it('still rejects a frame of no known topology', () => {
    const s = store()
    s.push(createFrame(0, 0, { dies: 160, cpus: 0, links: 341 }).buffer)
    expect(s.framesRejected).toBe(1)
    expect(s.lastRejection).toMatch(/another topology/)
  })
})
