import { afterEach, describe, expect, it, vi } from 'vitest'
import { SeekThrottle } from '../../../src/renderer/src/session/seekThrottle'

/** a seek sender whose replies the test releases by hand */
function manualSend() {
  const sent: number[] = []
  const replies: { resolve: () => void; reject: (error: Error) => void }[] = []
  const send = vi.fn(
    (timeS: number) =>
      new Promise<void>((resolve, reject) => {
        sent.push(timeS)
        replies.push({ resolve, reject })
      })
  )
  return { send, sent, replies }
}

const settle = () => vi.advanceTimersByTimeAsync(0)

afterEach(() => {
  vi.useRealTimers()
})

describe('seek throttle', () => {
  it('has one seek in flight at a time and sends only the newest target after it', async () => {
    vi.useFakeTimers()
    const api = manualSend()
    const throttle = new SeekThrottle(api.send, vi.fn(), 100, () => Date.now())
    const answered: number[] = []
    for (const t of [10, 20, 30, 40]) void throttle.request(t).then(() => answered.push(t))
    expect(api.sent).toEqual([10])
    expect(throttle.target).toBe(40)

    await vi.advanceTimersByTimeAsync(500)
    // nothing more goes out while the first is unanswered, however long it takes
    expect(api.sent).toEqual([10])
    api.replies[0]!.resolve()
    await settle()
    expect(answered).toEqual([10])
    // 500 ms passed since the first was sent, so the newest goes at once; 20 and 30 never
    expect(api.sent).toEqual([10, 40])
    api.replies[1]!.resolve()
    await settle()
    expect(answered).toEqual([10, 20, 30, 40])
    expect(throttle.target).toBeNull()
  })

  it('keeps at least the gap between two seeks, so a drag sends about ten a second', async () => {
    vi.useFakeTimers()
    const sent: number[] = []
    const throttle = new SeekThrottle(
      async (t) => {
        sent.push(t)
      },
      vi.fn(),
      100,
      () => Date.now()
    )
    // a drag: a new target every 10 ms for one second, each answered at once
    for (let i = 1; i <= 100; i++) {
      void throttle.request(i)
      await vi.advanceTimersByTimeAsync(10)
    }
    await vi.advanceTimersByTimeAsync(200)
    expect(sent.length).toBeGreaterThanOrEqual(9)
    expect(sent.length).toBeLessThanOrEqual(11)
    // the last place the hand stopped is always sent
    expect(sent.at(-1)).toBe(100)
  })

  it('reports a refused seek and carries on with the next', async () => {
    vi.useFakeTimers()
    const api = manualSend()
    const onError = vi.fn()
    const throttle = new SeekThrottle(api.send, onError, 100, () => Date.now())
    const first = throttle.request(5)
    api.replies[0]!.reject(new Error('no run is open for replay'))
    await expect(first).resolves.toBeUndefined()
    expect(onError).toHaveBeenCalledWith(new Error('no run is open for replay'))
    void throttle.request(6)
    await vi.advanceTimersByTimeAsync(100)
    expect(api.sent).toEqual([5, 6])
  })

  it('drops targets not yet sent when cancelled, and lets their callers go', async () => {
    vi.useFakeTimers()
    const api = manualSend()
    const throttle = new SeekThrottle(api.send, vi.fn(), 100, () => Date.now())
    void throttle.request(1)
    const dropped = throttle.request(2)
    throttle.cancel()
    await expect(dropped).resolves.toBeUndefined()
    api.replies[0]!.resolve()
    await vi.advanceTimersByTimeAsync(300)
    expect(api.sent).toEqual([1])
  })
})
