import { useEffect, useMemo, useState } from 'react'
import { type RunRecord, type TwinApi, call } from '../../../shared/api'
import type { Perform } from '../session/feedback'

export interface RunLibrary {
  /** the saved runs, newest first; null until the first list arrives */
  runs: RunRecord[] | null
  /** why the list could not be read, when it could not */
  error: string | null
  /** resolves with whether the run was renamed (a refused name leaves the editor open) */
  rename(run: RunRecord, name: string): Promise<boolean>
  remove(run: RunRecord): Promise<boolean>
  exportRun(run: RunRecord): void
  exportCsv(run: RunRecord): void
  importRuns(): void
}

function imported(runs: RunRecord[]): string | null {
  if (runs.length === 0) return null // the user cancelled the dialog
  return runs.length === 1 ? `Imported “${runs[0]!.name}”` : `Imported ${runs.length} runs`
}

/**
 * The saved runs while the library is on screen: read when it opens and again whenever main
 * says the library changed (a run saved, finished, renamed, deleted, imported), so every
 * change shows whoever made it. Commands report through `perform`; the list itself follows
 * the change events rather than the replies.
 */
/** how often the list is read again while a run in it is being recorded */
export const RECORDING_REFRESH_MS = 5000

export function useRunLibrary(api: TwinApi, perform: Perform): RunLibrary {
  const [runs, setRuns] = useState<RunRecord[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let disposed = false
    let asked = 0
    let timer: ReturnType<typeof setTimeout> | null = null
    const refresh = (): void => {
      // lists can cross on the way back: only the newest question's answer counts
      const ask = ++asked
      call(api, 'runs.list', {}).then(
        (list) => {
          if (disposed || ask !== asked) return
          setRuns(list)
          setError(null)
          // a run being recorded grows with no event to say so: look again while one is
          if (timer) clearTimeout(timer)
          timer = list.some((run) => run.status === 'running')
            ? setTimeout(refresh, RECORDING_REFRESH_MS)
            : null
        },
        (failure: unknown) => {
          if (disposed || ask !== asked) return
          setError(failure instanceof Error ? failure.message : String(failure))
        }
      )
    }
    const unsubscribe = api.onEvent((event) => {
      if (event.type === 'library.changed') refresh()
    })
    refresh()
    return () => {
      disposed = true
      if (timer) clearTimeout(timer)
      unsubscribe()
    }
  }, [api])

  return useMemo<RunLibrary>(
    () => ({
      runs,
      error,
      rename: (run, name) =>
        perform(`Could not rename “${run.name}”`, async () => {
          await call(api, 'runs.rename', { id: run.id, name })
        }),
      remove: (run) =>
        perform(`Could not delete “${run.name}”`, async () => {
          await call(api, 'runs.delete', { id: run.id })
          return `Deleted “${run.name}”`
        }),
      exportRun: (run) =>
        void perform(`Could not export “${run.name}”`, async () => {
          const { path } = await call(api, 'runs.export', { id: run.id })
          return path === null ? null : `Exported “${run.name}” to ${path}`
        }),
      exportCsv: (run) =>
        void perform(`Could not export the KPIs of “${run.name}”`, async () => {
          const { path } = await call(api, 'runs.exportCsv', { id: run.id })
          return path === null ? null : `Exported the KPIs of “${run.name}” to ${path}`
        }),
      importRuns: () =>
        void perform('Could not import runs', async () =>
          imported(await call(api, 'runs.import', {}))
        )
    }),
    [api, perform, runs, error]
  )
}
