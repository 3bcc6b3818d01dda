import { type ComponentType, Suspense, lazy, useState } from 'react'
import type { RunRecord, TwinApi } from '../../shared/api'
import { getTwinApi } from './api/twin'
import { LibraryPanel } from './library/LibraryPanel'
import { useSavedEvents } from './library/useSavedEvents'
import type { HallProps } from './scene/Hall'
import { isReplaying } from './session/replayController'
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
import { ReplayBar } from './ui/ReplayBar'
import { releaseMouseFocus } from './ui/releaseMouseFocus'
import { RunToolbar } from './ui/RunToolbar'
import { ErrorView, LoadingView, SceneErrorBoundary } from './ui/StateViews'
import { StatusBar } from './ui/StatusBar'
import { useShortcuts } from './ui/useShortcuts'

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
  const { state, run, replay, feedback, commands, replayCommands } = useTwinSession(connect)
  const ready = state.phase === 'ready' ? state : null
  // UI choices: which preset Start runs (the one started on load until the user picks), the
  // speed for the next start or the live run, and whether the run library is open
  const [picked, setPicked] = useState<string | null>(null)
  const [speed, setSpeed] = useState<RunSpeed>(DEFAULT_SPEED)
  const [libraryOpen, setLibraryOpen] = useState(false)
  const scenarios = ready?.scenarios ?? []
  const selected = picked ?? initialScenario(scenarios)?.id ?? null

  const replaying = isReplaying(replay)
  const savedEvents = useSavedEvents(
    ready?.api ?? null,
    replaying ? replay.runId : null,
    feedback.report
  )
  // what the hall shows: the replayed run's system and its events so far, else the live run's
  const shownSystem = replaying ? replay.system : run?.system
  const systemSummary = ready?.systems.find((s) => s.id === shownSystem) ?? null
  const undrawnSystem =
    systemSummary && !systemSummary.hasTopology
      ? { ...systemSummary, what: replaying ? ('replay' as const) : ('run' as const) }
      : null
  const events = replaying
    ? savedEvents.filter((event) => event.atS <= replay.positionS)
    : (run?.events ?? [])

  const toggleLibrary = (): false | void => {
    if (!ready) return false
    setLibraryOpen((open) => !open)
  }
  useShortcuts({
    l: toggleLibrary,
    L: toggleLibrary,
    Escape: () => {
      if (libraryOpen) setLibraryOpen(false)
      else if (replaying) replayCommands.close()
      else return false
    }
  })

  const openReplay = (saved: RunRecord): void => {
    setLibraryOpen(false)
    replayCommands.open(saved)
  }
  const rerun = (saved: RunRecord): void => {
    setLibraryOpen(false)
    commands.rerun(saved, speed)
  }
  const libraryButton = (
    <button
      type="button"
      className="run-button library-button"
      aria-label="Run library"
      aria-expanded={libraryOpen}
      aria-keyshortcuts="L"
      onClick={(event) => {
        releaseMouseFocus(event)
        toggleLibrary()
      }}
    >
      Library
    </button>
  )

  return (
    <div className="app">
      <StatusBar
        systemName={systemSummary?.name ?? ready?.topology.name ?? 'CloudMatrix384'}
        run={run}
        telemetry={ready?.telemetry ?? null}
        replay={replay}
      />
      {ready &&
        (replaying ? (
          <ReplayBar replay={replay} commands={replayCommands}>
            {libraryButton}
          </ReplayBar>
        ) : (
          <RunToolbar
            scenarios={scenarios}
            selected={selected}
            onSelect={setPicked}
            speed={speed}
            onSpeedChange={setSpeed}
            run={run}
            telemetry={ready.telemetry}
            commands={commands}
          >
            {libraryButton}
          </RunToolbar>
        ))}
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
              problem={feedback.problem}
              onDismiss={feedback.dismissProblem}
              note={feedback.note}
              onDismissNote={feedback.dismissNote}
              run={run}
              undrawnSystem={undrawnSystem}
              hallName={ready.topology.name}
            />
            <aside className="side-panel">
              <KpiPanel telemetry={ready.telemetry} />
              <EventLog events={events} />
            </aside>
            {libraryOpen && (
              <LibraryPanel
                api={ready.api}
                perform={feedback.perform}
                systems={ready.systems}
                replayingId={replaying ? replay.runId : null}
                onReplay={openReplay}
                onRerun={rerun}
                onClose={() => setLibraryOpen(false)}
              />
            )}
          </>
        )}
      </main>
    </div>
  )
}
