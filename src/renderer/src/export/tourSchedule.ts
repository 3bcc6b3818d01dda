import type { TourStep } from '../../../shared/api'
import type { FrameSlot } from './webmEncoder'
import { MAX_VIDEO_FRAMES } from './videoSchedule'

/**
 * Which tour step, and which camera pose, each frame of a tour video shows. Step s holds for
 * its dwell (or the default) from startS, the sum of the dwells before it, so the video lasts
 * exactly the sum of the dwells. Frame i is at i / fps seconds and shows the step whose span
 * holds that instant; the last frame ends at the tour's end, so it may be shorter than 1/fps.
 *
 * The camera does what present mode's does: at each step it flies from the previous step's
 * waypoint to this one's over `flightMs` (eased by the scene); the first step has no previous
 * waypoint and cuts to its own. `flight` is how far along that flight a frame is, 0 to 1,
 * before easing: (frame time - flight start) / flightMs, as scene/cameraPresets.ts CameraFlight
 * computes it from the clock the export pins at each frame's time.
 */
export interface TourVideoPlan {
  steps: readonly Pick<TourStep, 'camera' | 'dwellS'>[]
  /** seconds a step holds when it does not say (present/tourPlayer.ts DEFAULT_DWELL_S) */
  defaultDwellS: number
  /** video frames per second */
  fps: number
  /** how long the camera takes between waypoints, ms; 0 cuts (reduced motion) */
  flightMs: number
}

export type Waypoint = TourStep['camera']

export interface TourSpan {
  /** when the step begins and how long it holds, seconds into the video */
  startS: number
  durationS: number
  /** its frames: firstFrame up to, not including, firstFrame + frameCount */
  firstFrame: number
  frameCount: number
  /**
   * when its camera flight begins, ms into the video: its start, or for the first step one
   * flight before the video, so it has landed on the first frame (a cut)
   */
  flightStartMs: number
}

export interface TourFrame extends FrameSlot {
  /** the step shown (0-based) */
  step: number
  /** this frame begins its step: apply the step (metric, waypoint, run and time) first */
  startsStep: boolean
  /** the frame's time in the video, ms: index * 1000 / fps (the clock pinned for it) */
  atMs: number
  /** the camera: flying from `from` (null: no previous step) to `to`, `flight` of the way */
  camera: { from: Waypoint | null; to: Waypoint; flight: number }
}

export interface TourVideoSchedule {
  frames: TourFrame[]
  steps: TourSpan[]
  /** the video's length, seconds: the sum of the steps' dwells */
  durationS: number
}

/** each step's seconds on screen */
export function tourStepSeconds(
  steps: readonly Pick<TourStep, 'dwellS'>[],
  defaultDwellS: number
): number[] {
  return steps.map((s) => s.dwellS ?? defaultDwellS)
}

// frame boundaries computed in floating point (1.01 * 30 = 30.299999...) are taken to a
// millionth of a frame, so a step starting on a frame's instant starts on that frame
const EPSILON = 1e-6
const framesBefore = (seconds: number, fps: number): number =>
  Math.max(0, Math.ceil(seconds * fps - EPSILON))
const stampUs = (index: number, fps: number): number => Math.round((index * 1e6) / fps)

/** why the plan makes no video, in words; null when it does */
export function checkTourVideoPlan(plan: TourVideoPlan): string | null {
  const { steps, fps, flightMs } = plan
  if (steps.length === 0) return 'the tour has no steps'
  if (!(Number.isFinite(fps) && fps >= 1 && fps <= 120)) return 'frames per second: 1 to 120'
  if (!(Number.isFinite(flightMs) && flightMs >= 0)) return 'the camera flight must be 0 ms or more'
  const seconds = tourStepSeconds(steps, plan.defaultDwellS)
  const short = seconds.findIndex((s) => !(Number.isFinite(s) && s >= 1 / fps))
  if (short >= 0) return `step ${short + 1} must last at least one frame (1/${fps} s)`
  const frames = framesBefore(
    seconds.reduce((a, b) => a + b, 0),
    fps
  )
  if (frames > MAX_VIDEO_FRAMES)
    return `that is ${frames} frames; at most ${MAX_VIDEO_FRAMES} (lower the fps or shorten the tour)`
  return null
}

export function tourVideoSchedule(plan: TourVideoPlan): TourVideoSchedule {
  const problem = checkTourVideoPlan(plan)
  if (problem) throw new RangeError(problem)
  const { fps, flightMs } = plan
  const seconds = tourStepSeconds(plan.steps, plan.defaultDwellS)

  const steps: TourSpan[] = []
  let startS = 0
  for (let s = 0; s < seconds.length; s++) {
    const durationS = seconds[s]!
    const firstFrame = framesBefore(startS, fps)
    const frameCount = framesBefore(startS + durationS, fps) - firstFrame
    steps.push({
      startS,
      durationS,
      firstFrame,
      frameCount,
      flightStartMs: s === 0 ? 0 - flightMs : startS * 1000
    })
    startS += durationS
  }
  const durationS = startS
  const endUs = Math.round(durationS * 1e6)

  const frames: TourFrame[] = []
  for (let s = 0; s < steps.length; s++) {
    const span = steps[s]!
    const to = plan.steps[s]!.camera
    const from = s === 0 ? null : plan.steps[s - 1]!.camera
    for (let i = span.firstFrame; i < span.firstFrame + span.frameCount; i++) {
      const timestampUs = stampUs(i, fps)
      const atMs = (i * 1000) / fps
      const flight = flightMs > 0 ? Math.min(1, (atMs - span.flightStartMs) / flightMs) : 1
      frames.push({
        index: i,
        step: s,
        startsStep: i === span.firstFrame,
        atMs,
        timestampUs,
        durationUs: Math.min(stampUs(i + 1, fps), endUs) - timestampUs,
        camera: { from, to, flight }
      })
    }
  }
  return { frames, steps, durationS }
}
