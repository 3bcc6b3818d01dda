import { describe, expect, it } from 'vitest'
import { checkVideoPlan, videoSchedule } from '../../../src/renderer/src/export/videoSchedule'

describe('videoSchedule', () => {
  it('20 s of replay at 10x and 30 fps: 60 frames, 2 s, 1/3 s of sim time per frame', () => {
    const { frames, durationS } = videoSchedule({ fromS: 0, toS: 20, fps: 30, speedUp: 10 })
    expect(frames).toHaveLength(60)
    expect(durationS).toBe(2)
    expect(frames[0]).toEqual({ index: 0, simTimeS: 0, timestampUs: 0, durationUs: 33_333 })
    expect(frames[1]!.timestampUs).toBe(33_333)
    expect(frames[2]!.timestampUs).toBe(66_667)
    expect(frames[3]!.simTimeS).toBeCloseTo(1, 12)
    expect(frames[59]!.simTimeS).toBeCloseTo(19 + 2 / 3, 12)
    // timestamps tile the video exactly: each frame ends where the next starts, the last at 2 s
    for (let i = 1; i < frames.length; i++) {
      expect(frames[i]!.timestampUs).toBe(frames[i - 1]!.timestampUs + frames[i - 1]!.durationUs)
    }
    const last = frames.at(-1)!
    expect(last.timestampUs + last.durationUs).toBe(2_000_000)
  })

  it('a range starting later, slower than real time', () => {
    const { frames, durationS } = videoSchedule({ fromS: 5, toS: 7, fps: 24, speedUp: 0.5 })
    expect(frames).toHaveLength(96)
    expect(durationS).toBe(4)
    expect(frames[0]!.simTimeS).toBe(5)
    expect(frames[48]!.simTimeS).toBeCloseTo(6, 12)
    expect(frames[1]!.timestampUs).toBe(41_667)
  })

  it('never seeks past the end, and always has a frame', () => {
    const { frames } = videoSchedule({ fromS: 0, toS: 1, fps: 30, speedUp: 1000 })
    expect(frames).toHaveLength(1)
    expect(frames[0]!.simTimeS).toBe(0)
  })

  it('refuses plans that make no video', () => {
    expect(checkVideoPlan({ fromS: 10, toS: 5, fps: 30, speedUp: 1 })).toMatch(/end/)
    expect(checkVideoPlan({ fromS: 0, toS: 5, fps: 0, speedUp: 1 })).toMatch(/frames per second/)
    expect(checkVideoPlan({ fromS: 0, toS: 5, fps: 30, speedUp: 0 })).toMatch(/speed-up/)
    expect(checkVideoPlan({ fromS: 0, toS: 86_400, fps: 60, speedUp: 1 })).toMatch(/frames/)
    expect(() => videoSchedule({ fromS: 0, toS: 0, fps: 30, speedUp: 1 })).toThrow(RangeError)
  })
})
