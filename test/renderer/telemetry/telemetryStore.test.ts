import { describe, expect, it, vi } from 'vitest'
import { createFrame } from '../../../src/shared/frame'
import { TelemetryStore } from '../../../src/renderer/src/telemetry/telemetryStore'

const counts = { dies: 4, cpus: 2, links: 3 }

describe('TelemetryStore', () => {
  it('keeps the newest frame and tells listeners', () => {
    const store = new TelemetryStore(counts)
    const listener = vi.fn()
    const unsubscribe = store.onFrame(listener)
    const first = createFrame(0, 0, counts)
    first.dieCompute[1] = 0.25
    store.push(first.buffer)
    store.push(createFrame(1, 0.25, counts).buffer)
    expect(store.framesReceived).toBe(2)
    expect(store.version).toBe(2)
    expect(store.latest?.index).toBe(1)
    expect(store.hallFrame).toBe(store.latest)
    expect(listener).toHaveBeenCalledTimes(2)
    unsubscribe()
    store.push(createFrame(2, 0.5, counts).buffer)
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('rejects a frame made for another topology and keeps the last good one', () => {
    const store = new TelemetryStore(counts)
    store.push(createFrame(0, 0, counts).buffer)
    store.push(createFrame(1, 0.25, { ...counts, links: 4 }).buffer)
    expect(store.lastRejection).toMatch(/another topology/)
    store.push(new ArrayBuffer(8))
    expect(store.framesReceived).toBe(1)
    expect(store.framesRejected).toBe(2)
    expect(store.latest?.index).toBe(0)
    expect(store.lastRejection).toMatch(/too short/)
  })

  it('takes the KPIs of a system without parts, but gives the hall nothing to draw', () => {
    const store = new TelemetryStore(counts)
    store.push(createFrame(0, 1, counts).buffer)
    store.push(createFrame(0, 1, { dies: 0, cpus: 0, links: 0 }).buffer)
    expect(store.framesRejected).toBe(0)
    expect(store.latest?.counts.dies).toBe(0)
    expect(store.hallFrame).toBeNull()
  })

  it('keeps the last frame across a new run, but not as the new run’s progress', () => {
    const store = new TelemetryStore(counts)
    store.push(createFrame(9, 9, counts).buffer)
    store.beginRun()
    expect(store.latest?.index).toBe(9)
    expect(store.runLatest).toBeNull()
    store.push(createFrame(0, 1, counts).buffer)
    expect(store.runLatest?.simTimeS).toBe(1)
  })
})

describe('TelemetryStore when time goes backwards', () => {
  it('shows a frame older than the last one (a seek back) rather than ignoring it', () => {
    const store = new TelemetryStore(counts)
    store.push(createFrame(300, 300, counts).buffer)
    store.push(createFrame(30, 30, counts).buffer)
    expect(store.latest?.simTimeS).toBe(30)
    expect(store.hallFrame?.index).toBe(30)
    expect(store.framesReceived).toBe(2)
    expect(store.version).toBe(2)
  })

  it('keeps replay frames out of the live run’s progress, and puts the live frame back after', () => {
    const store = new TelemetryStore(counts)
    const listener = vi.fn()
    store.onFrame(listener)
    store.push(createFrame(120, 120, counts).buffer)
    store.beginReplay()
    store.push(createFrame(500, 500, counts).buffer)
    store.push(createFrame(10, 10, counts).buffer)
    expect(store.latest?.simTimeS).toBe(10)
    expect(store.runLatest?.simTimeS).toBe(120)

    listener.mockClear()
    const version = store.version
    store.endReplay()
    expect(store.latest?.simTimeS).toBe(120)
    expect(store.hallFrame?.simTimeS).toBe(120)
    // the hall repaints with the live frame
    expect(store.version).toBe(version + 1)
    expect(listener).toHaveBeenCalledTimes(1)
    // a second close changes nothing
    store.endReplay()
    expect(store.version).toBe(version + 1)
  })

  it('shows nothing after a replay when the live run had no frame yet', () => {
    const store = new TelemetryStore(counts)
    store.beginReplay()
    store.push(createFrame(5, 5, counts).buffer)
    store.endReplay()
    expect(store.latest).toBeNull()
    expect(store.hallFrame).toBeNull()
  })

  it('treats frames as the new run’s once a run starts during a replay', () => {
    const store = new TelemetryStore(counts)
    store.push(createFrame(50, 50, counts).buffer)
    store.beginReplay()
    store.push(createFrame(400, 400, counts).buffer)
    store.beginRun()
    // the replay's frame stays on screen until the new run's first arrives
    expect(store.latest?.simTimeS).toBe(400)
    store.push(createFrame(0, 1, counts).buffer)
    expect(store.runLatest?.simTimeS).toBe(1)
    // the replay's close, arriving after, does not bring back the old run's frame
    store.endReplay()
    expect(store.latest?.simTimeS).toBe(1)
  })
})
