import {
  type ComponentType,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState
} from 'react'
import {
  type ComparisonPreset,
  type ComparisonStatus,
  type KpiComparison,
  type RunKpiSeries,
  type RunRecord,
  type RunStatus,
  type TwinApi,
  call
} from '../../../shared/api'
import type { ChartFactory } from '../charts/chartEngine'
import { formatDuration, formatWhen } from '../library/format'
import type { Perform } from '../session/feedback'
import { FullDialog } from '../ui/FullDialog'
import type { Theme } from '../view/viewState'
import { CompareCharts } from './CompareCharts'
import type { CompareScenesProps, SceneRun } from './CompareScenes'
import { CompareTable } from './CompareTable'
import { COMPARE_KPIS } from './compareSeries'
import './compare.css'

export const MAX_COMPARED = 3

export interface CompareViewProps {
  api: TwinApi
  perform: Perform
  onClose(): void
  /** the live run: the running member's progress */
  run: RunStatus | null
  theme: Theme
  charts?: ChartFactory
  /** runs to compare at once (e.g. from the library) */
  initialIds?: string[]
  /**
   * each run's 3D view on one timeline (CompareScenes, loaded lazily with three); without it
   * (tests without WebGL) the place says so
   */
  scenes?: ComponentType<CompareScenesProps> | undefined
  /** the comparison shown (null when cleared): the app's report of a compared run includes it */
  onCompared?(comparison: KpiComparison | null): void
}

/** how far a comparison is, 0..1: the finished members plus the running one's share */
export function comparisonProgress(status: ComparisonStatus, run: RunStatus | null): number {
  if (status.total === 0) return 0
  if (status.state === 'finished') return 1
  let part = 0
  const member = status.current === null ? null : status.members[status.current]
  if (member && run && run.runId === member.runId && run.durationS > 0) {
    part = Math.min(1, Math.max(0, run.simTimeS / run.durationS))
  }
  return Math.min(1, (status.done + part) / status.total)
}

const comparable = (run: RunRecord): boolean => run.summary !== null && run.status !== 'running'

/**
 * Compare two or three saved runs: pick them (or run the built-in comparison, its members saved
 * as they finish), then the KPI table with deltas against the first, and the KPIs over time
 * overlaid. A full-window dialog; Escape closes it.
 */
