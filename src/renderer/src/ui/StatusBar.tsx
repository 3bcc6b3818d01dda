import type { RunStatus } from '../../../shared/api'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { useSampled } from '../telemetry/useSampled'

interface Props {
  systemName: string
  run: RunStatus | null
  telemetry: TelemetryStore | null
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

export function StatusBar({ systemName, run, telemetry }: Props) {
  return (
    <header className="status-bar">
      <span className="status-bar__brand">Supernode Twin</span>
      <span className="status-bar__item status-bar__system">{systemName}</span>
      <RunStateLabel run={run} />
      <FrameCounter telemetry={telemetry} />
      <span className="status-bar__hint">
        Space pauses or resumes · drag to orbit · right-drag or shift-drag to pan · scroll to zoom
      </span>
    </header>
  )
}
