import { describe, expect, it } from 'vitest'
import {
  type TourVideoPlan,
  checkTourVideoPlan,
  tourVideoSchedule
} from '../../../src/renderer/src/export/tourSchedule'
import type { TourStep } from '../../../src/shared/tour'
import { builtInTour } from '../present/fakeTours'

const hall: TourStep['camera'] = { preset: 'hall', part: null }
const rack: TourStep['camera'] = { preset: 'rack', part: { kind: 'rack', index: 2 } }
const node: TourStep['camera'] = { preset: 'node', part: { kind: 'node', index: 9 } }

const plan = (dwells: (number | undefined)[], more: Partial<TourVideoPlan> = {}) => ({
  steps: dwells.map((dwellS, i) => ({ camera: [hall, rack, node][i % 3]!, dwellS })),
  defaultDwellS: 8,
  fps: 10,
  flightMs: 600,
  ...more
})

describe('tourVideoSchedule', () => {
  it('holds each step for its dwell: 2 s and 3 s at 10 fps make 50 frames, 5 s', () => {
    const { frames, steps, durationS } = tourVideoSchedule(plan([2, 3]))
    expect(durationS).toBe(5)
    expect(frames).toHaveLength(50)
    expect(steps).toEqual([
      { startS: 0, durationS: 2, firstFrame: 0, frameCount: 20, flightStartMs: -600 },
      { startS: 2, durationS: 3, firstFrame: 20, frameCount: 30, flightStartMs: 2000 }
    ])
    expect(frames.map((f) => f.step)).toEqual([...Array(20).fill(0), ...Array(30).fill(1)])
    expect(frames.filter((f) => f.startsStep).map((f) => f.index)).toEqual([0, 20])
    // frame i is at i / fps, and the timestamps tile the video up to its end exactly
    expect(frames[0]).toMatchObject({ index: 0, atMs: 0, timestampUs: 0, durationUs: 100_000 })
    expect(frames[37]).toMatchObject({ index: 37, atMs: 3700, timestampUs: 3_700_000 })
    for (let i = 1; i < frames.length; i++) {
      expect(frames[i]!.timestampUs).toBe(frames[i - 1]!.timestampUs + frames[i - 1]!.durationUs)
    }
    const last = frames.at(-1)!
    expect(last.timestampUs + last.durationUs).toBe(5_000_000)
  })

  it('cuts to the first waypoint, then flies from each waypoint to the next over the flight', () => {
    const { frames } = tourVideoSchedule(plan([2, 3]))
    // the first step has landed on its first frame: nothing to fly from
    for (const f of frames.slice(0, 20))
      expect(f.camera).toEqual({ from: null, to: hall, flight: 1 })
    // the second flies from the first's waypoint for 600 ms: 6 frames at 10 fps
    expect(frames.slice(20, 28).map((f) => f.camera.flight)).toEqual([
      0,
      1 / 6,
      2 / 6,
      3 / 6,
      4 / 6,
      5 / 6,
      1,
      1
    ])
    expect(frames[20]!.camera.from).toEqual(hall)
    expect(frames[20]!.camera.to).toEqual(rack)
    expect(frames.at(-1)!.camera).toEqual({ from: hall, to: rack, flight: 1 })
  })

  it('cuts everywhere when the camera jumps (reduced motion)', () => {
    const { frames, steps } = tourVideoSchedule(plan([1, 1, 1], { flightMs: 0 }))
    expect(frames.every((f) => f.camera.flight === 1)).toBe(true)
    expect(steps.map((s) => s.flightStartMs)).toEqual([0, 1000, 2000])
  })

  it('uses the default dwell for steps that give none: the built-in tour at 30 fps', () => {
    const { frames, durationS, steps } = tourVideoSchedule({
      steps: builtInTour.steps,
      defaultDwellS: 8,
      fps: 30,
      flightMs: 600
    })
    expect(durationS).toBe(8 * builtInTour.steps.length)
    expect(frames).toHaveLength(240 * builtInTour.steps.length)
    expect(steps.map((s) => s.firstFrame)).toEqual(builtInTour.steps.map((_, i) => i * 240))
    expect(frames.at(-1)!.timestampUs + frames.at(-1)!.durationUs).toBe(durationS * 1e6)
  })

  it('a dwell that is not a whole number of frames: the step starts on the next frame, the video still ends on the dot', () => {
    // 1.01 s + 1 s at 30 fps: the second step starts at 30.3 frames, so on frame 31
    const { frames, steps, durationS } = tourVideoSchedule(plan([1.01, 1], { fps: 30 }))
    expect(durationS).toBeCloseTo(2.01, 12)
    expect(frames).toHaveLength(61)
    expect(steps.map((s) => [s.firstFrame, s.frameCount])).toEqual([
      [0, 31],
      [31, 30]
    ])
    const last = frames.at(-1)!
    expect(last.timestampUs).toBe(2_000_000)
    expect(last.durationUs).toBe(10_000)
    expect(frames.reduce((sum, f) => sum + f.durationUs, 0)).toBe(2_010_000)
    // a step starting on a frame's instant starts on that frame (1.1 * 30 is 33.000000000000004)
    expect(tourVideoSchedule(plan([1.1, 1], { fps: 30 })).steps[1]!.firstFrame).toBe(33)
  })

  it('refuses plans that make no video, in words', () => {
    expect(checkTourVideoPlan(plan([]))).toMatch(/no steps/)
    expect(checkTourVideoPlan(plan([2], { fps: 0 }))).toMatch(/frames per second/)
    expect(checkTourVideoPlan(plan([0.01], { fps: 30 }))).toMatch(/step 1 must last at least/)
    expect(checkTourVideoPlan(plan(Array(200).fill(600), { fps: 120 }))).toMatch(
      /14400000 frames; at most/
    )
    expect(checkTourVideoPlan(plan([2, undefined]))).toBeNull()
    expect(() => tourVideoSchedule(plan([]))).toThrow(RangeError)
  })
})
