import { afterEach, describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import { frameCountsOf } from '../../../src/engine/telemetry/frameCounts'
import type { RunStatus } from '../../../src/shared/api'
import { decodeFrame, DieRole, kpi } from '../../../src/shared/frame'
import { nextFrames, runHost, smallRun, workers } from '../../fixtures/runs'
import { RunHost } from '../../../src/main/services/runHost'
import { workerFromSource } from '../../../src/main/worker/fromSource'
import { patternMismatch } from '../../fixtures/patternFrames'

const counts = frameCountsOf(getTopology('cloudmatrix384'))
let host: RunHost | null = null
afterEach(async () => {
  await host?.dispose()
  host = null
})

function waitForStatus(h: RunHost, state: RunStatus['state']): Promise<RunStatus> {
  return new Promise((resolve) => {
    const off = h.onStatus((status) => {
      if (status.state === state) {
        off()
        resolve(status)
      }
    })
  })
}

describe('RunHost', () => {
  it('runs the serving simulation in the real worker and streams its frames to the end', async () => {
    host = runHost('real')
    const finished = waitForStatus(host, 'finished')
    const status = host.start(smallRun(5))
    expect(status).toMatchObject({
      state: 'running',
      system: 'cloudmatrix384',
      scenarioName: 'fixture run',
      durationS: 5,
      framesSent: 0
    })
    const frames = await nextFrames(host, 5)
    const views = frames.map((f) => decodeFrame(f, counts))
    expect(views.map((v) => v.simTimeS)).toEqual([1, 2, 3, 4, 5])
    expect(views[4]!.dieRole.filter((r) => r === DieRole.decode).length).toBe(320)
    expect(kpi(views[4]!, 'requestsArrived')).toBeGreaterThan(100)
    const done = await finished
    expect(done.summary?.requests.arrived).toBe(kpi(views[4]!, 'requestsArrived'))
    expect(done.simTimeS).toBe(5)
  })

  it('delivers fixture frames byte for byte, in order, from the worker', async () => {
    host = runHost('pattern')
    host.start(smallRun(5))
    const frames = await nextFrames(host, 5)
    frames.forEach((frame, k) => expect(patternMismatch(decodeFrame(frame, counts), k)).toBeNull())
  })

  it('paces a run at its speed, pauses, resumes and stops', async () => {
    host = runHost('pattern')
    host.start(smallRun(1000, 20)) // 20 simulated seconds per wall second: a frame every 50 ms
    await nextFrames(host, 2)
    expect(host.pause().state).toBe('paused')
    let during = 0
    const off = host.onFrame(() => during++)
    await new Promise((r) => setTimeout(r, 300))
    expect(during).toBeLessThanOrEqual(1) // at most the frame already in flight
    expect(host.resume().state).toBe('running')
    await nextFrames(host, 2)
    expect(host.stop().state).toBe('stopped')
    const after = during
    await new Promise((r) => setTimeout(r, 200))
    off()
    expect(during - after).toBeLessThanOrEqual(1)
  })

  it('reports the run’s events and starts each run afresh', async () => {
    host = runHost('pattern')
    const first = host.start(smallRun(5))
    await nextFrames(host, 3)
    await new Promise((r) => setTimeout(r, 50))
    expect(host.status().events).toEqual([
      expect.objectContaining({ kind: 'slow-chip', message: 'fixture event' })
    ])
    const second = host.start(smallRun(5))
    expect(second.runId).not.toBe(first.runId)
    expect(second.events).toEqual([])
    const [frame] = await nextFrames(host, 1)
    expect(decodeFrame(frame!).index).toBe(0)
  })

  it('fails the run when the worker dies, then recovers with a new worker', async () => {
    host = runHost('crashing')
    const failed = waitForStatus(host, 'failed')
    host.start(smallRun(10))
    const status = await failed
    expect(status.error).toMatch(/exited with code 3/)
    expect(status.framesSent).toBe(2)
    host.start(smallRun(10))
    expect(host.status().state).toBe('running')
    await nextFrames(host, 2)
  })

  it('tells its owner when a saved run is lost with its worker, so the library can mark it', async () => {
    const lost: [string, string][] = []
    host = new RunHost({
      ...workerFromSource(workers.crashing),
      library: { path: '/unused/by/the/crashing/worker.sqlite' },
      onLost: (runId, reason) => lost.push([runId, reason])
    })
    const failed = waitForStatus(host, 'failed')
    const started = host.start({ ...smallRun(10), saveAs: 'lost run' })
    expect(started.saved).toBe(true)
    await failed
    expect(lost).toEqual([[started.runId, 'engine worker exited with code 3']])
    // an unsaved run has nothing in the library to mark
    const again = waitForStatus(host, 'failed')
    host.start(smallRun(10))
    await again
    expect(lost).toHaveLength(1)
  })
})
