import {
  type ComponentType,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState
} from 'react'
import type { Topology } from '../../../engine/topology/types'
import { type SystemSummary, type TwinApi, call } from '../../../shared/api'
import { type FrameView, decodeFrame, kpi } from '../../../shared/frame'
import { base64ToBytes } from '../api/base64'
import { formatDuration } from '../library/format'
import { formatNumber } from '../ui/kpiFormat'
import { DIE_METRIC_SPECS, type DieMetric } from '../view/dieMetrics'
import type { Theme } from '../view/viewState'
import { compareProbe } from './compareProbe'
import { CompareScene, type CompareSceneProps, ShownFrame } from './CompareScene'
import {
  COMPARE_SPEEDS,
  type CompareSpeed,
  DEFAULT_COMPARE_SPEED,
  advance,
  playFrom,
  runTimeAt,
  timelineEnd
} from './compareTimeline'

/** a compared run, as the scenes need it */
export interface SceneRun {
  id: string
  name: string
  system: string
  /** time of its last saved frame */
  endS: number
}

export interface CompareScenesProps {
  api: TwinApi
  runs: SceneRun[]
  theme: Theme
  /** a failure in words (the compare view shows it) */
  onError(message: string): void
  /** one run's scene; tests without WebGL pass a stand-in */
  scene?: ComponentType<CompareSceneProps>
}

/** Metrics that mean the same on every system: a share of the chip's own peak, or its role. */
const SCENE_METRICS: DieMetric[] = ['compute', 'hbmBandwidth', 'role']
/** how often the timeline moves while playing, ms */
const TICK_MS = 250

/** the frame's parts when they are this topology's; null when the run carries none of them */
function partsOf(frame: FrameView, topology: Topology | null): FrameView | null {
  return topology && frame.counts.dies === topology.dies.length ? frame : null
}

/**
 * Each compared run in its own 3D hall, all on one timeline: scrub or play it and every scene
 * shows its run's saved frame at that simulated time (a run that ended earlier holds its last
 * frame). Frames come from the library one at a time (runs.frameAt); while one set loads, a
 * newer time waits and the ones in between are skipped, so a fast scrub never queues.
 */
