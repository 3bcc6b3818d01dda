import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ReplayPlayer, type ReplayStatus } from '../../../../src/main/services/library/replay'
import { RunStore } from '../../../../src/main/services/library/runStore'
import { decodeFrame } from '../../../../src/shared/frame'
import { recordRun, tempDir } from './fixtures'

let store: RunStore
let clockMs = 0
const shown: number[] = []
const statuses: ReplayStatus[] = []

function player(): ReplayPlayer {
  return new ReplayPlayer(
    store,
    (frame) => shown.push(decodeFrame(frame).simTimeS),
    (status) => statuses.push(status),
    { now: () => clockMs }
  )
}

/** advances the wall clock and the timers together, as time passes */
function elapse(ms: number): void {
  for (let t = 0; t < ms; t += 10) {
    clockMs += 10
    vi.advanceTimersByTime(10)
  }
}

beforeEach(() => {
  vi.useFakeTimers()
  store = new RunStore(join(tempDir(), 'runs.sqlite'))
  clockMs = 0
  shown.length = 0
  statuses.length = 0
})
afterEach(() => {
  vi.useRealTimers()
  store.close()
})

describe('ReplayPlayer', () => {
  it('opens a run paused on the frame asked for and seeks anywhere, backwards too', () => {
    const { id } = recordRun(store, { durationS: 40, name: 'replayed' })
    const replay = player()
    expect(replay.open(id, 10)).toMatchObject({
      state: 'paused',
      runId: id,
      name: 'replayed',
      system: 'cloudmatrix384',
      endS: 40,
      positionS: 10
    })
    expect(shown).toEqual([10])
    expect(replay.seek(33.7).positionS).toBe(33)
    expect(replay.seek(2).positionS).toBe(2)
    expect(replay.seek(1e6).positionS).toBe(40)
    expect(shown).toEqual([10, 33, 2, 40])
  })

  it('plays at the chosen speed and stops at the end of the run', () => {
    const { id } = recordRun(store, { durationS: 40 })
    const replay = player()
    replay.open(id, 0)
    replay.play()
    elapse(5_000) // 1x: five simulated seconds in five seconds
    expect(replay.status().positionS).toBe(5)
    expect(shown.length).toBeGreaterThanOrEqual(5)
    replay.setSpeed(4)
    const before = replay.status().positionS
    elapse(2_000)
    expect(replay.status().positionS - before).toBeGreaterThanOrEqual(7)
    expect(replay.status().positionS - before).toBeLessThanOrEqual(9)
    elapse(60_000)
    expect(replay.status()).toMatchObject({ state: 'paused', positionS: 40 })
    // frames went forward only
    expect([...shown].sort((a, b) => a - b)).toEqual(shown)
    // play at the end starts over
    replay.play()
    expect(shown.at(-1)).toBe(1)
  })

  it('skips frames at 64x rather than falling behind, and reports position a few times a second', () => {
    const { id } = recordRun(store, { durationS: 120 })
    const replay = player()
    replay.open(id)
    replay.setSpeed(64)
    statuses.length = 0
    replay.play()
    elapse(1_000)
    const position = replay.status().positionS
    expect(position).toBeGreaterThanOrEqual(60)
    expect(position).toBeLessThanOrEqual(66)
    expect(shown.length).toBeLessThan(40) // at most ~30 frames a second reach the view
    expect(statuses.length).toBeLessThanOrEqual(6)
  })

  it('pauses, refuses speeds out of range and closes', () => {
    const { id } = recordRun(store, { durationS: 10 })
    const replay = player()
    replay.open(id)
    replay.play()
    elapse(2_000)
    const paused = replay.pause()
    elapse(3_000)
    expect(replay.status().positionS).toBe(paused.positionS)
    expect(() => replay.setSpeed(128)).toThrow(/from 0.25x to 64x/)
    expect(() => replay.setSpeed(0.1)).toThrow(/from 0.25x to 64x/)
    expect(replay.close()).toMatchObject({ state: 'closed', runId: null })
    expect(() => replay.seek(3)).toThrow(/no run is open/)
  })

  it('replays an interrupted run up to its last saved frame', () => {
    const { id, recorder } = recordRun(store, { durationS: 20, finish: false })
    recorder.flush()
    store.db.prepare(`UPDATE runs SET owner_pid = 2147483646 WHERE id = ?`).run(id)
    store.markInterrupted()
    const replay = player()
    expect(replay.open(id, 100)).toMatchObject({ endS: 20, positionS: 20 })
  })

  it('says why a run without frames cannot be replayed', () => {
    const { id, recorder } = recordRun(store, { durationS: 2, finish: false })
    recorder.flush()
    store.db.prepare('DELETE FROM frames').run()
    store.db.prepare('UPDATE runs SET frame_count = 0').run()
    recorder.finish('stopped', null)
    expect(() => player().open(id)).toThrow(/has no saved frames to replay/)
  })
})
