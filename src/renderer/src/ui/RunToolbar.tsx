import { useEffect, useRef } from 'react'
import type { RunStatus } from '../../../shared/api'
import { type RunSpeed, isLive } from '../session/runController'
import type { RunCommands } from '../session/useTwinSession'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { useSampled } from '../telemetry/useSampled'
import { TimelineTrack } from '../timeline/TimelineTrack'
import { formatSimSeconds } from './kpiFormat'
import { releaseMouseFocus } from './releaseMouseFocus'
import { useSpaceToggle } from './useSpaceToggle'

/** the speeds offered: real time, the default, a minute a second, and flat out */
export const SPEEDS: { speed: RunSpeed; label: string }[] = [
  { speed: 1, label: '1×' },
  { speed: 10, label: '10×' },
  { speed: 60, label: '60×' },
  { speed: 'max', label: 'max' }
]

export interface RunToolbarProps {
  speed: RunSpeed
  onSpeedChange(speed: RunSpeed): void
  run: RunStatus | null
  telemetry: TelemetryStore | null
  commands: RunCommands
}

/** The live run's progress over its planned duration, with its events along the track. */
function RunProgress({ run, telemetry }: Pick<RunToolbarProps, 'run' | 'telemetry'>) {
  // the run's own newest frame, four times a second; the status only until it has sent one
  const frame = useSampled(() => telemetry?.runLatest ?? null)
  if (!run || run.runId === null) {
    return (
      <p className="timeline__empty" data-testid="run-progress">
        No run yet. Pick a scenario on the left and press Start.
      </p>
    )
  }
  const simTimeS = Math.min(frame?.simTimeS ?? run.simTimeS, run.durationS)
  return (
    <>
      <TimelineTrack events={run.events} endS={run.durationS}>
        <progress
          className="run-progress__bar"
          max={Math.max(run.durationS, 1e-9)}
          value={simTimeS}
          aria-label="Simulated time"
        />
      </TimelineTrack>
      <span className="run-progress" data-testid="run-progress">
        sim {formatSimSeconds(simTimeS)} s / {formatSimSeconds(run.durationS)} s
      </span>
    </>
  )
}

/** The timeline of the live run: pause, resume and stop it, its speed, its progress. */
export function RunToolbar({ speed, onSpeedChange, run, telemetry, commands }: RunToolbarProps) {
  const state = run?.state ?? 'idle'
  const live = isLive(run)

  // Pause and Resume disable each other; a keyboard user's focus moves to the one now enabled.
  const pauseRef = useRef<HTMLButtonElement>(null)
  const resumeRef = useRef<HTMLButtonElement>(null)
  const handOver = useRef<HTMLButtonElement | null>(null)
  useEffect(() => {
    const target = handOver.current
    handOver.current = null
    if (target && !target.disabled) target.focus()
  }, [state])

  useSpaceToggle(() => {
    if (state === 'running') commands.pause()
    else if (state === 'paused') commands.resume()
  })

  const changeSpeed = (next: RunSpeed): void => {
    onSpeedChange(next)
    if (live) commands.setSpeed(next)
  }

  return (
    <div className="timeline__row" role="group" aria-label="Run controls">
      <span className="live-badge">Live</span>
      <button
        ref={pauseRef}
        type="button"
        className="run-button"
        aria-label="Pause the run"
        aria-keyshortcuts="Space"
        disabled={state !== 'running'}
        onClick={(event) => {
          releaseMouseFocus(event)
          if (event.detail === 0) handOver.current = resumeRef.current
          commands.pause()
        }}
      >
        <span aria-hidden="true">❚❚</span> Pause
      </button>
      <button
        ref={resumeRef}
        type="button"
        className="run-button"
        aria-label="Resume the run"
        aria-keyshortcuts="Space"
        disabled={state !== 'paused'}
        onClick={(event) => {
          releaseMouseFocus(event)
          if (event.detail === 0) handOver.current = pauseRef.current
          commands.resume()
        }}
      >
        <span aria-hidden="true">▶</span> Resume
      </button>
      <button
        type="button"
        className="run-button run-button--stop"
        aria-label="Stop the run"
        disabled={!live}
        onClick={(event) => {
          releaseMouseFocus(event)
          commands.stop()
        }}
      >
        <span aria-hidden="true">■</span> Stop
      </button>
      <div className="timeline__speeds" role="group" aria-label="Speed">
        <span className="timeline__label" aria-hidden="true">
          Speed
        </span>
        {SPEEDS.map((option) => (
          <button
            key={option.label}
            type="button"
            className="speed-button"
            aria-pressed={speed === option.speed}
            aria-label={
              option.speed === 'max'
                ? 'Speed: as fast as possible'
                : `Speed: ${option.speed} simulated seconds per second`
            }
            onClick={(event) => {
              releaseMouseFocus(event)
              changeSpeed(option.speed)
            }}
          >
            {option.label}
          </button>
        ))}
      </div>
      <RunProgress run={run} telemetry={telemetry} />
    </div>
  )
}
