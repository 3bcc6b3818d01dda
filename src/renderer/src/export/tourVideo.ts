import type { Tour } from '../../../shared/api'
import type { KpiName } from '../../../shared/frame'
import { DEFAULT_DWELL_S, type StepTarget, applyStep, kpiCalloutText } from '../present/tourPlayer'
import type { SceneCapture } from '../scene/captureRegistry'
import { pinSceneClock } from '../scene/sceneClock'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { twinStats } from '../twinStats'
import { drawTourOverlay } from './tourOverlay'
import { tourVideoSchedule } from './tourSchedule'
import { replayFrameDrawn } from './videoExport'
import { type WebmOptions, encodeWebm } from './webmEncoder'

/** what playing a tour into a video needs from the app: present mode's, and the KPI's frames */
export interface TourVideoTarget extends StepTarget {
  telemetry: TelemetryStore
}

export interface TourVideo {
  webm: Uint8Array
  /** the steps whose run could not be shown, each in words (as present mode says it) */
  problems: string[]
}

/**
 * Plays a tour into a WebM, frame by frame, on tourVideoSchedule's plan: at each step's first
 * frame the step is applied as present mode applies it (metric, camera waypoint, and the run
 * replayed at its time, waited for until drawn); before every frame the scene's clock is pinned
 * at that frame's time and the hall drawn, so the camera flight is where the schedule says;
 * then the hall is captured and the caption card and KPI callout drawn over it.
 *
 * The view is left on the last step, as present mode leaves it. Cancel with `signal`.
 */
export async function encodeTourVideo(
  tour: Tour,
  target: TourVideoTarget,
  capture: SceneCapture,
  options: WebmOptions
): Promise<TourVideo> {
  const flightMs = capture.flightMs()
  const schedule = tourVideoSchedule({
    steps: tour.steps,
    defaultDwellS: DEFAULT_DWELL_S,
    fps: options.fps,
    flightMs
  })
  // the pinned times lie in the page's past: once the clock is freed, a flight cut short by a
  // cancel has landed, instead of waiting for the page's clock to reach the video's
  const base = performance.now() - schedule.durationS * 1000 - flightMs
  const messages: (string | null)[] = tour.steps.map(() => null)

  const draw = async (
    frame: (typeof schedule.frames)[number],
    width: number,
    height: number
  ): Promise<HTMLCanvasElement> => {
    const step = tour.steps[frame.step]!
    if (frame.startsStep) {
      pinSceneClock(base + schedule.steps[frame.step]!.flightStartMs)
      const rendersBefore = twinStats().renders
      messages[frame.step] = await applyStep(step, target)
      if (step.runId !== undefined && messages[frame.step] === null) {
        await replayFrameDrawn(twinStats().replayPositionS, rendersBefore)
      }
    }
    pinSceneClock(base + frame.atMs)
    capture.draw()
    const canvas = capture.capture(width, height)
    drawTourOverlay(canvas, {
      progress: `${tour.name} · step ${frame.step + 1} of ${tour.steps.length}`,
      caption: step.caption,
      message: messages[frame.step] ?? null,
      kpi: kpiCalloutText(target.telemetry.latest, step.kpi as KpiName)
    })
    return canvas
  }

  try {
    const webm = await encodeWebm(schedule.frames, draw, options)
    const problems = messages.flatMap((m, i) => (m ? [`step ${i + 1}: ${m}`] : []))
    return { webm, problems }
  } finally {
    pinSceneClock(null)
    try {
      // one more draw on the page's clock, so the camera lands where the last step put it
      capture.draw()
    } catch {
      // the hall went away meanwhile: nothing to land
    }
  }
}
