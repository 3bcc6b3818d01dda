import { describe, expect, it } from 'vitest'
import {
  KPI_INDEX,
  KPI_NAMES,
  type KpiName,
  createFrame,
  decodeFrame
} from '../../../src/shared/frame'
import { KpiHistory } from '../../../src/renderer/src/telemetry/kpiHistory'
import { TelemetryStore } from '../../../src/renderer/src/telemetry/telemetryStore'

const counts = { dies: 4, cpus: 2, links: 3 }

function frame(index: number, simTimeS: number, kpis: Partial<Record<KpiName, number>> = {}) {
  const made = createFrame(index, simTimeS, counts)
  for (const [name, value] of Object.entries(kpis)) made.kpis[KPI_INDEX[name as KpiName]] = value
  return made
}

describe('KPI history (the live charts’ ring buffer)', () => {
  it('keeps KPI columns in time order', () => {
    const history = new KpiHistory(8)
    for (let i = 0; i < 3; i++)
      history.push(frame(i, i * 2, { powerKW: 100 + i, ttftP50Ms: 10 * i }))
    expect(history.length).toBe(3)
    expect(history.columns(['powerKW', 'ttftP50Ms'])).toEqual({
      timesS: [0, 2, 4],
      kpis: { powerKW: [100, 101, 102], ttftP50Ms: [0, 10, 20] }
    })
    // all KPIs when none are named
    expect(Object.keys(history.columns().kpis)).toEqual([...KPI_NAMES])
  })

  it('drops the oldest once full, and still reads oldest first', () => {
    const history = new KpiHistory(4)
    for (let i = 0; i < 10; i++) history.push(frame(i, i, { outputTokensPerS: i * 1000 }))
    expect(history.length).toBe(4)
    expect(history.columns(['outputTokensPerS'])).toEqual({
      timesS: [6, 7, 8, 9],
      kpis: { outputTokensPerS: [6000, 7000, 8000, 9000] }
    })
    expect(history.lastTimeS).toBe(9)
  })

  it('starts over with a new run: a first frame, or time going back', () => {
    const history = new KpiHistory(8)
    history.push(frame(5, 5))
    history.push(frame(6, 6))
    history.push(frame(0, 0, { powerKW: 7 }))
    expect(history.columns(['powerKW'])).toEqual({ timesS: [0], kpis: { powerKW: [7] } })
    history.push(frame(1, 1))
    history.push(frame(9, 0.5))
    expect(history.columns([]).timesS).toEqual([0.5])
  })

  it('bumps its version on every change, so readers skip what they have', () => {
    const history = new KpiHistory(8)
    const v0 = history.version
    history.push(frame(1, 1))
    expect(history.version).toBe(v0 + 1)
    history.clear()
    expect(history.version).toBe(v0 + 2)
    history.clear()
    expect(history.version).toBe(v0 + 2)
  })

  it('treats KPIs a frame does not carry as unknown (NaN), never as an older frame’s values', () => {
    const history = new KpiHistory(2)
    history.push(frame(1, 1, { decodeStepMs: 21 }))
    history.push(frame(2, 2, { decodeStepMs: 22 }))
    // a frame from an older writer, with fewer KPIs, overwrites the first slot
    const short = createFrame(3, 3, { ...counts, kpis: 3 })
    history.push(decodeFrame(short.buffer))
    expect(history.columns(['decodeStepMs']).kpis.decodeStepMs).toEqual([22, NaN])
  })
})

describe('the telemetry store’s history', () => {
  it('records the live run’s frames, never a replay’s, and begins anew with a run', () => {
    const store = new TelemetryStore(counts, 16)
    store.push(frame(1, 1, { powerKW: 500 }).buffer)
    store.push(frame(2, 2, { powerKW: 510 }).buffer)
    store.beginReplay()
    store.push(frame(40, 40, { powerKW: 999 }).buffer)
    store.endReplay()
    expect(store.history.columns(['powerKW'])).toEqual({
      timesS: [1, 2],
      kpis: { powerKW: [500, 510] }
    })
    store.beginRun()
    expect(store.history.length).toBe(0)
    store.push(frame(0, 0, { powerKW: 1 }).buffer)
    expect(store.history.columns(['powerKW']).kpis.powerKW).toEqual([1])
  })
})
