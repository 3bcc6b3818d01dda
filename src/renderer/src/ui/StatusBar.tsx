import type { ReactNode, RefObject } from 'react'
import type { ReplayStatus, RunStatus } from '../../../shared/api'
import { ThemeToggle } from '../layout/ThemeToggle'
import { isReplaying } from '../session/replayController'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { useSampled } from '../telemetry/useSampled'
import type { Theme } from '../view/viewState'
import { releaseMouseFocus } from './releaseMouseFocus'

/** the side columns' switches; absent while the app loads (there is nothing to show yet) */
export interface ColumnToggles {
  left: boolean
  right: boolean
  onLeft(): void
  onRight(): void
  /** the left switch, where focus goes when the column closes around it */
  leftRef?: RefObject<HTMLButtonElement | null>
}

interface Props {
  systemName: string
  run: RunStatus | null
  telemetry: TelemetryStore | null
  replay: ReplayStatus | null
  theme: Theme
  onToggleTheme(): void
  columns?: ColumnToggles
  /** the view tools of the top bar (metric picker, view presets, search) */
  tools?: ReactNode
}

function FrameCounter({ telemetry }: { telemetry: TelemetryStore | null }) {
  const received = useSampled(() => telemetry?.framesReceived ?? 0)
  return (
    <span className="status-bar__item status-bar__frames" data-testid="frames-received">
      frames <strong>{received.toLocaleString('en-US')}</strong>
    </span>
  )
}

function RunStateLabel({ run }: { run: RunStatus | null }) {
  const state = run?.state ?? 'connecting'
  return (
    <span className="status-bar__item" data-testid="run-state">
      run{' '}
      <strong className={`run-state run-state--${state}`}>
        {state}
        {run?.state === 'failed' && run.error ? `: ${run.error}` : ''}
      </strong>
    </span>
  )
}

/** Says plainly that the hall shows a recording, and of which run. */
function ReplayLabel({ replay }: { replay: ReplayStatus }) {
  return (
    <span className="status-bar__item status-bar__replay" data-testid="replay-label">
      <span className="replay-badge">Replay</span> of <strong>“{replay.name}”</strong>
      {replay.state === 'paused' ? ' (paused)' : ''}
    </span>
  )
}

const LIVE_HINT =
  'Space pauses or resumes · L scenarios and runs · T theme · drag to orbit · right-drag or shift-drag to pan · scroll to zoom'
const REPLAY_HINT =
  'Space plays or pauses · ← → 10 s · Esc back to live · L scenarios and runs · T theme · drag to orbit · scroll to zoom'

interface SwitchProps {
  open: boolean
  controls: string
  label: string
  text: string
  shortcut?: string
  onToggle(): void
  buttonRef?: RefObject<HTMLButtonElement | null>
}

function ColumnSwitch({ open, controls, label, text, shortcut, onToggle, buttonRef }: SwitchProps) {
  return (
    <button
      ref={buttonRef}
      type="button"
      className="top-button"
      aria-label={label}
      aria-expanded={open}
      aria-controls={controls}
      aria-keyshortcuts={shortcut}
      title={`${open ? 'Hide' : 'Show'} ${label.toLowerCase()}`}
      onClick={(event) => {
        releaseMouseFocus(event)
        onToggle()
      }}
    >
      {text}
    </button>
  )
}

/** The top bar: what is shown and its state, the view tools, the theme and the columns. */
export function StatusBar(props: Props) {
  const { systemName, run, telemetry, replay, theme, onToggleTheme, columns, tools } = props
  const replaying = isReplaying(replay)
  return (
    <header className="status-bar">
      <span className="status-bar__brand">Supernode Twin</span>
      <span className="status-bar__item status-bar__system">{systemName}</span>
      {replaying && <ReplayLabel replay={replay} />}
      <RunStateLabel run={run} />
      <FrameCounter telemetry={telemetry} />
      <span className="status-bar__hint">{replaying ? REPLAY_HINT : LIVE_HINT}</span>
      {tools && (
        <div className="status-bar__tools" role="group" aria-label="View tools">
          {tools}
        </div>
      )}
      <ThemeToggle theme={theme} onToggle={onToggleTheme} />
      {columns && (
        <div className="status-bar__columns" role="group" aria-label="Columns">
          <ColumnSwitch
            open={columns.left}
            controls="left-column"
            label="Scenarios and run library"
            text="◧ Runs"
            shortcut="L"
            onToggle={columns.onLeft}
            buttonRef={columns.leftRef}
          />
          <ColumnSwitch
            open={columns.right}
            controls="right-column"
            label="KPIs and charts"
            text="KPIs ◨"
            onToggle={columns.onRight}
          />
        </div>
      )}
    </header>
  )
}
