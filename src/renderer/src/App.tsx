import { type ComponentType, Suspense, lazy, useCallback, useRef, useState } from 'react'
import {
  type AppCommand,
  type KpiComparison,
  type RunRecord,
  type TwinApi,
  call
} from '../../shared/api'
import { getTwinApi } from './api/twin'
import type { ChartFactory } from './charts/chartEngine'
import { KpiCharts } from './charts/KpiCharts'
import { type AnalysisView, AnalysisTools, AnalysisViews } from './compare/AnalysisViews'
import { Inspector } from './inspector/Inspector'
import { LeftColumn, RightColumn } from './layout/Columns'
import { ScenarioPanel } from './layout/ScenarioPanel'
import { chooseTheme, initialTheme, useThemeSync } from './layout/theme'
import { LibraryPanel } from './library/LibraryPanel'
import type { HallProps } from './scene/Hall'
import { isReplaying } from './session/replayController'
import { useAppCommands } from './session/useAppCommands'
import type { RunSpeed } from './session/runController'
import { ASSUMED_SLO, useLiveSlo, useReplayDetails } from './session/useRunDetails'
import { useShownTopology } from './session/useShownTopology'
import {
  DEFAULT_SPEED,
  type LoadingStep,
  initialScenario,
  useTwinSession
} from './session/useTwinSession'
import { ExportMenu } from './export/ExportMenu'
import { EventLog } from './ui/EventLog'
import { KpiPanel } from './ui/KpiPanel'
import { Legend } from './ui/Legend'
import { MetricPicker, nextMetric } from './ui/MetricPicker'
import { Notices } from './ui/Notices'
import { Presenter } from './present/Presenter'
import { ReplayBar } from './ui/ReplayBar'
import { RunToolbar } from './ui/RunToolbar'
import { SearchBox, focusSearchBox } from './ui/SearchBox'
import { ShortcutHelp } from './ui/ShortcutHelp'
import { ariaKeyShortcuts } from './ui/shortcuts'
import { DropOverlay } from './ui/DropOverlay'
import { ErrorView, LoadingView, NoHallView, SceneErrorBoundary } from './ui/StateViews'
import { StatusBar } from './ui/StatusBar'
import { useFileDrop } from './ui/useFileDrop'
import { useNamedShortcuts } from './ui/useShortcuts'
import { ViewPresets, flyToPreset } from './ui/ViewPresets'
import { type CameraPreset, ViewState } from './view/viewState'

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
  /** the charting library; tests that cannot draw on canvas pass a recorder */
  charts?: ChartFactory
  /** the view state shared by the hall and the panels; made here unless given (tests) */
  view?: ViewState
}

/** Gives up focus held inside `container`, so Space and Esc reach the run and the replay. */
function leaveFocus(container: HTMLElement | null): void {
  const focused = document.activeElement
  if (container && focused instanceof HTMLElement && container.contains(focused)) focused.blur()
}