export function CompareView({
  api,
  perform,
  onClose,
  run,
  theme,
  charts,
  initialIds,
  scenes: Scenes,
  onCompared
}: CompareViewProps) {
  const [runs, setRuns] = useState<RunRecord[] | null>(null)
  const [picked, setPicked] = useState<string[]>(initialIds ?? [])
  const [presets, setPresets] = useState<ComparisonPreset[]>([])
  const [presetId, setPresetId] = useState<string>('')
  const [durationText, setDurationText] = useState('')
  const [status, setStatus] = useState<ComparisonStatus | null>(null)
  const [comparison, setComparison] = useState<KpiComparison | null>(null)
  const [series, setSeries] = useState<RunKpiSeries[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const comparedFor = useRef<string>('')
  const resultsRef = useRef<HTMLElement>(null)

  /** runs a command; its failure is shown here (the notices are behind the dialog) and reported */
  const attempt = useCallback(
    (title: string, action: () => Promise<string | null | void>) =>
      perform(title, async () => {
        try {
          const done = await action()
          setError(null)
          return done
        } catch (failure) {
          setError(`${title}: ${failure instanceof Error ? failure.message : String(failure)}`)
          throw failure
        }
      }),
    [perform]
  )

  const loadRuns = useCallback(
    () =>
      attempt('Could not list the saved runs', async () => {
        setRuns(await call(api, 'runs.list', {}))
      }),
    [api, attempt]
  )

  const compare = useCallback(
    (ids: string[]) =>
      attempt('Could not compare the runs', async () => {
        comparedFor.current = ids.join(',')
        setComparison(null)
        setSeries(null)
        const result = await call(api, 'runs.compare', { ids })
        if (comparedFor.current !== ids.join(',')) return
        setComparison(result)
        onCompared?.(result)
        const kpis = await Promise.all(
          ids.map((id) => call(api, 'runs.kpis', { id, names: COMPARE_KPIS }))
        )
        if (comparedFor.current !== ids.join(',')) return
        setSeries(kpis)
        resultsRef.current?.focus()
      }),
    [api, attempt, onCompared]
  )

  useEffect(() => {
    void loadRuns()
    void attempt('Could not list the built-in comparisons', async () => {
      const [list, current] = await Promise.all([
        call(api, 'comparisons.list', {}),
        call(api, 'comparisons.status', {})
      ])
      setPresets(list)
      setPresetId((id) => id || list[0]?.id || '')
      setStatus(current)
    })
    if (initialIds && initialIds.length >= 2) void compare(initialIds)
    // once, when the view opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type === 'library.changed') void loadRuns()
        if (event.type !== 'comparison.status') return
        setStatus(event.status)
        if (event.status.state === 'finished' && event.status.runIds.length >= 2) {
          setPicked(event.status.runIds.slice(0, MAX_COMPARED))
          void loadRuns()
          void compare(event.status.runIds.slice(0, MAX_COMPARED))
        }
      }),
    [api, loadRuns, compare]
  )

  const toggle = (id: string): void =>
    setPicked((now) =>
      now.includes(id)
        ? now.filter((x) => x !== id)
        : now.length >= MAX_COMPARED
          ? now
          : [...now, id]
    )

  const running = status?.state === 'running'
  const preset = presets.find((p) => p.id === presetId) ?? null
  const durationS = durationText.trim() === '' ? undefined : Number(durationText)
  const durationError =
    durationS !== undefined && !(Number.isFinite(durationS) && durationS > 0 && durationS <= 86_400)
      ? 'must be a number of seconds above 0 and at most 86,400'
      : null

  const startComparison = (): void => {
    if (!preset || durationError) return
    void attempt(`Could not run “${preset.name}”`, async () => {
      setComparison(null)
      setSeries(null)
      const args = durationS === undefined ? { id: preset.id } : { id: preset.id, durationS }
      setStatus(await call(api, 'comparisons.run', args))
    })
  }
  const cancelComparison = (): void => {
    void attempt('Could not cancel the comparison', async () => {
      setStatus(await call(api, 'comparisons.cancel', {}))
    })
  }

  const shownRuns = useMemo(
    () => comparison?.runs.map((r) => ({ id: r.id, name: r.name })) ?? [],
    [comparison]
  )
  // the scenes restart only when the compared runs (or how far they got) change, not on
  // every refresh of the run list
  const sceneKey =
    comparison?.runs
      .map((r) => `${r.id}@${runs?.find((x) => x.id === r.id)?.simulatedS ?? 0}`)
      .join(',') ?? ''
  const sceneRuns = useMemo<SceneRun[]>(
    () =>
      comparison?.runs.map((r) => ({
        id: r.id,
        name: r.name,
        system: r.system,
        endS: runs?.find((x) => x.id === r.id)?.simulatedS ?? 0
      })) ?? [],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sceneKey]
  )
  const showError = useCallback((message: string) => setError(message), [])
  const progress = status ? comparisonProgress(status, run) : 0
  const choices = runs?.filter(comparable) ?? null

  return (
    <FullDialog
      title="Compare runs"
      subtitle="Two or three saved runs side by side; deltas against the first"
      size="full"
      closeLabel="Close the compare view"
      onClose={onClose}
      testId="compare-view"
    >
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
      <div className="compare-setup">
        <section className="compare-pick" aria-labelledby="compare-pick-title">
          <h3 className="compare-section__title" id="compare-pick-title">
            Saved runs
          </h3>
          {choices === null ? (
            <p className="dialog-empty">Loading the saved runs…</p>
          ) : choices.length < 2 ? (
            <p className="dialog-empty" data-testid="compare-empty">
              Comparing needs at least two finished saved runs. Run the built-in comparison here, or
              run scenarios (each run is saved in the library) and come back.
            </p>
          ) : (
            <fieldset className="compare-pick__list">
              <legend className="visually-hidden">Pick two or three runs</legend>
              {choices.map((r) => {
                const at = picked.indexOf(r.id)
                return (
                  <label key={r.id} className="compare-pick__run">
                    <input
                      type="checkbox"
                      checked={at >= 0}
                      disabled={at < 0 && picked.length >= MAX_COMPARED}
                      onChange={() => toggle(r.id)}
                    />
                    <span>
                      {at >= 0 && <span className="compare-pick__order">{at + 1}. </span>}
                      {r.name}
                      <span className="data-table__sub">
                        {r.system} · {r.status} · {formatDuration(r.simulatedS)} ·{' '}
                        {formatWhen(r.createdAt)}
                      </span>
                    </span>
                  </label>
                )
              })}
            </fieldset>
          )}
          <button
            type="button"
            className="dialog-button dialog-button--primary"
            disabled={picked.length < 2}
            onClick={() => void compare(picked)}
          >
            Compare {picked.length >= 2 ? `${picked.length} runs` : '(pick 2 or 3)'}
          </button>
        </section>
        <section className="compare-preset" aria-labelledby="compare-preset-title">
          <h3 className="compare-section__title" id="compare-preset-title">
            Built-in comparison
          </h3>
          {presets.length === 0 ? (
            <p className="dialog-empty">No built-in comparison was found.</p>
          ) : (
            <>
              <label className="compare-field">
                <span>Comparison</span>
                <select
                  value={presetId}
                  disabled={running}
                  onChange={(event) => setPresetId(event.target.value)}
                >
                  {presets.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
              {preset && (
                <p className="compare-preset__members">
                  {preset.members
                    .map(
                      (m) =>
                        `${m.system} (${m.decodeChips} decode chips${m.ratePerS !== null ? `, ${Number(m.ratePerS.toFixed(1))} req/s` : ''}${m.capacity ? `: ${Math.round(m.capacity.loadFraction * 100)}% of its ${m.capacity.binding}-bound capacity` : ''})`
                    )
                    .join(' · ')}
                </p>
              )}
              <label className="compare-field">
                <span>Simulated seconds per system (empty: the comparison’s own)</span>
                <input
                  type="text"
                  inputMode="decimal"
                  value={durationText}
                  disabled={running}
                  aria-invalid={durationError ? true : undefined}
                  aria-describedby={durationError ? 'compare-duration-error' : undefined}
                  onChange={(event) => setDurationText(event.target.value)}
                />
              </label>
              {durationError && (
                <p className="field-error" id="compare-duration-error">
                  {durationError}
                </p>
              )}
              <div className="compare-preset__actions">
                <button
                  type="button"
                  className="dialog-button dialog-button--primary"
                  disabled={running || !preset || durationError !== null}
                  onClick={startComparison}
                >
                  Run comparison
                </button>
                {running && (
                  <button type="button" className="dialog-button" onClick={cancelComparison}>
                    Cancel
                  </button>
                )}
              </div>
            </>
          )}
          {status && status.state !== 'idle' && (
            <div className="compare-progress" data-state={status.state}>
              <progress
                className="compare-progress__bar"
                aria-label="Comparison progress"
                max={1}
                value={progress}
              />
              <p className="compare-progress__text" role="status">
                {status.state === 'running'
                  ? `Running ${status.name ?? 'the comparison'}: ${status.done} of ${status.total} systems done (${Math.round(progress * 100)} %)`
                  : status.state === 'finished'
                    ? `${status.name ?? 'The comparison'} finished: ${status.total} runs saved`
                    : status.state === 'cancelled'
                      ? `Cancelled${status.error ? `: ${status.error}` : ''}`
                      : `Failed${status.error ? `: ${status.error}` : ''}`}
              </p>
              <ol className="compare-progress__members">
                {status.members.map((m, i) => (
                  <li key={i}>
                    {m.system}: {m.state}
                  </li>
                ))}
              </ol>
            </div>
          )}
        </section>
      </div>
      <section
        ref={resultsRef}
        tabIndex={-1}
        className="compare-results"
        aria-label="Comparison results"
      >
        {comparison === null ? (
          <p className="dialog-empty">
            Pick two or three saved runs and press Compare, or run the built-in comparison: the KPI
            table and the charts show here.
          </p>
        ) : (
          <>
            <CompareTable comparison={comparison} />
            <CompareCharts runs={shownRuns} series={series} theme={theme} factory={charts} />
            <section className="compare-scenes" aria-label="3D views of the runs">
              {Scenes ? (
                <Suspense fallback={<p className="dialog-empty">Loading the 3D views…</p>}>
                  <Scenes api={api} runs={sceneRuns} theme={theme} onError={showError} />
                </Suspense>
              ) : (
                <p className="dialog-empty" data-testid="compare-scene-slot">
                  The 3D views of these runs need WebGL, which this view does not have.
                </p>
              )}
            </section>
          </>
        )}
      </section>
    </FullDialog>
  )
}
