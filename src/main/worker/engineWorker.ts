import { parentPort } from 'node:worker_threads'
import { restingFrames } from '../../engine/telemetry/frameSource'
import { getTopology } from '../../engine/topology'
import { serveEngine } from './runtime'

/** Simulated seconds per frame; the serving simulation will take this from the scenario. */
const SAMPLE_STEP_S = 1

if (!parentPort) throw new Error('engineWorker must run in a worker thread')
serveEngine(parentPort, (system) => restingFrames(getTopology(system), SAMPLE_STEP_S))