export function App({
  connect = getTwinApi,
  hall: HallView = LazyHall,
  charts,
  view: given
}: AppProps) {
  const { state, run, replay, feedback, commands, replayCommands } = useTwinSession(connect)
  const ready = state.phase === 'ready' ? state : null
  // one ViewState for the app: the scene and the panels read and write the same choices
  const [view] = useState(() => {
    const made = given ?? new ViewState()
    made.setTheme(initialTheme())
    return made
  })
  const theme = useThemeSync(view)
  // UI choices: which preset Start runs (the one started on load until the user picks), the
  // speed for the next start or the live run, and which side columns are shown
  const [picked, setPicked] = useState<string | null>(null)
  const [speed, setSpeed] = useState<RunSpeed>(DEFAULT_SPEED)
  const [leftOpen, setLeftOpen] = useState(true)
  const [rightOpen, setRightOpen] = useState(true)
  // the library takes focus only when the user opened the column, not when the app starts
  const [leftOpenedByUser, setLeftOpenedByUser] = useState(false)
  const [helpOpen, setHelpOpen] = useState(false)
  // present mode (present/): full screen, chrome hidden, a guided tour
  const [presenting, setPresenting] = useState(false)
  // the scenario editor, compare or validation view, over the whole window
  const [analysis, setAnalysis] = useState<AnalysisView | null>(null)
  // the comparison last shown: a report of one of its runs carries its KPI table
  const [comparison, setComparison] = useState<KpiComparison | null>(null)
  const leftRef = useRef<HTMLElement>(null)
  const leftToggleRef = useRef<HTMLButtonElement>(null)
  const scenarios = ready?.scenarios ?? []
  const selected = picked ?? initialScenario(scenarios)?.id ?? null

  const api = ready?.api ?? null
  const replaying = isReplaying(replay)
  const details = useReplayDetails(api, replaying ? replay.runId : null, feedback.report)
  const liveSlo = useLiveSlo(api, run)
  const slo = replaying ? (details?.slo ?? ASSUMED_SLO) : liveSlo
  const savedEvents = details?.events ?? []
  // what the hall shows: the replayed run's system and its events so far, else the live run's
  const shownSystem = replaying ? replay.system : run?.system
  const systemSummary = ready?.systems.find((s) => s.id === shownSystem) ?? null
  // the hall follows the system shown; `topology` is what it draws and the view tools address
  const hall = useShownTopology(ready, shownSystem, view)
  const topology = hall?.topology ?? null
  // a system without a part-level topology: no hall, and a notice says why
  const undrawnSystem =
    hall?.state === 'none' && hall.summary
      ? { ...hall.summary, what: replaying ? ('replay' as const) : ('run' as const) }
      : null
  const events = replaying
    ? savedEvents.filter((event) => event.atS <= replay.positionS)
    : (run?.events ?? [])

  const toggleLeft = (): false | void => {
    if (!ready) return false
    setLeftOpenedByUser(!leftOpen)
    setLeftOpen(!leftOpen)
  }
  const toggleTheme = (): void => chooseTheme(view, theme === 'dark' ? 'light' : 'dark')
  const fly = (preset: CameraPreset) => (): false | void => {
    if (!topology) return false
    flyToPreset(view, topology, preset)
  }
  useNamedShortcuts({
    library: toggleLeft,
    theme: toggleTheme,
    search: () => (topology ? focusSearchBox() : false),
    nextMetric: () => view.setMetric(nextMetric(view.get().metric)),
    viewHall: fly('hall'),
    viewNetwork: fly('network'),
    viewRack: fly('rack'),
    viewNode: fly('node'),
    help: () => setHelpOpen(true),
    present: () => (ready ? setPresenting(true) : false),
    // the help dialog takes its own Escape; then the left column when focus is in it, the
    // selection, and last the replay
    back: (event: KeyboardEvent): false | void => {
      if (leftOpen && event.target instanceof Node && leftRef.current?.contains(event.target)) {
        if (!leftOpenedByUser) leftToggleRef.current?.focus()
        setLeftOpen(false)
      } else if (view.get().selected) view.select(null)
      else if (replaying) replayCommands.close()
      else return false
    }
  })

  // the run in view: the replayed one, else the live run when it is being saved
  const runInView = replaying ? replay.runId : run?.saved ? run.runId : null
  useAppCommands(api, (command: AppCommand) => {
    switch (command.kind) {
      case 'open-library':
        setLeftOpenedByUser(true)
        setLeftOpen(true)
        return
      case 'toggle-theme':
        return toggleTheme()
      case 'show-shortcuts':
        return setHelpOpen(true)
      case 'export-run':
        void feedback.perform('Could not export the run', async () => {
          if (!api || !runInView) return 'No saved run in view to export'
          const { path } = await call(api, 'runs.export', { id: runInView })
          return path === null ? null : `Exported the run to ${path}`
        })
        return
      case 'replay-run':
        // main has opened it already: its replay.status event switches the view over
        return
    }
  })

  // a .twinrun or a scenario dropped on the window opens as from the command line
  const dropping = useFileDrop(api, feedback)

  // a tour step opens its run, then sets its camera: after the hall has switched to that
  // run's system, whose switch would otherwise put the camera back over the whole hall
  const settleHall = hall?.settle
  const showReplay = useCallback(
    async (runId: string, atS: number): Promise<void> => {
      const status = await replayCommands.show(runId, atS)
      if (status.system && settleHall) await settleHall(status.system)
    },
    [replayCommands, settleHall]
  )

  const openReplay = (saved: RunRecord): void => {
    leaveFocus(leftRef.current)
    replayCommands.open(saved)
  }
  const rerun = (saved: RunRecord): void => {
    leaveFocus(leftRef.current)
    commands.rerun(saved, speed)
  }

  return (
    <div className="app">
      <StatusBar
        systemName={systemSummary?.name ?? ready?.topology.name ?? 'CloudMatrix384'}
        run={run}
        telemetry={ready?.telemetry ?? null}
        replay={replay}
        theme={theme}
        onToggleTheme={toggleTheme}
        columns={
          ready
            ? {
                left: leftOpen,
                right: rightOpen,
                onLeft: toggleLeft,
                onRight: () => setRightOpen((open) => !open),
                leftRef: leftToggleRef
              }
            : undefined
        }
        tools={
          ready ? (
            <>
              {topology && <SearchBox view={view} topology={topology} />}
              <MetricPicker view={view} system={topology?.system} />
              <ExportMenu
                api={ready.api}
                replay={replay}
                runId={runInView}
                comparison={comparison?.runs.some((r) => r.id === runInView) ? comparison : null}
                view={view}
                telemetry={ready.telemetry}
                showReplay={showReplay}
              />
              <Presenter
                api={ready.api}
                view={view}
                telemetry={ready.telemetry}
                active={presenting}
                onActiveChange={setPresenting}
                runInView={runInView}
                replayTimeS={replaying ? replay.positionS : null}
                showReplay={showReplay}
                perform={feedback.perform}
                topology={topology}
              />
              <button
                type="button"
                className="view-control__button"
                aria-label="Keyboard shortcuts"
                aria-keyshortcuts={ariaKeyShortcuts('help')}
                title="Keyboard shortcuts (?)"
                onClick={() => setHelpOpen(true)}
              >
                ?
              </button>
            </>
          ) : null
        }
      />
      <div className="workspace">
        {ready && leftOpen && (
          <LeftColumn columnRef={leftRef}>
            <ScenarioPanel
              scenarios={scenarios}
              systems={ready.systems}
              selected={selected}
              onSelect={setPicked}
              speed={speed}
              run={run}
              commands={commands}
            />
            <AnalysisTools onOpen={setAnalysis} />
            <LibraryPanel
              api={ready.api}
              perform={feedback.perform}
              systems={ready.systems}
              replayingId={replaying ? replay.runId : null}
              onReplay={openReplay}
              onRerun={rerun}
              autoFocus={leftOpenedByUser}
            />
          </LeftColumn>
        )}
        <main className="viewport" aria-label="3D hall">
          {state.phase === 'loading' && (
            <LoadingView message="Loading the CloudMatrix384 topology and the scenarios…" />
          )}
          {state.phase === 'error' && (
            <ErrorView title={ERROR_TITLES[state.step]} message={state.message} code={state.code} />
          )}
          {ready && hall && (
            <>
              {topology ? (
                // keyed by system: another system's hall is a new scene (the old one disposes
                // its GPU objects), and a scene error of one system does not stick to the next
                <SceneErrorBoundary key={hall.system}>
                  <Suspense fallback={<LoadingView message="Building the hall…" />}>
                    <HallView topology={topology} telemetry={ready.telemetry} view={view} />
                  </Suspense>
                </SceneErrorBoundary>
              ) : (
                <NoHallView
                  name={hall.summary?.name ?? hall.system}
                  state={hall.state}
                  error={hall.error}
                />
              )}
              {topology && (
                <>
                  <Legend view={view} topology={topology} />
                  {/* over the hall, by the picture it moves, so the top bar fits at 1280 px */}
                  <div className="hall-views">
                    <ViewPresets view={view} topology={topology} />
                  </div>
                </>
              )}
              <Notices
                problem={feedback.problem}
                onDismiss={feedback.dismissProblem}
                note={feedback.note}
                onDismissNote={feedback.dismissNote}
                run={run}
                undrawnSystem={undrawnSystem}
              />
            </>
          )}
        </main>
        {ready && rightOpen && (
          <RightColumn
            inspector={
              topology ? (
                <Inspector view={view} topology={topology} telemetry={ready.telemetry} />
              ) : undefined
            }
          >
            <KpiPanel
              telemetry={ready.telemetry}
              slo={slo}
              noRun={!replaying && (run === null || run.runId === null)}
            />
            <KpiCharts
              telemetry={ready.telemetry}
              replay={
                replaying
                  ? {
                      series: details?.kpis ?? null,
                      error: details?.kpisError ?? null,
                      positionS: replay.positionS,
                      endS: replay.endS
                    }
                  : null
              }
              slo={slo}
              theme={theme}
              factory={charts}
            />
            <EventLog
              events={events}
              emptyText={
                replaying && details && details.events.length === 0
                  ? 'No faults or SLO breaches in this run'
                  : undefined
              }
            />
          </RightColumn>
        )}
      </div>
      {ready && (
        <section
          className={`timeline${replaying ? ' timeline--replay' : ''}`}
          aria-label="Timeline"
        >
          {replaying ? (
            <ReplayBar
              replay={replay}
              commands={replayCommands}
              events={savedEvents}
              overview={details?.overview ?? null}
            />
          ) : (
            <RunToolbar
              speed={speed}
              onSpeedChange={setSpeed}
              run={run}
              telemetry={ready.telemetry}
              commands={commands}
            />
          )}
        </section>
      )}
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      <DropOverlay active={dropping} />
      {ready && (
        <AnalysisViews
          open={analysis}
          onClose={() => setAnalysis(null)}
          api={ready.api}
          perform={feedback.perform}
          presets={scenarios}
          systems={ready.systems}
          selectedPreset={selected}
          runInView={
            runInView
              ? { id: runInView, name: (replaying ? replay.name : run?.scenarioName) ?? runInView }
              : null
          }
          run={run}
          speed={speed}
          theme={theme}
          charts={charts}
          onCompared={setComparison}
        />
      )}
    </div>
  )
}
