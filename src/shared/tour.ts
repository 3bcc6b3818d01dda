import { z } from 'zod'
import { KPI_NAMES } from './frame'

/**
 * A guided tour of the 3D view for present mode: a name and its steps, each a camera waypoint,
 * a caption, the die metric coloured, the KPI called out and, optionally, a saved run shown at
 * a time. Built-in tours are JSON files in resources/tours/ (the file name is not the id: the
 * name is); the user's tours are saved with a run in the run library (schema 3).
 *
 * The renderer's own lists (view/dieMetrics.ts DIE_METRICS, view/viewState.ts CameraPreset and
 * PartKind) are repeated here because shared code cannot import the renderer;
 * test/shared/tour.test.ts keeps them equal.
 */
export const TOUR_METRICS = ['compute', 'hbmBandwidth', 'hbmOccupancy', 'power', 'role'] as const
export const TOUR_PRESETS = ['hall', 'network', 'rack', 'node'] as const
export const TOUR_PART_KINDS = [
  'rack',
  'node',
  'die',
  'cpu',
  'l1Switch',
  'l2Switch',
  'link'
] as const

export const tourStepSchema = z
  .object({
    /** where the camera flies: a preset, and for 'rack' / 'node' the rack or node to frame */
    camera: z
      .object({
        preset: z.enum(TOUR_PRESETS),
        part: z
          .object({
            kind: z.enum(TOUR_PART_KINDS),
            index: z.number().int().min(0).max(100_000)
          })
          .strict()
          .nullable()
          .default(null)
      })
      .strict(),
    /** what the audience reads: one or two sentences, citing where numbers come from */
    caption: z.string().trim().min(1).max(2000),
    /** what the dies are coloured by */
    metric: z.enum(TOUR_METRICS),
    /** the KPI shown big (shared/frame.ts KPI_NAMES) */
    kpi: z.enum(KPI_NAMES),
    /** a saved run to replay at this step, paused at `timeS` */
    runId: z.string().min(1).max(100).optional(),
    timeS: z.number().min(0).max(1e7).optional(),
    /** seconds the step stays on screen when the tour plays by itself (default 8) */
    dwellS: z.number().min(1).max(600).optional()
  })
  .strict()

export const tourSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(4000).default(''),
    steps: z.array(tourStepSchema).min(1).max(200)
  })
  .strict()

export type TourStep = z.output<typeof tourStepSchema>
export type Tour = z.output<typeof tourSchema>
/** what a caller may write (defaults may be left out) */
export type TourInput = z.input<typeof tourSchema>

/** A tour as tours.list gives it: built in (read-only), or saved with a run (editable). */
export interface ListedTour {
  tour: Tour
  /** the run it is saved with; null for a built-in tour */
  runId: string | null
  builtIn: boolean
}

/** A tour that does not validate, with the field at fault ('steps.2.kpi'). */
export class TourError extends Error {
  override name = 'TourError'
  constructor(
    message: string,
    readonly field: string
  ) {
    super(message)
  }
}

/**
 * Validates a tour read from `source` (a file path, or 'tour' for an API argument). Throws a
 * TourError whose message names the source and the field, and says what was expected.
 */
export function parseTour(value: unknown, source: string): Tour {
  const parsed = tourSchema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path
  const field = path.map(String).join('.') || 'tour'
  throw new TourError(`${source}: ${field}: ${issue.message}`, field)
}
