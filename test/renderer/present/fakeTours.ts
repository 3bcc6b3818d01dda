import story from '../../../resources/tours/cloudmatrix384-story.json'
import type { ListedTour, TwinResponse } from '../../../src/shared/api'
import { parseTour, type Tour } from '../../../src/shared/tour'

/** the built-in tour as main reads it from resources/tours */
export const builtInTour: Tour = parseTour(story, 'built-in')

/**
 * tours.* for fakeTwin's overrides: the built-in tour and tours saved with runs, in memory,
 * as main keeps them (a save replaces a tour of the same name).
 */
export function fakeTours(saved: Record<string, Tour[]> = {}) {
  const byRun: Record<string, Tour[]> = structuredClone(saved)
  const listed = (runId?: string): ListedTour[] => [
    { tour: builtInTour, runId: null, builtIn: true },
    ...(runId ? (byRun[runId] ?? []).map((tour) => ({ tour, runId, builtIn: false })) : [])
  ]
  const overrides = {
    'tours.list': (args: { runId?: string }) =>
      Promise.resolve<TwinResponse<'tours.list'>>({ ok: true, value: listed(args.runId) }),
    'tours.save': (args: { runId: string; tour: Tour }) => {
      const tours = (byRun[args.runId] ??= []).filter((t) => t.name !== args.tour.name)
      byRun[args.runId] = [...tours, args.tour]
      return Promise.resolve<TwinResponse<'tours.save'>>({
        ok: true,
        value: { tour: args.tour, runId: args.runId, builtIn: false }
      })
    },
    'tours.delete': (args: { runId: string; name: string }) => {
      byRun[args.runId] = (byRun[args.runId] ?? []).filter((t) => t.name !== args.name)
      return Promise.resolve<TwinResponse<'tours.delete'>>({
        ok: true,
        value: { deleted: args.name }
      })
    }
  }
  return { overrides, saved: byRun }
}
