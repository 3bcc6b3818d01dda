import { type TwinApi, type TwinArgs, type Unsubscribe, call } from '../../../shared/api'
import { CLOSED_REPLAY, type ReplayStatus } from '../../../shared/library'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { twinStats } from '../twinStats'
import { SeekThrottle } from './seekThrottle'

/** the speeds the replay bar offers, REPLAY_SPEEDS.min to .max in doublings */
export const REPLAY_SPEED_OPTIONS = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64] as const

/** how far the arrow keys move a replay, simulated seconds */
export const NUDGE_S = 10

type ReplayCommand =
  | 'replay.open'
  | 'replay.play'
  | 'replay.pause'
  | 'replay.seek'
  | 'replay.setSpeed'
  | 'replay.close'
  | 'replay.status'

export function isReplaying(status: ReplayStatus | null): status is ReplayStatus {
  return status !== null && status.state !== 'closed'
}

/**
 * Sends replay commands and keeps the newest replay status, outside React, as RunController
 * does for runs: events are the truth, and a reply counts only if no event came while it was
 * in flight. It also tells the telemetry store whose frames are arriving, so the live run's
 * progress never reads a replay's time.
 */
export class ReplayController {
  status: ReplayStatus = CLOSED_REPLAY
  private eventsSeen = 0
  private readonly listeners = new Set<(status: ReplayStatus) => void>()
  private readonly seeker: SeekThrottle

  constructor(
    private readonly api: TwinApi,
    private readonly telemetry: TelemetryStore,
    onSeekError: (error: unknown) => void
  ) {
    this.seeker = new SeekThrottle((timeS) => this.send('replay.seek', { timeS }), onSeekError)
  }

  /** Listens for replay.status events; call before the first command so none is missed. */
  connect(): Unsubscribe {
    const unsubscribe = this.api.onEvent((event) => {
      if (event.type !== 'replay.status') return
      this.eventsSeen++
      this.accept(event.status)
    })
    return () => {
      unsubscribe()
      this.seeker.cancel()
    }
  }

  onStatus(listener: (status: ReplayStatus) => void): Unsubscribe {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /** Opens a saved run for replay, paused at `atS`; replaces any replay already open. */
  async open(id: string, atS = 0): Promise<ReplayStatus> {
    this.seeker.cancel()
    // the replay's first frame may arrive before the reply says it is open
    this.telemetry.beginReplay()
    try {
      return await this.send('replay.open', { id, atS })
    } catch (error) {
      if (!isReplaying(this.status)) this.telemetry.endReplay()
      throw error
    }
  }

  play(): Promise<ReplayStatus> {
    return this.send('replay.play', {})
  }

  pause(): Promise<ReplayStatus> {
    return this.send('replay.pause', {})
  }

  toggle(): Promise<ReplayStatus> {
    return this.status.state === 'playing' ? this.pause() : this.play()
  }

  setSpeed(speed: number): Promise<ReplayStatus> {
    return this.send('replay.setSpeed', { speed })
  }

  /** Seeks, throttled (see SeekThrottle); resolves when this or a newer seek is answered. */
  seek(timeS: number): Promise<void> {
    return this.seeker.request(Math.min(Math.max(timeS, 0), this.status.endS))
  }

  /** Moves by `deltaS` from where the replay is, or is about to be after seeks under way. */
  nudge(deltaS: number): Promise<void> {
    return this.seek((this.seeker.target ?? this.status.positionS) + deltaS)
  }

  /** Reads the replay main has open now (a file opened from the desktop opens one). */
  refresh(): Promise<ReplayStatus> {
    return this.send('replay.status', {})
  }

  close(): Promise<ReplayStatus> {
    this.seeker.cancel()
    return this.send('replay.close', {})
  }

  private async send<M extends ReplayCommand>(method: M, args: TwinArgs<M>): Promise<ReplayStatus> {
    const seen = this.eventsSeen
    const reply = await call(this.api, method, args)
    if (this.eventsSeen === seen) this.accept(reply)
    return this.status
  }

  private accept(status: ReplayStatus): void {
    this.status = status
    if (isReplaying(status)) {
      this.telemetry.beginReplay()
    } else {
      this.seeker.cancel()
      this.telemetry.endReplay()
    }
    const stats = twinStats()
    stats.replayState = status.state
    stats.replayPositionS = status.positionS
    for (const listener of this.listeners) listener(status)
  }
}
