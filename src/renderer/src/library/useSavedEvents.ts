import { useEffect, useState } from 'react'
import { type RunEvent, type TwinApi, call } from '../../../shared/api'

/**
 * The events (faults, recoveries, SLO breaches) of a saved run, for the event log during its
 * replay. Empty until they arrive, and for no run. A failure goes to `report`.
 */
export function useSavedEvents(
  api: TwinApi | null,
  runId: string | null,
  report: (title: string, error: unknown) => void
): RunEvent[] {
  const [loaded, setLoaded] = useState<{ runId: string; events: RunEvent[] } | null>(null)
  useEffect(() => {
    if (!api || !runId) return
    let current = true
    call(api, 'runs.get', { id: runId }).then(
      ({ events }) => {
        if (current) setLoaded({ runId, events })
      },
      (error: unknown) => {
        if (current) report('Could not load the events of the replayed run', error)
      }
    )
    return () => {
      current = false
    }
  }, [api, runId, report])
  return loaded !== null && loaded.runId === runId ? loaded.events : NO_EVENTS
}

const NO_EVENTS: RunEvent[] = []
