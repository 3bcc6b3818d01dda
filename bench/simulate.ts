// Benchmark: how fast the serving simulation runs the default scenario on the full
// CloudMatrix384, its memory, and the size of its frames. Prints figures; asserts nothing
// (these machines are shared and noisy). Target: >= 500 simulated seconds per wall second on
// one core, under 1 GB, frames under 64 KB.
import { createSimulation } from '../src/engine/serving/run'
import { ScenarioLibrary } from '../src/main/services/scenarios'
import { parseScenario } from '../src/shared/scenario'
import { RESOURCES_DIR } from '../src/cli/resources'

const library = new ScenarioLibrary(RESOURCES_DIR)
const source = library.load('default')
const trace = library.trace(source)

for (const durationS of [600, 3600]) {
  const scenario = parseScenario({ ...source.scenario, durationS })
  const started = performance.now()
  const simulation = createSimulation(scenario, trace)
  const setupS = (performance.now() - started) / 1000
  let frames = 0
  let maxFrame = 0
  let peakRss = 0
  const running = performance.now()
  for (let frame = simulation.nextFrame(); frame; frame = simulation.nextFrame()) {
    frames++
    maxFrame = Math.max(maxFrame, frame.byteLength)
    if (frames % 60 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }
  const wallS = (performance.now() - running) / 1000
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
  console.log(
    `default scenario, ${durationS} s: ${(durationS / wallS).toFixed(0)} simulated s per wall s ` +
      `(${wallS.toFixed(2)} s run + ${setupS.toFixed(2)} s setup), ${simulation.table.count} requests, ` +
      `${frames} frames of at most ${(maxFrame / 1024).toFixed(1)} KB, peak RSS ${(peakRss / 1e6).toFixed(0)} MB, ` +
      `${simulation.times.evaluations} performance-model evaluations`
  )
}
