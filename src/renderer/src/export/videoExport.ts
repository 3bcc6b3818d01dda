import { type TwinApi, call } from '../../../shared/api'
import type { SceneCapture } from '../scene/captureRegistry'
import { twinStats } from '../twinStats'
import { type VideoPlan, videoSchedule } from './videoSchedule'
import { type WebmOptions, encodeWebm, nextTask } from './webmEncoder'

export interface VideoExportOptions extends VideoPlan, WebmOptions {}

/** Where the frames come from: the replay shown at an instant, and the hall captured. */
export interface FrameSource {
  /** shows the replay at `timeS` and resolves once the hall has drawn that frame */
  show(timeS: number): Promise<void>
  capture(width: number, height: number): HTMLCanvasElement
}

/** how long the hall may take to draw one seeked frame (software GL at 4K is slow) */
const DRAW_TIMEOUT_MS = 30_000

/**
 * Waits until the hall has drawn the replay's frame at `positionS` in a render after
 * `rendersBefore` (window.__twinStats: the time drawn, and the render count).
 */
export async function replayFrameDrawn(positionS: number, rendersBefore: number): Promise<void> {
  const stats = twinStats()
  const started = performance.now()
  while (!(stats.lastSimTimeS === positionS && stats.renders > rendersBefore)) {
    if (performance.now() - started > DRAW_TIMEOUT_MS) {
      throw new Error(`the hall did not draw the replay's frame at ${positionS} s`)
    }
    await nextTask(5)
  }
}

/**
 * The replay as a frame source: replay.seek to each instant, then wait until the hall has
 * drawn the frame main sent for it.
 */
export function replayFrameSource(api: TwinApi, capture: SceneCapture): FrameSource {
  return {
    async show(timeS) {
      const rendersBefore = twinStats().renders
      const status = await call(api, 'replay.seek', { timeS })
      await replayFrameDrawn(status.positionS, rendersBefore)
    },
    capture: (width, height) => capture.capture(width, height)
  }
}

/**
 * Encodes the replay frame by frame into a WebM: each frame is shown, captured and encoded
 * with an explicit timestamp (never wall-clock recording), so the video lasts exactly
 * frames / fps seconds whatever the machine's speed. Cancel with `signal`.
 */
export async function encodeVideo(
  source: FrameSource,
  options: VideoExportOptions
): Promise<Uint8Array> {
  const schedule = videoSchedule(options)
  return encodeWebm(
    schedule.frames,
    async (frame, width, height) => {
      await source.show(frame.simTimeS)
      return source.capture(width, height)
    },
    options
  )
}
