import { type ReactNode, useEffect, useRef } from 'react'
import type { RunStatus, ScenarioPreset } from '../../../shared/api'
import { type RunSpeed, isLive } from '../session/runController'
import type { RunCommands } from '../session/useTwinSession'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { useSampled } from '../telemetry/useSampled'
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
  scenarios: ScenarioPreset[]
  selected: string | null
  onSelect(id: string): void
  speed: RunSpeed
  onSpeedChange(speed: RunSpeed): void
  run: RunStatus | null
  telemetry: TelemetryStore | null
  commands: RunCommands
  /** shown at the end of the row (the library button) */
  children?: ReactNode
}

function RunProgress({
  run,
  telemetry
}: {
  run: RunStatus | null
  telemetry: TelemetryStore | null
}) {
  // the run's own newest frame, four times a second; the status only until it has sent one
  const frame = useSampled(() => telemetry?.runLatest ?? null)
  if (!run || run.runId === null) {
    return (
      <span className="run-progress" data-testid="run-progress">
        no run
      </span>
    )
  }
  const simTimeS = Math.min(frame?.simTimeS ?? run.simTimeS, run.durationS)
  return (
    <span className="run-progress" data-testid="run-progress">
      <span className="run-progress__text">
        sim {formatSimSeconds(simTimeS)} s / {formatSimSeconds(run.durationS)} s
      </span>
      <progress
        className="run-progress__bar"
        max={Math.max(run.durationS, 1e-9)}
        value={simTimeS}
        aria-label="Simulated time"
      />
    </span>
  )
}

/** Start, pause, resume and stop the run; choose its scenario and speed. */
export function RunToolbar(props: RunToolbarProps) {
  const {
    scenarios,
    selected,
    onSelect,
    speed,
    onSpeedChange,
    run,
    telemetry,
    commands,
    children
  } = props
  const state = run?.state ?? 'idle'
  const live = isLive(run)
  const preset = scenarios.find((s) => s.id === selected) ?? null

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

  const startVerb = live ? 'Restart' : 'Start'
  const changeSpeed = (next: RunSpeed): void => {
    onSpeedChange(next)
    if (live) commands.setSpeed(next)
  }

  return (
    <div className="run-toolbar" role="group" aria-label="Run controls">
      <label className="run-toolbar__field">
        <span className="run-toolbar__label">Scenario</span>
        <select
          className="run-toolbar__select"
          aria-label="Scenario"
          title={preset?.description}
          value={selected ?? ''}
          disabled={scenarios.length === 0}
          onChange={(event) => onSelect(event.target.value)}
        >
          {scenarios.map((s) => (
            <option key={s.id} value={s.id} title={s.description}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="run-button run-button--start"
        aria-label={`${startVerb} ${preset?.name ?? 'the selected scenario'}`}
        disabled={!preset}
        onClick={(event) => {
          releaseMouseFocus(event)
          if (preset) commands.start(preset.id, speed)
        }}
      >
        <span aria-hidden="true">{live ? '↻' : '▶'}</span> {startVerb}
      </button>
      <button
        ref={pauseRef}
        type="button"
        className="run-button"
        aria-label="Pause the run"
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
      <div className="run-toolbar__speeds" role="group" aria-label="Speed">
        <span className="run-toolbar__label" aria-hidden="true">
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
      {children}
    </div>
  )
}
