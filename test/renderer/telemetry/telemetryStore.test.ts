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
    expect(listener).toHaveBeenCalledTimes(2)
    unsubscribe()
    store.push(createFrame(2, 0.5, counts).buffer)
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('rejects a frame made for another topology and keeps the last good one', () => {
    const store = new TelemetryStore(counts)
    store.push(createFrame(0, 0, counts).buffer)
    store.push(createFrame(1, 0.25, { ...counts, links: 4 }).buffer)
    store.push(new ArrayBuffer(8))
    expect(store.framesReceived).toBe(1)
    expect(store.framesRejected).toBe(2)
    expect(store.latest?.index).toBe(0)
    expect(store.lastRejection).toMatch(/too short/)
  })
})
