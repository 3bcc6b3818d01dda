import { useState } from 'react'
import type { RunEvent, RunOverview } from '../../../shared/api'
import type { ReplayStatus } from '../../../shared/library'
import { NUDGE_S, REPLAY_SPEED_OPTIONS } from '../session/replayController'
import type { ReplayCommands } from '../session/useTwinSession'
import { TimelineTrack } from '../timeline/TimelineTrack'
import { formatSimSeconds } from './kpiFormat'
import { releaseMouseFocus, releasePointerFocus } from './releaseMouseFocus'
import { useShortcuts } from './useShortcuts'
import { useSpaceToggle } from './useSpaceToggle'

export interface ReplayBarProps {
  replay: ReplayStatus
  commands: ReplayCommands
  /** the whole run's events, as markers that seek */
  events?: readonly RunEvent[]
  /** the run at a glance, drawn behind the track; null until it arrives */
  overview?: RunOverview | null
}

const speedLabel = (speed: number): string => `${speed}×`

/**
 * The timeline while a saved run is replayed: play or pause, speed, a scrub slider over the
 * run's overview with its events as markers, and the way back to the live run. Space plays or
 * pauses, ← and → move 10 s.
 */
export function ReplayBar({ replay, commands, events = [], overview = null }: ReplayBarProps) {
  // Where the hand is while a seek is on its way: the slider follows the hand, the time text
  // follows the frames (replay.positionS) as they arrive.
  const [scrubS, setScrubS] = useState<number | null>(null)
  const playing = replay.state === 'playing'
  const endS = Math.max(replay.endS, 0)

  useSpaceToggle(commands.toggle)
  useShortcuts({
    ArrowLeft: () => commands.nudge(-NUDGE_S),
    ArrowRight: () => commands.nudge(NUDGE_S)
  })

  const scrub = (timeS: number): void => {
    setScrubS(timeS)
    void commands.seek(timeS).then(() => setScrubS((held) => (held === timeS ? null : held)))
  }
  const sliderS = Math.min(scrubS ?? replay.positionS, endS)
  const speeds: readonly number[] = REPLAY_SPEED_OPTIONS.includes(
    replay.speed as (typeof REPLAY_SPEED_OPTIONS)[number]
  )
    ? REPLAY_SPEED_OPTIONS
    : [...REPLAY_SPEED_OPTIONS, replay.speed].sort((a, b) => a - b)

  return (
    <div className="timeline__row replay-bar" role="group" aria-label="Replay controls">
      <span className="replay-badge">Replay</span>
      <span className="replay-bar__name" title={replay.name ?? undefined}>
        {replay.name}
      </span>
      <button
        type="button"
        className="run-button replay-bar__play"
        aria-label={playing ? 'Pause the replay' : 'Play the replay'}
        aria-keyshortcuts="Space"
        onClick={(event) => {
          releaseMouseFocus(event)
          commands.toggle()
        }}
      >
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? 'Pause' : 'Play'}
      </button>
      <label className="timeline__field">
        <span className="timeline__label">Speed</span>
        <select
          className="timeline__select"
          aria-label="Replay speed"
          value={String(replay.speed)}
          onChange={(event) => commands.setSpeed(Number(event.target.value))}
        >
          {speeds.map((speed) => (
            <option key={speed} value={String(speed)}>
              {speedLabel(speed)}
            </option>
          ))}
        </select>
      </label>
      <TimelineTrack events={events} endS={endS} overview={overview} onSeek={scrub}>
        <input
          type="range"
          className="replay-bar__slider"
          aria-label="Replay position"
          aria-keyshortcuts="ArrowLeft ArrowRight"
          min={0}
          max={endS}
          step={replay.sampleIntervalS > 0 ? replay.sampleIntervalS : 'any'}
          value={sliderS}
          aria-valuetext={`${formatSimSeconds(sliderS)} s of ${formatSimSeconds(endS)} s`}
          onChange={(event) => scrub(Number(event.target.value))}
          onPointerUp={releasePointerFocus}
        />
      </TimelineTrack>
      <span className="run-progress" data-testid="replay-time">
        sim {formatSimSeconds(replay.positionS)} s / {formatSimSeconds(endS)} s
      </span>
      <button
        type="button"
        className="run-button"
        aria-label="Close the replay and go back to the live run"
        aria-keyshortcuts="Escape"
        onClick={(event) => {
          releaseMouseFocus(event)
          commands.close()
        }}
      >
        Back to live
      </button>
    </div>
  )
}
