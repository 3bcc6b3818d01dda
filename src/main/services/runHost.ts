import { randomUUID } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import type { RunEvent, RunSummary } from '../../engine/serving/summary'
import type { TraceText } from '../../engine/serving/run'
import { IDLE_RUN, type RunStatus } from '../../shared/api'
import type { Scenario } from '../../shared/scenario'
import type { FromWorker, ToWorker } from '../worker/protocol'
import { Emitter } from './emitter'

export interface RunHostOptions {
  /** the worker script: out/main/engineWorker.js in the app (see worker/fromSource.ts for .ts) */
  workerUrl: URL
  workerData?: unknown
  /** the run library runs are saved to (null: nothing is saved) */
  library?: { path: string; nativeBinding?: string } | null
  /** the worker died while a saved run was live: the owner marks it in the library */
  onLost?: (runId: string, reason: string) => void
}

export interface RunStart {
  scenario: Scenario
  trace: TraceText | null
  scenarioId: string | null
  /** simulated seconds per wall second; Infinity for as fast as possible */
  speed: number
  /** save the run in the library under this name (ignored without a library) */
  saveAs?: string | null
}

/** How often a running run reports its progress, at most. */
const STATUS_EVERY_MS = 500

/**
 * Owns the engine worker so the UI never waits on the simulation. One run at a time; a new
 * start replaces the current run. A crashed worker fails the run and is replaced on the next
 * start.
 */
export class RunHost {
  private worker: Worker | null = null
  private current: RunStatus = { ...IDLE_RUN }
  private lastStatusAt = 0
  private readonly frames = new Emitter<ArrayBuffer>()
  private readonly statuses = new Emitter<RunStatus>()
  private readonly recordings = new Emitter<string>()

  constructor(private readonly options: RunHostOptions) {}

  status(): RunStatus {
    return { ...this.current, events: [...this.current.events] }
  }

  onFrame(listener: (frame: ArrayBuffer) => void): () => void {
    return this.frames.on(listener)
  }

  onStatus(listener: (status: RunStatus) => void): () => void {
    return this.statuses.on(listener)
  }

  /**
   * The worker has set a run up, or wound up one ended early (stopped, or replaced by a new
   * start): a saved run is now in the library, or has its final status there. Start and stop
   * themselves are answered at once, before the worker has done either.
   */
  onRecordingChanged(listener: (runId: string) => void): () => void {
    return this.recordings.on(listener)
  }

  start(run: RunStart): RunStatus {
    const runId = randomUUID()
    const library = this.options.library
    const record =
      library && run.saveAs
        ? { libraryPath: library.path, nativeBinding: library.nativeBinding, name: run.saveAs }
        : null
    this.send({
      type: 'start',
      run: { runId, scenario: run.scenario, trace: run.trace, speed: run.speed, record }
    })
    this.update({
      ...IDLE_RUN,
      state: 'running',
      runId,
      scenarioId: run.scenarioId,
      scenarioName: run.scenario.name,
      system: run.scenario.system,
      durationS: run.scenario.durationS,
      sampleIntervalS: run.scenario.sampleIntervalS,
      speed: Number.isFinite(run.speed) ? run.speed : null,
      saved: record !== null
    })
    return this.status()
  }

  pause(): RunStatus {
    if (this.current.state !== 'running') return this.status()
    this.send({ type: 'pause' })
    this.update({ ...this.current, state: 'paused' })
    return this.status()
  }

  resume(): RunStatus {
    if (this.current.state !== 'paused') return this.status()
    this.send({ type: 'resume' })
    this.update({ ...this.current, state: 'running' })
    return this.status()
  }

  setSpeed(speed: number): RunStatus {
    if (this.worker) this.send({ type: 'speed', speed })
    this.update({ ...this.current, speed: Number.isFinite(speed) ? speed : null })
    return this.status()
  }

  stop(): RunStatus {
    if (this.worker) this.send({ type: 'stop' })
    if (this.current.state === 'running' || this.current.state === 'paused') {
      this.update({ ...this.current, state: 'stopped' })
    }
    return this.status()
  }

  async dispose(): Promise<void> {
    const worker = this.worker
    this.worker = null
    this.frames.clear()
    this.statuses.clear()
    this.recordings.clear()
    if (worker) await worker.terminate()
  }

  private send(message: ToWorker): void {
    this.ensureWorker().postMessage(message)
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(this.options.workerUrl, { workerData: this.options.workerData })
    worker.on('message', (message: FromWorker) => this.receive(message))
    worker.on('error', (error) => this.fail(worker, error.message))
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fail(worker, `engine worker exited with code ${code}`)
    })
    this.worker = worker
    return worker
  }

  private receive(message: FromWorker): void {
    // a replaced run's winding up counts too: the library changed
    if (message.type === 'started' || message.type === 'stopped') {
      return this.recordings.emit(message.runId)
    }
    if (message.runId !== null && message.runId !== this.current.runId) return // an old run's tail
    const live = this.current.state === 'running' || this.current.state === 'paused'
    switch (message.type) {
      case 'frame': {
        if (!live) return
        this.current.framesSent++
        this.current.simTimeS = message.simTimeS
        this.frames.emit(message.frame)
        const now = Date.now()
        if (now - this.lastStatusAt >= STATUS_EVERY_MS) this.update(this.current)
        return
      }
      case 'events':
        if (!live) return
        this.update({
          ...this.current,
          events: [...this.current.events, ...(message.events as RunEvent[])]
        })
        return
      case 'finished':
        if (!live) return
        this.update({ ...this.current, state: 'finished', summary: message.summary as RunSummary })
        return
      case 'error':
        this.update({ ...this.current, state: 'failed', error: message.message })
    }
  }

  private fail(worker: Worker, reason: string): void {
    if (this.worker === worker) this.worker = null
    void worker.terminate()
    if (this.current.state === 'running' || this.current.state === 'paused') {
      if (this.current.saved && this.current.runId)
        this.options.onLost?.(this.current.runId, reason)
      this.update({ ...this.current, state: 'failed', error: reason })
    }
  }

  private update(status: RunStatus): void {
    this.current = status
    this.lastStatusAt = Date.now()
    this.statuses.emit(this.status())
  }
}
