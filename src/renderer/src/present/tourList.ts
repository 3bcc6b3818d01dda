import { type ListedTour, type TwinApi, call } from '../../../shared/api'

/** a tour's key in the pickers: the run it is saved with (or 'built-in') and its name */
export const tourKey = (t: ListedTour): string => `${t.runId ?? 'built-in'}/${t.tour.name}`

/**
 * The built-in tours and the run's; an error in words instead of a rejection, so a menu can
 * show it where the list would be. Present mode and the tour video both read tours this way.
 */
export async function listTours(
  api: TwinApi,
  runId: string | null
): Promise<{ tours: ListedTour[]; error: string | null }> {
  try {
    return { tours: await call(api, 'tours.list', runId ? { runId } : {}), error: null }
  } catch (error) {
    return { tours: [], error: error instanceof Error ? error.message : String(error) }
  }
}
