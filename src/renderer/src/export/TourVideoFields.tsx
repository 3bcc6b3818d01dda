import { useEffect, useState } from 'react'
import type { ListedTour, TwinApi } from '../../../shared/api'
import { listTours, tourKey } from '../present/tourList'
import { DEFAULT_DWELL_S } from '../present/tourPlayer'
import { FpsSelect, type ResolutionId, ResolutionSelect } from './ExportFields'
import { checkTourVideoPlan, tourStepSeconds } from './tourSchedule'

export interface TourVideoChoice {
  tour: ListedTour
  size: ResolutionId
  fps: number
}

interface Props {
  api: TwinApi
  /** the saved run in view: its tours are listed with the built-in ones, as present mode does */
  runId: string | null
  /** another export is under way */
  busy: boolean
  onSave(choice: TourVideoChoice): void
}

/**
 * The export menu's tour video: which tour (the built-in ones and the run's, first picked as in
 * present mode), its size and frame rate, how long the video will be, and why there is none.
 */
export function TourVideoFields({ api, runId, busy, onSave }: Props) {
  const [listed, setListed] = useState<{ tours: ListedTour[]; error: string | null } | null>(null)
  const [picked, setPicked] = useState<string | null>(null)
  const [size, setSize] = useState<ResolutionId>('1280x720')
  const [fps, setFps] = useState(30)

  // read when the menu opens (this mounts with it), and again for another run
  useEffect(() => {
    let cancelled = false
    void listTours(api, runId).then((result) => {
      if (!cancelled) setListed(result)
    })
    return () => {
      cancelled = true
    }
  }, [api, runId])

  const tours = listed?.tours ?? []
  const tour = tours.find((t) => tourKey(t) === picked) ?? tours[0] ?? null
  const plan = tour && {
    steps: tour.tour.steps,
    defaultDwellS: DEFAULT_DWELL_S,
    fps,
    // the camera flight changes no length: only the frames' poses
    flightMs: 0
  }
  const problem = plan && checkTourVideoPlan(plan)
  const seconds = tour ? tourStepSeconds(tour.tour.steps, DEFAULT_DWELL_S) : []
  const durationS = seconds.reduce((a, b) => a + b, 0)

  let missing: string | null = null
  if (listed === null) missing = 'Reading the tours…'
  else if (listed.error) missing = `No tour to export: could not list the tours (${listed.error}).`
  else if (!tour)
    missing =
      'No tour to export: none is built in and the run in view has none (Tours adds the view as a step).'

  return (
    <fieldset disabled={busy}>
      <legend>Video of the tour (WebM)</legend>
      {missing ? (
        <p className={listed?.error ? 'export-panel__error' : 'export-panel__hint'}>{missing}</p>
      ) : (
        <label>
          Tour{' '}
          <select
            aria-label="Tour for the video"
            value={tour ? tourKey(tour) : ''}
            onChange={(e) => setPicked(e.target.value)}
          >
            {tours.map((t) => (
              <option key={tourKey(t)} value={tourKey(t)}>
                {t.tour.name} ({t.builtIn ? 'built in' : 'saved with this run'})
              </option>
            ))}
          </select>
        </label>
      )}
      <ResolutionSelect label="Tour video size" value={size} onChange={setSize} />
      <FpsSelect label="Tour video frames per second" value={fps} onChange={setFps} />
      {tour && !problem && (
        <p className="export-panel__hint">
          {stepCount(tour.tour.steps.length)}, {formatSeconds(durationS)} of video at {fps} fps,
          each step&apos;s caption and KPI drawn in
        </p>
      )}
      {problem && <p className="export-panel__error">{problem}</p>}
      <button
        type="button"
        disabled={!tour || problem !== null}
        onClick={() => tour && onSave({ tour, size, fps })}
      >
        Video of the tour…
      </button>
    </fieldset>
  )
}

const stepCount = (n: number): string => (n === 1 ? '1 step' : `${n} steps`)

function formatSeconds(s: number): string {
  if (s < 60) return `${Number(s.toFixed(2))} s`
  const minutes = Math.floor(s / 60)
  return `${minutes} min ${Number((s - minutes * 60).toFixed(2))} s`
}
