import { type ComponentType, Suspense, lazy, useState } from 'react'
import type { TwinApi } from '../../shared/api'
import { getTwinApi } from './api/twin'
import type { HallProps } from './scene/Hall'
import type { RunSpeed } from './session/runController'
import {
  DEFAULT_SPEED,
  type LoadingStep,
  initialScenario,
  useTwinSession
} from './session/useTwinSession'
import { EventLog } from './ui/EventLog'
import { KpiPanel } from './ui/KpiPanel'
import { Legend } from './ui/Legend'
import { Notices } from './ui/Notices'
import { RunToolbar } from './ui/RunToolbar'
import { ErrorView, LoadingView, SceneErrorBoundary } from './ui/StateViews'
import { StatusBar } from './ui/StatusBar'

// three.js and the scene load in their own chunk, so the shell and its messages show at once.
const LazyHall = lazy(() => import('./scene/Hall'))

const ERROR_TITLES: Record<LoadingStep, string> = {
  connect: 'Could not reach the twin',
  topology: 'Could not load the CloudMatrix384 topology',
  systems: 'Could not load the list of systems',
  scenarios: 'Could not load the scenarios'
}

export interface AppProps {
  /** where the twin is reached; tests pass a small in-memory TwinApi */
  connect?: () => TwinApi
  /** the 3D view; tests that cannot run WebGL pass a stand-in */
  hall?: ComponentType<HallProps>
}

export function App({ connect = getTwinApi, hall: HallView = LazyHall }: AppProps) {
  const { state, run, problem, commands } = useTwinSession(connect)
  const ready = state.phase === 'ready' ? state : null
  // UI choices: which preset Start runs (the one started on load until the user picks) and
  // the speed for the next start or the live run
  const [picked, setPicked] = useState<string | null>(null)
  const [speed, setSpeed] = useState<RunSpeed>(DEFAULT_SPEED)
  const scenarios = ready?.scenarios ?? []
  const selected = picked ?? initialScenario(scenarios)?.id ?? null

  const runSystem = ready?.systems.find((s) => s.id === run?.system) ?? null
  const undrawnSystem = runSystem && !runSystem.hasTopology ? runSystem : null

  return (
    <div className="app">
      <StatusBar
        systemName={runSystem?.name ?? ready?.topology.name ?? 'CloudMatrix384'}
        run={run}
        telemetry={ready?.telemetry ?? null}
      />
      {ready && (
        <RunToolbar
          scenarios={scenarios}
          selected={selected}
          onSelect={setPicked}
          speed={speed}
          onSpeedChange={setSpeed}
          run={run}
          telemetry={ready.telemetry}
          commands={commands}
        />
      )}
      <main className="viewport">
        {state.phase === 'loading' && (
          <LoadingView message="Loading the CloudMatrix384 topology and the scenarios…" />
        )}
        {state.phase === 'error' && (
          <ErrorView title={ERROR_TITLES[state.step]} message={state.message} code={state.code} />
        )}
        {ready && (
          <>
            <SceneErrorBoundary>
              <Suspense fallback={<LoadingView message="Building the hall…" />}>
                <HallView topology={ready.topology} telemetry={ready.telemetry} />
              </Suspense>
            </SceneErrorBoundary>
            <Legend />
            <Notices
              problem={problem}
              onDismiss={commands.dismissProblem}
              run={run}
              undrawnSystem={undrawnSystem}
              hallName={ready.topology.name}
            />
            <aside className="side-panel">
              <KpiPanel telemetry={ready.telemetry} />
              <EventLog events={run?.events ?? []} />
            </aside>
          </>
        )}
      </main>
    </div>
  )
}
