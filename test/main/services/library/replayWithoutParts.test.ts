import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { planServing } from '../../../../src/engine/serving/plan'
import { buildWorkload, createSimulation } from '../../../../src/engine/serving/run'
import { ServingSimulation } from '../../../../src/engine/serving/simulation'
import { summarize } from '../../../../src/engine/serving/summary'
import { RunRecorder } from '../../../../src/main/services/library/recorder'
import { ReplayPlayer } from '../../../../src/main/services/library/replay'
import { RunStore } from '../../../../src/main/services/library/runStore'
import { decodeFrame, kpi, KPI_NAMES, type FrameView } from '../../../../src/shared/frame'
import { parseScenario } from '../../../../src/shared/scenario'
import { tempDir } from './fixtures'

const scenario = parseScenario({
  name: 'h800 before its topology',
  system: 'h800-deepseek',
  workload: {
    kind: 'synthetic',
    arrival: { kind: 'poisson', ratePerS: 40 },
    prompt: { kind: 'fixed', tokens: 2048 },
    output: { kind: 'fixed', tokens: 256 }
  },
  durationS: 8
})

/**
 * Records an H800 run as the app does. `withParts: false` makes it as a build before the HGX
 * topologies did: frames with no dies, CPUs or links (the simulation had no topology).
 */
function record(store: RunStore, withParts: boolean): string {
  const simulation = withParts
    ? createSimulation(scenario, null)
    : new ServingSimulation({
        plan: planServing(scenario),
        workload: buildWorkload(scenario, null),
        durationS: scenario.durationS,
        sampleIntervalS: scenario.sampleIntervalS,
        seed: scenario.seed,
        faults: scenario.faults,
        topology: null
      })
  const id = randomUUID()
  const recorder = new RunRecorder(store, {
    id,
    name: scenario.name,
    scenario,
    frameCodec: 0,
    kpiNames: KPI_NAMES
  })
  for (let frame = simulation.nextFrame(); frame; frame = simulation.nextFrame()) {
    recorder.events(simulation.events)
    recorder.frame(frame)
  }
  recorder.finish('complete', summarize(simulation))
  return id
}

let store: RunStore
const shown: FrameView[] = []
beforeEach(() => {
  store = new RunStore(join(tempDir(), 'runs.sqlite'))
  shown.length = 0
})
afterEach(() => store.close())

describe('replaying an H800 run saved before the HGX topologies', () => {
  it('replays its KPI-only frames though the system now has parts', () => {
    const id = record(store, false)
    const replay = new ReplayPlayer(
      store,
      (frame) => shown.push(decodeFrame(frame)),
      () => {}
    )
    expect(replay.open(id, 6)).toMatchObject({ state: 'paused', system: 'h800-deepseek' })
    replay.seek(3)
    expect(shown.map((f) => f.simTimeS)).toEqual([6, 3])
    for (const frame of shown) {
      expect(frame.counts).toMatchObject({ dies: 0, cpus: 0, links: 0 })
      expect(kpi(frame, 'powerKW')).toBeGreaterThan(0)
    }
    replay.close()
  })

  it('replays a run saved now with its 160 GPUs, 0 CPUs and 340 links', () => {
    const id = record(store, true)
    const replay = new ReplayPlayer(
      store,
      (frame) => shown.push(decodeFrame(frame)),
      () => {}
    )
    replay.open(id, 6)
    expect(shown[0]!.counts).toMatchObject({ dies: 160, cpus: 0, links: 340 })
    expect(Math.max(...shown[0]!.dieCompute)).toBeGreaterThan(0)
    replay.close()
  })
})
