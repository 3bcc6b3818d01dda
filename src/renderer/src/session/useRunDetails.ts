import { useEffect, useState } from 'react'
import {
  type RunEvent,
  type RunKpiSeries,
  type RunOverview,
  type RunStatus,
  type TwinApi,
  call
} from '../../../shared/api'
import { CHART_KPIS } from '../charts/series'
import { DEFAULT_SLO, type Slo, sloOf } from './slo'

/** an SLO and whether it is the run's own or the default assumed while it is unknown */
export interface RunSlo extends Slo {
  source: 'scenario' | 'default'
}

/** the SLO assumed until a run's own is known */
export const ASSUMED_SLO: RunSlo = { ...DEFAULT_SLO, source: 'default' }

/**
 * The live run's SLO: its preset's scenario, or for a re-run (no preset) the saved run's.
 * Until it arrives, or if it cannot be read, the schema's defaults, marked as such: the tiles
 * still compare against something, and say what.
 */
export function useLiveSlo(api: TwinApi | null, run: RunStatus | null): RunSlo {
  const presetId = run?.scenarioId ?? null
  const savedId = presetId === null && run?.saved ? run.runId : null
  const key = presetId !== null ? `preset:${presetId}` : savedId !== null ? `run:${savedId}` : null
  const [loaded, setLoaded] = useState<{ key: string; slo: RunSlo } | null>(null)
  useEffect(() => {
    if (!api || key === null) return
    let current = true
    const scenario =
      presetId !== null
        ? call(api, 'scenarios.get', { id: presetId })
        : call(api, 'runs.get', { id: savedId! }).then((details) => details.scenario)
    scenario.then(
      (found) => {
        if (current) setLoaded({ key, slo: { ...sloOf(found), source: 'scenario' } })
      },
      // the tiles fall back to the defaults, labelled as assumed; nothing else depends on it
      () => {}
    )
    return () => {
      current = false
    }
  }, [api, key, presetId, savedId])
  return loaded !== null && loaded.key === key ? loaded.slo : ASSUMED_SLO
}

/** what the view needs of a replayed run besides its frames */
export interface ReplayDetails {
  runId: string
  events: RunEvent[]
  slo: RunSlo
  /** the timeline's strip; null until it arrives */
  overview: RunOverview | null
  /** the charts' series; null until they arrive */
  kpis: RunKpiSeries | null
  /** why the series could not be read, shown where the charts would be */
  kpisError: string | null
}

/**
 * Loads a replayed run's events and scenario (runs.get), its overview (runs.overview) and its
 * charted KPIs at every saved frame (runs.kpis), once per replay opened. Each part shows as
 * it arrives; a failure goes to `report`.
 */
export function useReplayDetails(
  api: TwinApi | null,
  runId: string | null,
  report: (title: string, error: unknown) => void
): ReplayDetails | null {
  const [details, setDetails] = useState<ReplayDetails | null>(null)
  useEffect(() => {
    if (!api || !runId) return
    let current = true
    const merge = (part: Partial<ReplayDetails>): void => {
      if (!current) return
      setDetails((held) => ({ ...(held?.runId === runId ? held : blank(runId)), ...part }))
    }
    const failed = (title: string) => (error: unknown) => {
      if (current) report(title, error)
    }
    call(api, 'runs.get', { id: runId }).then(
      ({ events, scenario }) => merge({ events, slo: { ...sloOf(scenario), source: 'scenario' } }),
      failed('Could not load the events of the replayed run')
    )
    call(api, 'runs.overview', { id: runId }).then(
      (overview) => merge({ overview }),
      failed('Could not load the overview of the replayed run')
    )
    call(api, 'runs.kpis', { id: runId, names: CHART_KPIS }).then(
      (kpis) => merge({ kpis }),
      (error: unknown) => {
        failed('Could not load the KPI history of the replayed run')(error)
        // the notice goes with the next command's success; the charts keep saying why
        merge({ kpisError: error instanceof Error ? error.message : String(error) })
      }
    )
    return () => {
      current = false
    }
  }, [api, runId, report])
  return details !== null && details.runId === runId ? details : null
}

function blank(runId: string): ReplayDetails {
  return { runId, events: [], slo: ASSUMED_SLO, overview: null, kpis: null, kpisError: null }
}
