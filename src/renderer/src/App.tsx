import { type ComponentType, Suspense, lazy } from 'react'
import type { TwinApi } from '../../shared/api'
import type { SystemId } from '../../shared/systems'
import { getTwinApi } from './api/twin'
import type { HallProps } from './scene/Hall'
import { type LoadingStep, useTwinSession } from './session/useTwinSession'
import { Legend } from './ui/Legend'
import { ErrorView, LoadingView, SceneErrorBoundary } from './ui/StateViews'
import { StatusBar } from './ui/StatusBar'

// three.js and the scene load in their own chunk, so the shell and its messages show at once.
const LazyHall = lazy(() => import('./scene/Hall'))

const SYSTEM: SystemId = 'cloudmatrix384'

const LOADING_MESSAGES: Record<LoadingStep, string> = {
  topology: 'Loading the CloudMatrix384 topology…',
  engine: 'Starting the engine…'
}

const ERROR_TITLES: Record<LoadingStep, string> = {
  topology: 'Could not load the CloudMatrix384 topology',
  engine: 'Could not start the engine'
}

export interface AppProps {
  /** where the twin is reached; tests pass a small in-memory TwinApi */
  connect?: () => TwinApi
  /** the 3D view; tests that cannot run WebGL pass a stand-in */
  hall?: ComponentType<HallProps>
}

export function App({ connect = getTwinApi, hall: HallView = LazyHall }: AppProps) {
  const { state, engine } = useTwinSession(connect, SYSTEM)
  const ready = state.phase === 'ready' ? state : null

  return (
    <div className="app">
      <StatusBar
        systemName={ready?.topology.name ?? 'CloudMatrix384'}
        engine={engine}
        telemetry={ready?.telemetry ?? null}
      />
      <main className="viewport">
        {state.phase === 'loading' && <LoadingView message={LOADING_MESSAGES[state.step]} />}
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
          </>
        )}
      </main>
    </div>
  )
}
