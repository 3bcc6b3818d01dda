import { parseTour, type Tour } from '../../../shared/tour'
import { LibraryError, type RunStore } from './runStore'

/**
 * The guided tours saved with a run (schema 3, table `tours`): one per name per run, stored as
 * the tour's JSON and validated again when read, so a row written by hand or by another build
 * that does not validate is reported, not shown half.
 */
export function runTours(store: RunStore, runId: string): Tour[] {
  store.require(runId)
  const rows = store.db
    .prepare(`SELECT name, tour_json FROM tours WHERE run_id = ? ORDER BY name`)
    .all(runId) as { name: string; tour_json: string }[]
  return rows.map((row) => {
    try {
      return parseTour(JSON.parse(row.tour_json), `tour '${row.name}' of run '${runId}'`)
    } catch (error) {
      throw new LibraryError((error as Error).message)
    }
  })
}

/** Saves a tour with its run, replacing a tour of the same name. */
export function saveRunTour(store: RunStore, runId: string, tour: Tour): Tour {
  store.require(runId)
  const valid = parseTour(tour, 'tour')
  store.db
    .prepare(
      `INSERT INTO tours (run_id, name, tour_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (run_id, name) DO UPDATE SET tour_json = excluded.tour_json, updated_at = excluded.updated_at`
    )
    .run(runId, valid.name, JSON.stringify(valid), new Date().toISOString())
  return valid
}

/** Deletes a run's tour by name; a name the run has no tour under is an error. */
export function deleteRunTour(store: RunStore, runId: string, name: string): void {
  store.require(runId)
  const { changes } = store.db
    .prepare(`DELETE FROM tours WHERE run_id = ? AND name = ?`)
    .run(runId, name)
  if (changes === 0) throw new LibraryError(`run '${runId}' has no tour named '${name}'`)
}
