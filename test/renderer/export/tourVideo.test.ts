import { afterEach, describe, expect, it, vi } from 'vitest'
import { drawTourOverlay, wrapText } from '../../../src/renderer/src/export/tourOverlay'
import { encodeTourVideo } from '../../../src/renderer/src/export/tourVideo'
import {
  type DrawFrame,
  ExportCancelled,
  type FrameSlot,
  encodeWebm
} from '../../../src/renderer/src/export/webmEncoder'
import type { SceneCapture } from '../../../src/renderer/src/scene/captureRegistry'
import { sceneClockPinned, sceneNow } from '../../../src/renderer/src/scene/sceneClock'
import type { TelemetryStore } from '../../../src/renderer/src/telemetry/telemetryStore'
import { twinStats } from '../../../src/renderer/src/twinStats'
import { ViewState } from '../../../src/renderer/src/view/viewState'
import { TwinError } from '../../../src/shared/errors'
import type { Tour } from '../../../src/shared/tour'

// no WebCodecs in jsdom, nor a 2D canvas: the encoder draws every frame in order and the
// overlay is recorded; what is under test is what each frame shows
vi.mock('../../../src/renderer/src/export/webmEncoder', async (original) => ({
  ...(await original<Record<string, unknown>>()),
  encodeWebm: vi.fn(
    async (
      frames: readonly FrameSlot[],
      draw: DrawFrame<FrameSlot>,
      options: { width: number }
    ) => {
      for (const frame of frames) await draw(frame, options.width, 720)
      return new Uint8Array([0x1a, 0x45, 0xdf, 0xa3])
    }
  )
}))
vi.mock('../../../src/renderer/src/export/tourOverlay', async (original) => ({
  ...(await original<Record<string, unknown>>()),
  drawTourOverlay: vi.fn()
}))

afterEach(() => {
  vi.clearAllMocks()
})

const tour: Tour = {
  name: 'Our runs',
  description: '',
  steps: [
    {
      camera: { preset: 'hall', part: null },
      caption: 'The hall.',
      metric: 'compute',
      kpi: 'powerKW',
      dwellS: 1
    },
    {
      camera: { preset: 'rack', part: { kind: 'rack', index: 2 } },
      caption: 'Decode at 96, 42 s in.',
      metric: 'power',
      kpi: 'tpotP90Ms',
      runId: 'r1',
      timeS: 42,
      dwellS: 1
    },
    {
      camera: { preset: 'node', part: { kind: 'node', index: 9 } },
      caption: 'A run since deleted.',
      metric: 'role',
      kpi: 'powerKW',
      runId: 'gone',
      dwellS: 1
    }
  ]
}

/** clock readings are the page's time plus the video's: equal to a microsecond */
const round = (ms: number): number => Math.round(ms * 1000) / 1000

function fakeCapture() {
  const drawnAt: number[] = []
  const capture: SceneCapture = {
    viewSize: () => ({ width: 1280, height: 720 }),
    capture: vi.fn(() => document.createElement('canvas')),
    draw: vi.fn(() => {
      drawnAt.push(sceneNow())
    }),
    flightMs: () => 600
  }
  return { capture, drawnAt }
}

function target() {
  const view = new ViewState()
  // the clock each camera request was made at, and what it asked for
  const flights: { at: number; preset: string; metric: string }[] = []
  let seq = view.get().camera.seq
  view.subscribe(() => {
    const { camera, metric } = view.get()
    if (camera.seq === seq) return
    seq = camera.seq
    flights.push({ at: sceneNow(), preset: camera.preset, metric })
  })
  const showReplay = vi.fn(async (runId: string, atS: number) => {
    if (runId === 'gone') throw new TwinError({ code: 'not-found', message: 'no run “gone”' })
    // main opens the replay and the hall draws its frame at that time
    const stats = twinStats()
    stats.replayPositionS = atS
    stats.lastSimTimeS = atS
    stats.renders++
  })
  const telemetry = { latest: null } as unknown as TelemetryStore
  return { view, flights, showReplay, telemetry }
}

describe('encodeTourVideo', () => {
  it('applies each step on its first frame and pins the clock at every frame’s time', async () => {
    const { capture, drawnAt } = fakeCapture()
    const app = target()
    const { webm, problems } = await encodeTourVideo(tour, app, capture, {
      width: 1280,
      height: 720,
      fps: 10
    })
    expect(webm).toEqual(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]))
    expect(vi.mocked(encodeWebm).mock.calls[0]![0]).toHaveLength(30)

    // 30 frames drawn on a clock 100 ms apart, then one more draw on the page's clock
    expect(drawnAt).toHaveLength(31)
    const base = drawnAt[0]!
    expect(drawnAt.slice(0, 30).map((t) => round(t - base))).toEqual(
      Array.from({ length: 30 }, (_, i) => (i * 1000) / 10)
    )
    expect(sceneClockPinned()).toBe(false)

    // each waypoint asked for once, with the clock at its flight's start: the first one a
    // flight before the video (it has landed on frame 0), the others on their step's start
    expect(app.flights.map((f) => ({ ...f, at: round(f.at - base) }))).toEqual([
      { at: -600, preset: 'hall', metric: 'compute' },
      { at: 1000, preset: 'rack', metric: 'power' },
      { at: 2000, preset: 'node', metric: 'role' }
    ])
    expect(app.showReplay.mock.calls).toEqual([
      ['r1', 42],
      ['gone', 0]
    ])
    expect(capture.capture).toHaveBeenCalledTimes(30)
    expect(capture.capture).toHaveBeenCalledWith(1280, 720)

    // the caption card says where in the tour each frame is, and the step's problem
    const overlays = vi.mocked(drawTourOverlay).mock.calls.map((c) => c[1])
    expect(overlays).toHaveLength(30)
    expect(overlays[0]).toEqual({
      progress: 'Our runs · step 1 of 3',
      caption: 'The hall.',
      message: null,
      kpi: { label: expect.any(String), text: '—', unit: '' }
    })
    expect(overlays[15]).toMatchObject({ progress: 'Our runs · step 2 of 3', message: null })
    expect(overlays[29]!.message).toMatch(/“gone”, which is no longer in the library/)
    expect(problems).toEqual([
      expect.stringMatching(/^step 3: This step shows the saved run “gone”/)
    ])
  })

  it('frees the clock when the export is cancelled', async () => {
    vi.mocked(encodeWebm).mockImplementationOnce(async (frames, draw) => {
      await draw(frames[0]!, 1280, 720)
      throw new ExportCancelled()
    })
    const { capture } = fakeCapture()
    await expect(
      encodeTourVideo(tour, target(), capture, { width: 1280, height: 720, fps: 10 })
    ).rejects.toBeInstanceOf(ExportCancelled)
    expect(sceneClockPinned()).toBe(false)
  })
})

describe('wrapText', () => {
  const measure = (s: string): number => s.length

  it('breaks at spaces to fit the width, and keeps a long word whole', () => {
    expect(wrapText('one two three four', 9, measure)).toEqual(['one two', 'three', 'four'])
    expect(wrapText('a supercalifragilistic word', 8, measure)).toEqual([
      'a',
      'supercalifragilistic',
      'word'
    ])
  })

  it('keeps the caption’s own line breaks', () => {
    expect(wrapText('first\nsecond line', 20, measure)).toEqual(['first', 'second line'])
  })
})
