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