export default function CompareScenes({
  api,
  runs,
  theme,
  onError,
  scene: Scene = CompareScene
}: CompareScenesProps) {
  const [systems, setSystems] = useState<SystemSummary[] | null>(null)
  const [topologies, setTopologies] = useState<Record<string, Topology>>({})
  const [timeS, setTimeS] = useState(0)
  const [playing, setPlaying] = useState(false)
  const [speed, setSpeed] = useState<CompareSpeed>(DEFAULT_COMPARE_SPEED)
  const [metric, setMetric] = useState<DieMetric>('compute')
  const endS = timelineEnd(runs)
  const shown = useMemo(() => new Map(runs.map((r) => [r.id, new ShownFrame()])), [runs])
  const captions = useRef(new Map<string, HTMLElement>())
  const fetching = useRef({ busy: false, next: null as number | null })
  const timeRef = useRef(0)
  const report = useRef(onError)
  useLayoutEffect(() => {
    report.current = onError
  })

  useEffect(() => {
    let live = true
    void (async () => {
      try {
        const list = await call(api, 'systems.list', {})
        if (!live) return
        setSystems(list)
        const drawable = [...new Set(runs.map((r) => r.system))].filter(
          (id) => list.find((s) => s.id === id)?.hasTopology
        )
        const loaded = await Promise.all(
          drawable.map(
            async (id) =>
              [id, await call(api, 'topology.get', { system: id as SystemSummary['id'] })] as const
          )
        )
        if (live) setTopologies(Object.fromEntries(loaded))
      } catch (error) {
        report.current(`Could not load the systems' topologies: ${String(error)}`)
      }
    })()
    return () => {
      live = false
    }
  }, [api, runs])

  const topologiesRef = useRef(topologies)
  useLayoutEffect(() => {
    topologiesRef.current = topologies
  })

  /** shows every run at timeline time t; a newer t asked meanwhile is shown next */
  const showAt = useCallback(
    async (t: number): Promise<void> => {
      const state = fetching.current
      if (state.busy) {
        state.next = t
        return
      }
      state.busy = true
      try {
        for (let at: number | null = t; at !== null; at = state.next, state.next = null) {
          const probe = compareProbe()
          probe.timeS = at
          const asked = at
          const frames = await Promise.all(
            runs.map((run) => call(api, 'runs.frameAt', { id: run.id, atS: runTimeAt(run, asked) }))
          )
          runs.forEach((run, i) => {
            const frame = decodeFrame(base64ToBytes(frames[i]!.data).buffer)
            const topology = topologiesRef.current[run.system] ?? null
            shown.get(run.id)!.show(partsOf(frame, topology), asked, frame.simTimeS)
            const caption = captions.current.get(run.id)
            if (caption) {
              const perChip = kpi(frame, 'outputTokensPerSPerChip')
              const batch = kpi(frame, 'decodeBatchPerChip')
              caption.textContent =
                `t = ${formatDuration(frame.simTimeS)} · ` +
                `${formatNumber(perChip)} output tok/s per decode chip · ` +
                `decode batch ${formatNumber(batch)} per chip`
            }
          })
          if (state.next === null) probe.settled++
        }
      } catch (error) {
        setPlaying(false)
        report.current(`Could not show the runs at ${formatDuration(t)}: ${String(error)}`)
      } finally {
        state.busy = false
      }
    },
    [api, runs, shown]
  )

  const moveTo = useCallback(
    (t: number) => {
      timeRef.current = t
      setTimeS(t)
      void showAt(t)
    },
    [showAt]
  )

  // the first frames once the topologies are known (a run's parts need its topology)
  useEffect(() => {
    if (systems) moveTo(timeRef.current)
  }, [systems, topologies, moveTo])

  useEffect(() => {
    if (!playing) return
    let last = performance.now()
    const timer = setInterval(() => {
      const now = performance.now()
      const step = advance(timeRef.current, (now - last) / 1000, speed, endS)
      last = now
      moveTo(step.t)
      if (step.ended) setPlaying(false)
    }, TICK_MS)
    return () => clearInterval(timer)
  }, [playing, speed, endS, moveTo])

  const togglePlay = (): void => {
    if (!playing) moveTo(playFrom(timeRef.current, endS))
    setPlaying(!playing)
  }

  return (
    <div className="compare-scenes__body">
      <div className="compare-timeline" role="group" aria-label="Compare timeline">
        <button
          type="button"
          className="dialog-button"
          onClick={togglePlay}
          aria-pressed={playing}
          disabled={endS <= 0}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <input
          type="range"
          className="compare-timeline__scrub"
          aria-label="Simulated time of every run"
          aria-valuetext={formatDuration(timeS)}
          min={0}
          max={endS}
          step="any"
          value={timeS}
          onChange={(event) => {
            setPlaying(false)
            moveTo(Number(event.target.value))
          }}
        />
        <span className="compare-timeline__time" data-testid="compare-time">
          {formatDuration(timeS)} of {formatDuration(endS)}
        </span>
        <label className="compare-field compare-field--inline">
          <span>Speed</span>
          <select
            value={speed}
            onChange={(event) => setSpeed(Number(event.target.value) as CompareSpeed)}
          >
            {COMPARE_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}x
              </option>
            ))}
          </select>
        </label>
        <label className="compare-field compare-field--inline">
          <span>Dies by</span>
          <select value={metric} onChange={(event) => setMetric(event.target.value as DieMetric)}>
            {SCENE_METRICS.map((m) => (
              <option key={m} value={m}>
                {DIE_METRIC_SPECS[m].label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="compare-scenes__grid" data-count={runs.length}>
        {runs.map((run, i) => {
          const topology = topologies[run.system]
          const undrawable =
            systems !== null && !systems.find((s) => s.id === run.system)?.hasTopology
          return (
            <figure key={run.id} className="compare-scene" data-run={run.id}>
              <figcaption className="compare-scene__title">
                <span className="compare-pick__order">{i + 1}. </span>
                {run.name} <span className="data-table__sub">{run.system}</span>
              </figcaption>
              <div className="compare-scene__view">
                {topology ? (
                  <Scene
                    runId={run.id}
                    topology={topology}
                    shown={shown.get(run.id)!}
                    metric={metric}
                    theme={theme}
                  />
                ) : (
                  <p className="dialog-empty">
                    {undrawable
                      ? `${run.system} has no part-level topology in the twin yet: its KPIs are in the table and charts.`
                      : 'Loading the system…'}
                  </p>
                )}
              </div>
              <p
                className="compare-scene__caption"
                aria-live="off"
                ref={(element) => {
                  if (element) captions.current.set(run.id, element)
                  else captions.current.delete(run.id)
                }}
              />
            </figure>
          )
        })}
      </div>
    </div>
  )
}
