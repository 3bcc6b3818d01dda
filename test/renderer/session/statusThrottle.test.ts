import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RunStatus } from '../../../src/shared/api'
import { throttleStatus } from '../../../src/renderer/src/session/statusThrottle'
import { idleStatus } from '../fakeTwin'

const running: RunStatus = { ...idleStatus, state: 'running', runId: 'run-1', durationS: 600 }

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('run status throttle', () => {
  it('passes state changes at once and holds progress to one update per interval', () => {
    const apply = vi.fn()
    const throttle = throttleStatus(apply, 250)
    throttle.push(running)
    throttle.push({ ...running, simTimeS: 1 })
    throttle.push({ ...running, simTimeS: 2 })
    expect(apply.mock.calls.map(([s]) => s.simTimeS)).toEqual([0])

    vi.advanceTimersByTime(250)
    // the newest held-back status, not the first
    expect(apply.mock.calls.map(([s]) => s.simTimeS)).toEqual([0, 2])

    throttle.push({ ...running, simTimeS: 3, state: 'paused' })
    expect(apply).toHaveBeenLastCalledWith(expect.objectContaining({ state: 'paused' }))
  })

  it('passes a new event or a new run at once', () => {
    const apply = vi.fn()
    const throttle = throttleStatus(apply, 250)
    throttle.push(running)
    const event = { atS: 60, kind: 'die-failure' as const, target: 'd', message: 'm' }
    throttle.push({ ...running, simTimeS: 60, events: [event] })
    throttle.push({ ...running, runId: 'run-2' })
    expect(apply).toHaveBeenCalledTimes(3)
  })

  it('drops what it holds when cancelled', () => {
    const apply = vi.fn()
    const throttle = throttleStatus(apply, 250)
    throttle.push(running)
    throttle.push({ ...running, simTimeS: 5 })
    throttle.cancel()
    vi.advanceTimersByTime(1000)
    expect(apply).toHaveBeenCalledTimes(1)
  })
})
