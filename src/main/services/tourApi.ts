import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TwinParsedArgs, TwinResults } from '../../shared/api'
import { TwinError } from '../../shared/errors'
import { type ListedTour, type Tour, TourError, parseTour } from '../../shared/tour'
import { LibraryError, type RunStore } from './library/runStore'
import { deleteRunTour, runTours, saveRunTour } from './library/tourStore'
import { parseJson } from './scenarios'

type TourMethod = Extract<keyof TwinResults, `tours.${string}`>
export type TourHandlers = {
  [M in TourMethod]: (args: TwinParsedArgs<M>) => TwinResults[M] | Promise<TwinResults[M]>
}

export interface TourApiDeps {
  /** holds tours/*.json, the built-in tours */
  resourcesDir: string
  store: RunStore | null
  /** why there is no library, for the errors of the methods that need it */
  unavailable: string
}

/**
 * The built-in tours, resources/tours/*.json in file-name order. A file that does not validate
 * is an error naming the file and the field: it ships with the app, so it is a bug to report,
 * not a file to skip in silence.
 */
export function builtInTours(resourcesDir: string): Tour[] {
  const dir = join(resourcesDir, 'tours')
  let files: string[]
  try {
    files = readdirSync(dir)
  } catch {
    return []
  }
  return files
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const path = join(dir, f)
      let value: unknown
      try {
        value = parseJson(readFileSync(path, 'utf8'), path)
      } catch (error) {
        throw new TourError((error as Error).message, 'tours')
      }
      return parseTour(value, path)
    })
}

/** the tours.* methods: present mode's guided tours, built in or saved with a run */
export function tourHandlers(deps: TourApiDeps): TourHandlers {
  const store = (): RunStore => {
    if (!deps.store) throw new TwinError({ code: 'unavailable', message: deps.unavailable })
    return deps.store
  }
  const call = <T>(field: string, action: () => T): T => {
    try {
      return action()
    } catch (error) {
      if (error instanceof LibraryError || error instanceof TourError) {
        const missing = /^no run '/.test(error.message)
        throw new TwinError({
          code: missing ? 'not-found' : 'invalid-argument',
          message: error.message,
          field: missing ? 'runId' : error instanceof TourError ? error.field : field
        })
      }
      throw error
    }
  }
  return {
    'tours.list': ({ runId }) => {
      const listed: ListedTour[] = call('tours', () =>
        builtInTours(deps.resourcesDir).map((tour) => ({ tour, runId: null, builtIn: true }))
      )
      if (runId === undefined) return listed
      const saved = call('runId', () => runTours(store(), runId))
      return [...listed, ...saved.map((tour) => ({ tour, runId, builtIn: false }))]
    },
    'tours.save': ({ runId, tour }) => ({
      tour: call('tour', () => saveRunTour(store(), runId, tour)),
      runId,
      builtIn: false
    }),
    'tours.delete': ({ runId, name }) =>
      call('name', () => {
        deleteRunTour(store(), runId, name)
        return { deleted: name }
      })
  }
}
