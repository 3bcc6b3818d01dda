import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSimulation } from '../../../../src/engine/serving/run'
import { summarize } from '../../../../src/engine/serving/summary'
import { RunRecorder } from '../../../../src/main/services/library/recorder'
import type { RunStore } from '../../../../src/main/services/library/runStore'
import { ScenarioLibrary } from '../../../../src/main/services/scenarios'
import { RESOURCES_DIR } from '../../../../src/cli/resources'
import { KPI_NAMES } from '../../../../src/shared/frame'
import { parseScenario, type Scenario } from '../../../../src/shared/scenario'

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'twin-library-'))

const scenarios = new ScenarioLibrary(RESOURCES_DIR)

/** The default scenario (or another preset), shortened. */
export function shortScenario(
  durationS: number,
  preset = 'default'
): { scenario: Scenario; trace: ReturnType<ScenarioLibrary['trace']> } {
  const source = scenarios.load(preset)
  return {
    scenario: parseScenario({ ...source.scenario, durationS }),
    trace: scenarios.trace(source)
  }
}

/**
 * Simulates a short run and records it as the app does; returns the frames the simulation
 * produced (copies: what was recorded must match them).
 */
export function recordRun(
  store: RunStore,
  options: { durationS?: number; preset?: string; name?: string; finish?: boolean } = {}
) {
  const { scenario, trace } = shortScenario(options.durationS ?? 12, options.preset)
  const simulation = createSimulation(scenario, trace)
  const id = randomUUID()
  const recorder = new RunRecorder(store, {
    id,
    name: options.name ?? scenario.name,
    scenario,
    frameCodec: 0,
    kpiNames: KPI_NAMES
  })
  const frames: ArrayBuffer[] = []
  for (let frame = simulation.nextFrame(); frame; frame = simulation.nextFrame()) {
    frames.push(frame.slice(0))
    recorder.events(simulation.events)
    recorder.frame(frame)
  }
  recorder.events(simulation.events)
  const summary = summarize(simulation)
  if (options.finish !== false) recorder.finish('complete', summary)
  return { id, scenario, frames, summary, events: [...simulation.events], recorder }
}
