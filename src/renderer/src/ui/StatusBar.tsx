import type { ReplayStatus, RunStatus } from '../../../shared/api'
import { isReplaying } from '../session/replayController'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { useSampled } from '../telemetry/useSampled'

interface Props {
  systemName: string
  run: RunStatus | null
  telemetry: TelemetryStore | null
  replay: ReplayStatus | null
}

function FrameCounter({ telemetry }: { telemetry: TelemetryStore | null }) {
  const received = useSampled(() => telemetry?.framesReceived ?? 0)
  return (
    <span className="status-bar__item" data-testid="frames-received">
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
    <span className="status-bar__item" data-testid="replay-label">
      <span className="replay-badge">Replay</span> of <strong>“{replay.name}”</strong>
      {replay.state === 'paused' ? ' (paused)' : ''}
    </span>
  )
}

const LIVE_HINT =
  'Space pauses or resumes · L run library · drag to orbit · right-drag or shift-drag to pan · scroll to zoom'
const REPLAY_HINT =
  'Space plays or pauses · ← → 10 s · Esc back to live · L run library · drag to orbit · scroll to zoom'

export function StatusBar({ systemName, run, telemetry, replay }: Props) {
  const replaying = isReplaying(replay)
  return (
    <header className="status-bar">
      <span className="status-bar__brand">Supernode Twin</span>
      <span className="status-bar__item status-bar__system">{systemName}</span>
      {replaying && <ReplayLabel replay={replay} />}
      <RunStateLabel run={run} />
      <FrameCounter telemetry={telemetry} />
      <span className="status-bar__hint">{replaying ? REPLAY_HINT : LIVE_HINT}</span>
    </header>
  )
}
