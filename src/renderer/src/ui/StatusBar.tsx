import { useEffect, useState } from 'react'
import type { EngineStatus } from '../../../shared/api'
import type { TelemetryStore } from '../telemetry/telemetryStore'

interface Props {
  systemName: string
  engine: EngineStatus | null
  telemetry: TelemetryStore | null
}

/** How often the frame counter is refreshed: readable, and cheap next to the frame rate. */
const COUNTER_REFRESH_MS = 250

function FrameCounter({ telemetry }: { telemetry: TelemetryStore | null }) {
  const [received, setReceived] = useState(0)
  useEffect(() => {
    if (!telemetry) return
    const timer = setInterval(() => setReceived(telemetry.framesReceived), COUNTER_REFRESH_MS)
    return () => clearInterval(timer)
  }, [telemetry])
  return (
    <span className="status-bar__item" data-testid="frames-received">
      frames <strong>{(telemetry ? received : 0).toLocaleString('en-US')}</strong>
    </span>
  )
}

function EngineState({ engine }: { engine: EngineStatus | null }) {
  const state = engine?.state ?? 'connecting'
  return (
    <span className="status-bar__item" data-testid="engine-state">
      engine{' '}
      <strong className={`engine-state engine-state--${state}`}>
        {state}
        {engine?.error ? `: ${engine.error}` : ''}
      </strong>
    </span>
  )
}

export function StatusBar({ systemName, engine, telemetry }: Props) {
  return (
    <header className="status-bar">
      <span className="status-bar__brand">Supernode Twin</span>
      <span className="status-bar__item status-bar__system">{systemName}</span>
      <EngineState engine={engine} />
      <FrameCounter telemetry={telemetry} />
      <span className="status-bar__hint">
        Drag to orbit · right-drag or shift-drag to pan · scroll to zoom
      </span>
    </header>
  )
}
