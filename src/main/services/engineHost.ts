import { randomUUID } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import type { EngineStatus } from '../../shared/api'
import type { SystemId } from '../../shared/systems'
import type { FromWorker, ToWorker } from '../worker/protocol'
import { Emitter } from './emitter'

export interface EngineHostOptions {
  /** the worker script: out/main/engineWorker.js in the app (see worker/fromSource.ts for .ts) */
  workerUrl: URL
  workerData?: unknown
}

/**
 * Owns the engine worker so the UI never waits on the simulation. One run at a time; a new
 * start replaces the current run. A crashed worker marks the run failed and is replaced on the
 * next start.
 */
export class EngineHost {
  private worker: Worker | null = null
  private current: EngineStatus = {
    state: 'stopped',
    system: null,
    runId: null,
    framesSent: 0,
    error: null
  }
  private readonly frames = new Emitter<ArrayBuffer>()
  private readonly statuses = new Emitter<EngineStatus>()

  constructor(private readonly options: EngineHostOptions) {}

  status(): EngineStatus {
    return { ...this.current }
  }

  onFrame(listener: (frame: ArrayBuffer) => void): () => void {
    return this.frames.on(listener)
  }

  onStatus(listener: (status: EngineStatus) => void): () => void {
    return this.statuses.on(listener)
  }

  start(system: SystemId, intervalMs: number): EngineStatus {
    const runId = randomUUID()
    this.send({ type: 'start', runId, system, intervalMs })
    this.update({ state: 'running', system, runId, framesSent: 0, error: null })
    return this.status()
  }

  stop(): EngineStatus {
    if (this.worker) this.send({ type: 'stop' })
    if (this.current.state === 'running') this.update({ ...this.current, state: 'stopped' })
    return this.status()
  }

  async dispose(): Promise<void> {
    const worker = this.worker
    this.worker = null
    this.frames.clear()
    this.statuses.clear()
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
    if (message.runId !== null && message.runId !== this.current.runId) return // an old run's tail
    switch (message.type) {
      case 'frame':
        if (this.current.state !== 'running') return
        this.current.framesSent++
        this.frames.emit(message.frame)
        return
      case 'stopped':
        return
      case 'error':
        this.update({ ...this.current, state: 'failed', error: message.message })
        return
    }
  }

  private fail(worker: Worker, reason: string): void {
    if (this.worker === worker) this.worker = null
    void worker.terminate()
    if (this.current.state === 'running') {
      this.update({ ...this.current, state: 'failed', error: reason })
    }
  }

  private update(status: EngineStatus): void {
    this.current = status
    this.statuses.emit(this.status())
  }
}
