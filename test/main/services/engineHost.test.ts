import { afterEach, describe, expect, it } from 'vitest'
import { countTopology, getTopology } from '../../../src/engine/topology'
import { frameCountsOf } from '../../../src/engine/telemetry/frameSource'
import type { EngineHost } from '../../../src/main/services/engineHost'
import type { EngineStatus } from '../../../src/shared/api'
import { decodeFrame, DieRole } from '../../../src/shared/frame'
import { engineHost, nextFrames } from '../../fixtures/engine'
import { patternMismatch } from '../../fixtures/patternFrames'

const counts = frameCountsOf(getTopology('cloudmatrix384'))
let host: EngineHost | null = null
afterEach(async () => {
  await host?.dispose()
  host = null
})

function waitForStatus(h: EngineHost, state: EngineStatus['state']): Promise<EngineStatus> {
  return new Promise((resolve) => {
    const off = h.onStatus((status) => {
      if (status.state === state) {
        off()
        resolve(status)
      }
    })
  })
}

describe('EngineHost', () => {
  it('runs the real engine worker and streams frames of the system topology', async () => {
    host = engineHost('real')
    const status = host.start('cloudmatrix384', 20)
    expect(status).toMatchObject({ state: 'running', system: 'cloudmatrix384', framesSent: 0 })
    const frames = await nextFrames(host, 3)
    const views = frames.map((f) => decodeFrame(f, counts))
    expect(views.map((v) => v.index)).toEqual([0, 1, 2])
    expect(views[2]!.dieRole.every((r) => r === DieRole.idle)).toBe(true)
    expect(views[0]!.counts.dies).toBe(countTopology(getTopology('cloudmatrix384')).dies)
    expect(host.status().framesSent).toBeGreaterThanOrEqual(3)
  })

  it('delivers fixture frames byte for byte, in order, from the worker', async () => {
    host = engineHost('pattern')
    host.start('cloudmatrix384', 20)
    const frames = await nextFrames(host, 5)
    frames.forEach((frame, k) => expect(patternMismatch(decodeFrame(frame, counts), k)).toBeNull())
  })

  it('stops streaming on stop and starts a fresh run on the next start', async () => {
    host = engineHost('pattern')
    const first = host.start('cloudmatrix384', 20)
    await nextFrames(host, 2)
    expect(host.stop().state).toBe('stopped')
    let late = 0
    const off = host.onFrame(() => late++)
    await new Promise((r) => setTimeout(r, 150))
    off()
    expect(late).toBe(0)
    const second = host.start('cloudmatrix384', 20)
    expect(second.runId).not.toBe(first.runId)
    const [frame] = await nextFrames(host, 1)
    expect(decodeFrame(frame!).index).toBe(0)
  })

  it('marks the run failed when the worker dies, then recovers with a new worker', async () => {
    host = engineHost('crashing')
    const failed = waitForStatus(host, 'failed')
    host.start('cloudmatrix384', 20)
    const status = await failed
    expect(status.error).toMatch(/exited with code 3/)
    expect(status.framesSent).toBe(2)
    host.start('cloudmatrix384', 20)
    expect(host.status().state).toBe('running')
    await nextFrames(host, 2)
  })
})
