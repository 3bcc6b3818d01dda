import { describe, expect, it } from 'vitest'
import { createFrame } from '../../../src/shared/frame'
import type { ReplayStatus } from '../../../src/shared/library'
import { ReplayController } from '../../../src/renderer/src/session/replayController'
import { TelemetryStore } from '../../../src/renderer/src/telemetry/telemetryStore'
import { twinStats } from '../../../src/renderer/src/twinStats'
import { fail, fakeTwin, hallCounts, savedRun } from '../fakeTwin'

const run = savedRun({ id: 'r1', name: 'Baseline', simulatedS: 300, durationS: 600 })

function setUp(overrides: Parameters<typeof fakeTwin>[0] = {}) {
  const twin = fakeTwin(overrides, { runs: [run] })
  const telemetry = new TelemetryStore(hallCounts)
  const errors: unknown[] = []
  const controller = new ReplayController(twin.api, telemetry, (e) => errors.push(e))
  const statuses: ReplayStatus[] = []
  twin.api.onFrame((frame) => telemetry.push(frame))
  controller.connect()
  controller.onStatus((s) => statuses.push(s))
  return { twin, telemetry, controller, statuses, errors }
}

describe('replay controller', () => {
  it('opens paused at the start, with the replay’s frames kept out of live progress', async () => {
    const { twin, telemetry, controller } = setUp()
    twin.sendFrame(createFrame(120, 120, hallCounts).buffer)
    expect(telemetry.runLatest?.simTimeS).toBe(120)

    await controller.open('r1')
    expect(controller.status).toMatchObject({ state: 'paused', runId: 'r1', positionS: 0 })
    expect(telemetry.replaying).toBe(true)
    expect(telemetry.latest?.simTimeS).toBe(0)
    expect(telemetry.runLatest?.simTimeS).toBe(120)
    expect(twinStats().replayState).toBe('paused')

    await controller.close()
    expect(controller.status.state).toBe('closed')
    expect(telemetry.replaying).toBe(false)
    // back to live: the live run's last frame again, not the replay's
    expect(telemetry.latest?.simTimeS).toBe(120)
    expect(twinStats().replayState).toBe('closed')
  })

  it('goes back to live frames when a replay cannot be opened', async () => {
    const { telemetry, controller } = setUp({
      'replay.open': fail({ code: 'invalid-argument', message: 'no saved frames', field: 'id' })
    })
    await expect(controller.open('r1')).rejects.toThrow('no saved frames')
    expect(telemetry.replaying).toBe(false)
  })

  it('notices a replay closed by main (a live run started) and restores the live frame', async () => {
    const { twin, telemetry, controller } = setUp()
    twin.sendFrame(createFrame(7, 7, hallCounts).buffer)
    await controller.open('r1', 200)
    expect(telemetry.latest?.simTimeS).toBe(200)
    await twin.api.invoke('replay.close', {})
    expect(controller.status.state).toBe('closed')
    expect(telemetry.latest?.simTimeS).toBe(7)
  })

  it('nudges from the newest target and stays inside the run', async () => {
    const { twin, controller } = setUp()
    await controller.open('r1', 295)
    await controller.nudge(10)
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.seek', { timeS: 300 })
    expect(controller.status.positionS).toBe(300)
    await controller.seek(5)
    await controller.nudge(-10)
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.seek', { timeS: 0 })
  })

  it('toggles between playing and paused', async () => {
    const { twin, controller } = setUp()
    await controller.open('r1')
    await controller.toggle()
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.play', {})
    expect(controller.status.state).toBe('playing')
    await controller.toggle()
    expect(twin.invoke).toHaveBeenLastCalledWith('replay.pause', {})
    expect(controller.status.state).toBe('paused')
  })
})
