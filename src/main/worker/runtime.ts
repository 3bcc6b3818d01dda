import type { MessagePort } from 'node:worker_threads'
import type { RunEvent } from '../../engine/serving/faults'
import type { FromWorker, RunRequest, ToWorker } from './protocol'

/** What the worker drives: a run that yields one telemetry frame per sampling interval. */
export interface FrameRun {
  /** simulated seconds reached */
  readonly now: number
  nextFrame(): ArrayBuffer | null
  events(): readonly RunEvent[]
  /** the summary, once the last frame is out (the run ends there) */
  summary(): unknown
  /** the run is stopped before its end, or replaced by another */
  stop?(): void
  /** the run broke off with this error */
  fail?(message: string): void
}

export type RunFactory = (request: RunRequest) => FrameRun

/**
 * The worker side of the run host: plays one run at a time at the requested speed (simulated
 * seconds per wall second), posting each frame (transferred, not copied) and the run's new
 * events, and its summary at the end. Between frames it yields to its message loop, so pause,
 * speed changes and stop take effect at the next frame.
 */
export function serveRuns(port: MessagePort, makeRun: RunFactory): void {
  let run: FrameRun | null = null
  let request: RunRequest | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let paused = false
  let eventsSent = 0
  // wall clock and simulated time at the last (re)start of pacing
  let anchorWall = 0
  let anchorSim = 0

  const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void =>
    port.postMessage(message, transfer)
  const clear = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
  }
  const anchor = (): void => {
    anchorWall = performance.now()
    anchorSim = run?.now ?? 0
  }

  const tick = (): void => {
    timer = null
    if (!run || !request || paused) return
    const runId = request.runId
    try {
      const frame = run.nextFrame()
      if (!frame) {
        const summary = run.summary()
        run = null
        post({ type: 'finished', runId, summary })
        return
      }
      post({ type: 'frame', runId, frame, simTimeS: run.now }, [frame])
      const events = run.events()
      if (events.length > eventsSent) {
        post({ type: 'events', runId, events: events.slice(eventsSent) })
        eventsSent = events.length
      }
      const due = Number.isFinite(request.speed)
        ? anchorWall + ((run.now - anchorSim) / request.speed) * 1000
        : 0
      timer = setTimeout(tick, Math.max(0, due - performance.now()))
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const failed = run
      run = null
      try {
        failed?.fail?.(message)
      } finally {
        post({ type: 'error', runId, message })
      }
    }
  }

  /** ends the current run early (stopped, or replaced by a new one) */
  const end = (): void => {
    clear()
    const ended = run
    run = null
    if (!ended || !request) return
    try {
      ended.stop?.()
      post({ type: 'stopped', runId: request.runId })
    } catch (error) {
      post({
        type: 'error',
        runId: request.runId,
        message: error instanceof Error ? error.message : String(error)
      })
    }
  }

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'start':
        end()
        request = message.run
        paused = false
        eventsSent = 0
        try {
          run = makeRun(message.run)
          post({ type: 'started', runId: message.run.runId })
        } catch (error) {
          run = null
          post({
            type: 'error',
            runId: message.run.runId,
            message: error instanceof Error ? error.message : String(error)
          })
          return
        }
        anchor()
        tick()
        return
      case 'pause':
        paused = true
        clear()
        return
      case 'resume':
        if (!paused) return
        paused = false
        anchor()
        tick()
        return
      case 'speed':
        if (request) request.speed = message.speed
        anchor()
        return
      case 'stop':
        end()
        request = null
    }
  })
}
