import { parentPort } from 'node:worker_threads'
import { createSimulation } from '../../engine/serving/run'
import { summarize } from '../../engine/serving/summary'
import { KPI_NAMES } from '../../shared/frame'
import { RunRecorder } from '../services/library/recorder'
import { RunStore } from '../services/library/runStore'
import { serveRuns } from './runtime'

if (!parentPort) throw new Error('engineWorker must run in a worker thread')

/**
 * The engine worker: simulates the requested scenario and, when asked, saves the run to the
 * library as it goes (its own connection, off the main process), so the UI never waits on
 * either the simulation or the disk.
 */
serveRuns(parentPort, ({ runId, scenario, trace, record }) => {
  const simulation = createSimulation(scenario, trace)
  const store = record
    ? new RunStore(
        record.libraryPath,
        record.nativeBinding ? { nativeBinding: record.nativeBinding } : {}
      )
    : null
  const recorder = store
    ? new RunRecorder(store, {
        id: runId,
        name: record!.name,
        scenario,
        frameCodec: 0,
        kpiNames: KPI_NAMES
      })
    : null
  const close = (): void => store?.close()
  return {
    get now() {
      return simulation.now
    },
    nextFrame: () => {
      const frame = simulation.nextFrame()
      if (frame && recorder) {
        recorder.events(simulation.events)
        recorder.frame(frame)
      }
      return frame
    },
    events: () => simulation.events,
    summary: () => {
      const summary = summarize(simulation)
      try {
        recorder?.events(simulation.events)
        recorder?.finish('complete', summary)
      } finally {
        close()
      }
      return summary
    },
    stop: () => {
      try {
        recorder?.events(simulation.events)
        recorder?.finish('stopped', summarize(simulation))
      } finally {
        close()
      }
    },
    fail: (message) => {
      try {
        if (recorder && !recorder.failed) recorder.finish('failed', null, message)
      } finally {
        close()
      }
    }
  }
})
