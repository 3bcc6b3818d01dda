import type { MessagePort } from 'node:worker_threads'
import type { FrameSource } from '../../engine/telemetry/frameSource'
import type { SystemId } from '../../shared/systems'
import type { FromWorker, ToWorker } from './protocol'

export type FrameSourceFactory = (system: SystemId) => FrameSource

/**
 * The worker side of the engine host: runs one frame source at a time and posts its frames,
 * transferring each buffer so nothing is copied on the way to main.
 */
export function serveEngine(port: MessagePort, makeSource: FrameSourceFactory): void {
  let timer: ReturnType<typeof setInterval> | null = null
  let runId: string | null = null

  const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void =>
    port.postMessage(message, transfer)

  const stop = (): void => {
    if (timer) clearInterval(timer)
    timer = null
    if (runId) post({ type: 'stopped', runId })
    runId = null
  }

  port.on('message', (message: ToWorker) => {
    try {
      if (message.type === 'stop') return stop()
      stop()
      const source = makeSource(message.system)
      const current = message.runId
      runId = current
      const tick = (): void => {
        try {
          const frame = source.next()
          post({ type: 'frame', runId: current, frame }, [frame])
        } catch (error) {
          post({
            type: 'error',
            runId: current,
            message: String((error as Error).message ?? error)
          })
          if (timer) clearInterval(timer)
          timer = null
          runId = null
        }
      }
      tick()
      timer = setInterval(tick, message.intervalMs)
    } catch (error) {
      post({ type: 'error', runId: null, message: String((error as Error).message ?? error) })
    }
  })
}
