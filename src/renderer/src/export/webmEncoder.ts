/**
 * The WebM encoder both videos use (the replay's and the tour's): frames drawn one at a time
 * by the caller, encoded with WebCodecs' VideoEncoder at explicit timestamps and muxed by
 * mediabunny. Nothing here watches the wall clock, so a video lasts what its frames say.
 */

/** the WebCodecs codec strings tried, best first, with mediabunny's name for each */
const CODECS = [
  { codec: 'vp09.00.10.08', mux: 'vp9' },
  { codec: 'vp8', mux: 'vp8' }
] as const

export interface VideoProgress {
  done: number
  total: number
}

/** one frame of a schedule: its place in the video, microseconds */
export interface FrameSlot {
  index: number
  timestampUs: number
  durationUs: number
}

export interface WebmOptions {
  width: number
  height: number
  fps: number
  /** bits per second; default about 0.1 bit per pixel per frame */
  bitrate?: number
  onProgress?(progress: VideoProgress): void
  signal?: AbortSignal
}

/** draws a frame of the schedule and returns the picture, at the encoder's even size */
export type DrawFrame<F> = (frame: F, width: number, height: number) => Promise<HTMLCanvasElement>

export class ExportCancelled extends Error {
  override name = 'ExportCancelled'
  constructor() {
    super('the export was cancelled')
  }
}

export const nextTask = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

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
 * Encodes `frames` in order into a WebM: each is drawn by `draw`, then encoded with its
 * schedule's timestamp and duration. Cancel with `signal` (rejects with ExportCancelled).
 */
export async function encodeWebm<F extends FrameSlot>(
  frames: readonly F[],
  draw: DrawFrame<F>,
  options: WebmOptions
): Promise<Uint8Array> {
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
    options.onProgress?.({ done: 0, total: frames.length })
    for (const frame of frames) {
      check()
      const canvas = await draw(frame, width, height)
      check()
      const videoFrame = new VideoFrame(canvas, {
        timestamp: frame.timestampUs,
        duration: frame.durationUs
      })
      encoder.encode(videoFrame, { keyFrame: frame.index % keyEvery === 0 })
      videoFrame.close()
      // keep the encoder's queue short: frames are big
      while (encoder.encodeQueueSize > 2) await nextTask(2)
      options.onProgress?.({ done: frame.index + 1, total: frames.length })
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
