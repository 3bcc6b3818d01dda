// Benchmark: the run library on a one-hour run of the default scenario on the full
// CloudMatrix384 at its default sampling. Records the run as the app does (RunRecorder, real
// SQLite file), then prints the storage per simulated hour, the recording overhead, and the
// latency of 100 random seeks (read + decode of one stored frame), median and worst.
// Prints figures; asserts nothing (these machines are shared and noisy).
// Targets (issue 5): <= 200 MB per simulated hour; every seek < 50 ms.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSimulation } from '../src/engine/serving/run'
import { decodeStoredFrame } from '../src/main/services/library/frameCodec'
import { RunRecorder } from '../src/main/services/library/recorder'
import { RunStore } from '../src/main/services/library/runStore'
import { ScenarioLibrary } from '../src/main/services/scenarios'
import { KPI_NAMES } from '../src/shared/frame'
import { parseScenario } from '../src/shared/scenario'
import { RESOURCES_DIR } from '../src/cli/resources'
import { createRandom } from '../src/engine/util/random'

const durationS = Number(process.argv[2] ?? 3600)
const library = new ScenarioLibrary(RESOURCES_DIR)
const source = library.load('default')
const scenario = parseScenario({ ...source.scenario, durationS })
const dir = mkdtempSync(join(tmpdir(), 'twin-bench-replay-'))
const path = join(dir, 'runs.sqlite')
const runId = randomUUID()

try {
  const store = new RunStore(path)
  const simulation = createSimulation(scenario, library.trace(source))
  const recorder = new RunRecorder(store, {
    id: runId,
    name: 'bench',
    scenario,
    frameCodec: 0,
    kpiNames: KPI_NAMES
  })
  let simulateMs = 0
  let recordMs = 0
  let rawBytes = 0
  for (;;) {
    const t0 = performance.now()
    const frame = simulation.nextFrame()
    const t1 = performance.now()
    simulateMs += t1 - t0
    if (!frame) break
    rawBytes += frame.byteLength
    recorder.events(simulation.events)
    recorder.frame(frame)
    recordMs += performance.now() - t1
  }
  recorder.finish('complete', null)
  store.db.pragma('wal_checkpoint(TRUNCATE)')
  const run = store.require(runId)
  const bytes = statSync(path).size
  const perHourMB = (bytes / 1e6) * (3600 / run.simulatedS)
  console.log(
    `recorded ${run.frameCount} frames (${run.simulatedS} simulated s, one every ${run.sampleIntervalS} s): ` +
      `library file ${(bytes / 1e6).toFixed(1)} MB = ${perHourMB.toFixed(1)} MB per simulated hour ` +
      `(${(bytes / run.frameCount / 1024).toFixed(2)} KB per frame stored, ${(rawBytes / run.frameCount / 1024).toFixed(1)} KB in memory); ` +
      `recording took ${((recordMs / (simulateMs + recordMs)) * 100).toFixed(0)}% of the run's wall time ` +
      `(${(recordMs / run.frameCount).toFixed(2)} ms per frame)`
  )
  store.close()

  // A fresh connection, as the app opens a saved run, then 100 seeks to random times.
  const reader = new RunStore(path)
  const random = createRandom(42)
  const seekMs: number[] = []
  for (let i = 0; i < 100; i++) {
    const atS = random() * run.simulatedS
    const t0 = performance.now()
    const stored = reader.frameAt(runId, atS)
    decodeStoredFrame(stored!.data)
    seekMs.push(performance.now() - t0)
  }
  seekMs.sort((a, b) => a - b)
  console.log(
    `100 random seeks (read + decode one frame): median ${seekMs[49]!.toFixed(2)} ms, ` +
      `worst ${seekMs[99]!.toFixed(2)} ms (target < 50 ms)`
  )
  const t0 = performance.now()
  const kpis = reader.kpiSeries(runId)
  console.log(
    `KPI time series (${kpis.length} rows) loaded in ${(performance.now() - t0).toFixed(1)} ms`
  )
  const t1 = performance.now()
  const overview = reader.overview(runId)
  console.log(
    `overview (${overview.timesS.length} points) loaded in ${(performance.now() - t1).toFixed(1)} ms`
  )
  reader.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
