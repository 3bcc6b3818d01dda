import { describe, expect, it } from 'vitest'
import type { RunStatus, TwinApi, TwinEvent } from '../../../src/shared/api'
import { RunController } from '../../../src/renderer/src/session/runController'
import { TelemetryStore } from '../../../src/renderer/src/telemetry/telemetryStore'
import { createFrame } from '../../../src/shared/frame'
import { idleStatus } from '../fakeTwin'

const running: RunStatus = { ...idleStatus, state: 'running', runId: 'run-1', durationS: 600 }

/** a TwinApi whose replies the test releases by hand, to order them against events */
function manualApi() {
  const listeners = new Set<(event: TwinEvent) => void>()
  const replies: ((status: RunStatus) => void)[] = []
  const api: TwinApi = {
    invoke: (() =>
      new Promise((resolve) => {
        replies.push((status) => resolve({ ok: true, value: status } as never))
      })) as TwinApi['invoke'],
    onFrame: () => () => {},
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
  const emit = (status: RunStatus): void =>
    listeners.forEach((l) => l({ type: 'run.status', status }))
  return { api, replies, emit }
}

describe('run controller', () => {
  it('uses a reply when no event came while it was in flight', async () => {
    const twin = manualApi()
    const controller = new RunController(
      twin.api,
      new TelemetryStore({ dies: 1, cpus: 1, links: 1 })
    )
    controller.connect()
    const started = controller.start('default', 10)
    twin.replies[0]!(running)
    await started
    expect(controller.status?.state).toBe('running')
  })

  it('does not let a late reply undo a newer event', async () => {
    const twin = manualApi()
    const controller = new RunController(
      twin.api,
      new TelemetryStore({ dies: 1, cpus: 1, links: 1 })
    )
    controller.connect()
    twin.emit(running)
    const paused = controller.pause()
    const resumed = controller.resume()
    twin.emit({ ...running, state: 'paused' })
    twin.emit({ ...running, state: 'running' })
    // pause's reply arrives after resume's event
    twin.replies[0]!({ ...running, state: 'paused' })
    twin.replies[1]!({ ...running, state: 'running' })
    await Promise.all([paused, resumed])
    expect(controller.status?.state).toBe('running')
  })

  it('forgets the old run’s progress frame when a new run starts', () => {
    const twin = manualApi()
    const telemetry = new TelemetryStore({ dies: 1, cpus: 1, links: 1 })
    telemetry.runLatest = {} as never
    void new RunController(twin.api, telemetry).start('default', 'max')
    expect(telemetry.runLatest).toBeNull()
  })

  it('starts a fresh KPI history for a run begun elsewhere, but not twice for its own start', async () => {
    const twin = manualApi()
    const counts = { dies: 1, cpus: 1, links: 1 }
    const telemetry = new TelemetryStore(counts)
    const controller = new RunController(twin.api, telemetry)
    controller.connect()
    const frame = (i: number) => createFrame(i, i, counts).buffer

    // its own start: the first frame may come before the run's status event
    const started = controller.start('default', 10)
    telemetry.push(frame(1))
    twin.emit(running)
    twin.replies[0]!(running)
    await started
    expect(telemetry.history.length).toBe(1)
    telemetry.push(frame(2))

    // a comparison (or another window) starts the next run: its history starts empty
    twin.emit({ ...running, runId: 'run-2' })
    expect(telemetry.history.length).toBe(0)
    telemetry.push(frame(1))
    expect(telemetry.history.length).toBe(1)
    // a status of the same run changes nothing
    twin.emit({ ...running, runId: 'run-2', simTimeS: 5 })
    expect(telemetry.history.length).toBe(1)
  })
})
