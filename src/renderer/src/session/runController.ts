import {
  type RunStatus,
  type TwinApi,
  type TwinArgs,
  type Unsubscribe,
  call
} from '../../../shared/api'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { twinStats } from '../twinStats'

/** simulated seconds per wall second, or as fast as the engine goes */
export type RunSpeed = number | 'max'

type RunCommand =
  | 'run.start'
  | 'run.pause'
  | 'run.resume'
  | 'run.stop'
  | 'run.setSpeed'
  | 'run.status'
  | 'runs.rerun'

/**
 * Sends run commands and keeps the newest run status, outside React.
 *
 * Main emits a run.status event for every change, before it replies, so events are the truth.
 * A command's reply is used only when no event arrived while the command was in flight: then
 * nothing newer is known. Otherwise a reply that lost the race to a later event (pause's reply
 * arriving after resume's event) would put the buttons back into an old state.
 */
export class RunController {
  status: RunStatus | null = null
  private eventsSeen = 0
  /** a start or re-run from here has already told the telemetry store a new run begins */
  private begun = false
  private readonly listeners = new Set<(status: RunStatus) => void>()

  constructor(
    private readonly api: TwinApi,
    private readonly telemetry: TelemetryStore
  ) {}

  /** Listens for run.status events; call before the first command so none is missed. */
  connect(): Unsubscribe {
    return this.api.onEvent((event) => {
      if (event.type !== 'run.status') return
      this.eventsSeen++
      this.accept(event.status)
    })
  }

  onStatus(listener: (status: RunStatus) => void): Unsubscribe {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /** Reads the run main has now (one may be under way before this view connected). */
  refresh(): Promise<RunStatus> {
    return this.send('run.status', {})
  }

  /** Starts a preset (replacing any current run). */
  start(scenario: TwinArgs<'run.start'>['scenario'], speed: RunSpeed): Promise<RunStatus> {
    this.beginRun()
    return this.refusable(this.send('run.start', { scenario, speed }))
  }

  /** Starts a new run of a saved run's scenario (main saves it as "<name> (re-run)"). */
  rerun(id: string, speed: RunSpeed): Promise<RunStatus> {
    this.beginRun()
    return this.refusable(this.send('runs.rerun', { id, speed }))
  }

  pause(): Promise<RunStatus> {
    return this.send('run.pause', {})
  }

  resume(): Promise<RunStatus> {
    return this.send('run.resume', {})
  }

  stop(): Promise<RunStatus> {
    return this.send('run.stop', {})
  }

  setSpeed(speed: RunSpeed): Promise<RunStatus> {
    return this.send('run.setSpeed', { speed })
  }

  private async send<M extends RunCommand>(method: M, args: TwinArgs<M>): Promise<RunStatus> {
    const seen = this.eventsSeen
    const reply = await call(this.api, method, args)
    if (this.eventsSeen === seen) this.accept(reply)
    return this.status ?? reply
  }

  /** before the request, so the new run's first frames (which may beat its reply) count */
  private beginRun(): void {
    this.telemetry.beginRun()
    this.begun = true
  }

  /** a refused start begins nothing: the next run, from anywhere, is new again */
  private refusable(reply: Promise<RunStatus>): Promise<RunStatus> {
    return reply.catch((error: unknown) => {
      this.begun = false
      throw error
    })
  }

  private accept(status: RunStatus): void {
    // A run started elsewhere (a comparison, the desktop's command line, another window) is a
    // new run for the telemetry too: its KPI history must not join the last run's.
    if (status.runId !== null && status.runId !== this.status?.runId) {
      if (!this.begun) this.telemetry.beginRun()
      this.begun = false
    }
    this.status = status
    twinStats().runState = status.state
    for (const listener of this.listeners) listener(status)
  }
}

/** whether a run is under way (it has a worker behind it and can be paused or stopped) */
export function isLive(status: RunStatus | null): boolean {
  return status?.state === 'running' || status?.state === 'paused'
}
