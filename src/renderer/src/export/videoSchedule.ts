/**
 * Which replay instant each video frame shows, and when it is shown. The video lasts
 * (toS - fromS) / speedUp seconds at `fps`: frame i shows simulated time
 * fromS + i * speedUp / fps and is stamped i / fps seconds into the video. Timestamps are whole
 * microseconds (WebCodecs) computed from the frame index, so rounding never accumulates.
 */
export interface VideoPlan {
  /** the replay range, simulated seconds */
  fromS: number
  toS: number
  /** video frames per second */
  fps: number
  /** simulated seconds per video second */
  speedUp: number
}

export interface ScheduledFrame {
  index: number
  /** the replay time to seek to */
  simTimeS: number
  /** presentation time and duration in the video, microseconds */
  timestampUs: number
  durationUs: number
}

export interface VideoSchedule {
  frames: ScheduledFrame[]
  /** the video's length, seconds: frames / fps */
  durationS: number
}

/** more frames than this is not a video anyone exports from here (about 40 min at 60 fps) */
export const MAX_VIDEO_FRAMES = 144_000

export function checkVideoPlan(plan: VideoPlan): string | null {
  const { fromS, toS, fps, speedUp } = plan
  if (!(Number.isFinite(fromS) && fromS >= 0)) return 'the start must be 0 s or later'
  if (!(Number.isFinite(toS) && toS > fromS)) return 'the end must come after the start'
  if (!(Number.isFinite(fps) && fps >= 1 && fps <= 120)) return 'frames per second: 1 to 120'
  if (!(Number.isFinite(speedUp) && speedUp > 0 && speedUp <= 10_000))
    return 'speed-up: more than 0 and at most 10000'
  if (frameCount(plan) > MAX_VIDEO_FRAMES)
    return `that is ${frameCount(plan)} frames; at most ${MAX_VIDEO_FRAMES} (raise the speed-up or lower the fps)`
  return null
}

function frameCount({ fromS, toS, fps, speedUp }: VideoPlan): number {
  return Math.max(1, Math.round(((toS - fromS) / speedUp) * fps))
}

const stampUs = (index: number, fps: number): number => Math.round((index * 1e6) / fps)

export function videoSchedule(plan: VideoPlan): VideoSchedule {
  const problem = checkVideoPlan(plan)
  if (problem) throw new RangeError(problem)
  const { fromS, toS, fps, speedUp } = plan
  const count = frameCount(plan)
  const frames: ScheduledFrame[] = []
  for (let i = 0; i < count; i++) {
    const timestampUs = stampUs(i, fps)
    frames.push({
      index: i,
      simTimeS: Math.min(toS, fromS + (i * speedUp) / fps),
      timestampUs,
      durationUs: stampUs(i + 1, fps) - timestampUs
    })
  }
  return { frames, durationS: count / fps }
}
