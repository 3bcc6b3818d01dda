import { type TwinApi, call } from '../../../shared/api'
import type { SceneCapture } from '../scene/captureRegistry'
import { twinStats } from '../twinStats'
import { type VideoPlan, videoSchedule } from './videoSchedule'

/** the WebCodecs codec strings tried, best first, with mediabunny's name for each */
const CODECS = [
  { codec: 'vp09.00.10.08', mux: 'vp9' },
  { codec: 'vp8', mux: 'vp8' }
] as const

export interface VideoProgress {
  done: number
  total: number
}

export interface VideoExportOptions extends VideoPlan {
  width: number
  height: number
  /** bits per second; default about 0.1 bit per pixel per frame */
  bitrate?: number
  onProgress?(progress: VideoProgress): void
  signal?: AbortSignal
}

/** Where the frames come from: the replay shown at an instant, and the hall captured. */
export interface FrameSource {
  /** shows the replay at `timeS` and resolves once the hall has drawn that frame */
  show(timeS: number): Promise<void>
  capture(width: number, height: number): HTMLCanvasElement
}

export class ExportCancelled extends Error {
  override name = 'ExportCancelled'
  constructor() {
    super('the export was cancelled')
  }
}

/** how long the hall may take to draw one seeked frame (software GL at 4K is slow) */
const DRAW_TIMEOUT_MS = 30_000

const nextTask = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The replay as a frame source: replay.seek to each instant, then wait until the hall has
 * drawn the frame main sent for it (window.__twinStats: its time, and a render after the seek).
 */
export function replayFrameSource(api: TwinApi, capture: SceneCapture): FrameSource {
  return {
    async show(timeS) {
      const stats = twinStats()
      const rendersBefore = stats.renders
      const status = await call(api, 'replay.seek', { timeS })
      const started = performance.now()
      while (!(stats.lastSimTimeS === status.positionS && stats.renders > rendersBefore)) {
        if (performance.now() - started > DRAW_TIMEOUT_MS) {
          throw new Error(`the hall did not draw the replay's frame at ${status.positionS} s`)
        }
        await nextTask(5)
      }
    },
    capture: (width, height) => capture.capture(width, height)
  }
}

/** Which of VP9 and VP8 this browser's VideoEncoder can encode at that size; a clear error if none. */
export async function pickVideoCodec(
  width: number,
  height: number,
  fps: number,
  bitrate: number
): Promise<(typeof CODECS)[number]> {
  if (typeof VideoEncoder === 'undefined' || typeof VideoFrame === 'undefined') {
    throw new Error(
      'this browser cannot encode video: it has no WebCodecs VideoEncoder (use a current Chromium or the desktop app)'
    )
  }
  for (const candidate of CODECS) {
    try {
      const support = await VideoEncoder.isConfigSupported({
        codec: candidate.codec,
        width,
        height,
        bitrate,
        framerate: fps
      })
      if (support.supported) return candidate
    } catch {
      // an unknown codec string: try the next
    }
  }
  throw new Error(`this browser's VideoEncoder encodes neither VP9 nor VP8 at ${width}x${height}`)
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
  // VP8/VP9 in 4:2:0 want even sides
  const width = Math.max(2, Math.round(options.width / 2) * 2)
  const height = Math.max(2, Math.round(options.height / 2) * 2)
  const bitrate = options.bitrate ?? Math.round(width * height * options.fps * 0.1)
  const chosen = await pickVideoCodec(width, height, options.fps, bitrate)
  const { BufferTarget, EncodedPacket, EncodedVideoPacketSource, Output, WebMOutputFormat } =
    await import('mediabunny')

  const target = new BufferTarget()
  const output = new Output({ format: new WebMOutputFormat(), target })
  const track = new EncodedVideoPacketSource(chosen.mux)
  output.addVideoTrack(track, { frameRate: options.fps })
  await output.start()

  let failure: unknown = null
  let muxing: Promise<void> = Promise.resolve()
  const encoder = new VideoEncoder({
    output: (chunk, meta) => {
      const packet = EncodedPacket.fromEncodedChunk(chunk)
      muxing = muxing.then(() => track.add(packet, meta))
    },
    error: (error) => {
      failure = error
    }
  })
  encoder.configure({
    codec: chosen.codec,
    width,
    height,
    bitrate,
    framerate: options.fps,
    latencyMode: 'quality'
  })
  const keyEvery = Math.max(1, Math.round(options.fps * 2))
  const check = (): void => {
    if (options.signal?.aborted) throw new ExportCancelled()
    if (failure) throw failure instanceof Error ? failure : new Error(String(failure))
  }
  try {
    options.onProgress?.({ done: 0, total: schedule.frames.length })
    for (const frame of schedule.frames) {
      check()
      await source.show(frame.simTimeS)
      check()
      const canvas = source.capture(width, height)
      const videoFrame = new VideoFrame(canvas, {
        timestamp: frame.timestampUs,
        duration: frame.durationUs
      })
      encoder.encode(videoFrame, { keyFrame: frame.index % keyEvery === 0 })
      videoFrame.close()
      // keep the encoder's queue short: frames are big
      while (encoder.encodeQueueSize > 2) await nextTask(2)
      options.onProgress?.({ done: frame.index + 1, total: schedule.frames.length })
    }
    await encoder.flush()
    check()
    await muxing
    track.close()
    await output.finalize()
  } catch (error) {
    if (encoder.state !== 'closed') encoder.close()
    await muxing.catch(() => undefined)
    await output.cancel().catch(() => undefined)
    throw error
  }
  encoder.close()
  if (!target.buffer) throw new Error('the video muxer produced no file')
  return new Uint8Array(target.buffer)
}
