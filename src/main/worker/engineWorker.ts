import { parentPort } from 'node:worker_threads'
import { createSimulation } from '../../engine/serving/run'
import { summarize } from '../../engine/serving/summary'
import { serveRuns } from './runtime'

if (!parentPort) throw new Error('engineWorker must run in a worker thread')
serveRuns(parentPort, ({ scenario, trace }) => {
  const simulation = createSimulation(scenario, trace)
  return {
    get now() {
      return simulation.now
    },
    nextFrame: () => simulation.nextFrame(),
    events: () => simulation.events,
    summary: () => summarize(simulation)
  }
})
