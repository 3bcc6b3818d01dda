import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RenderPacer } from '../../../src/renderer/src/scene/renderPacer'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('render pacer', () => {
  it('asks for one render however many frames arrive before it', () => {
    const render = vi.fn()
    const pacer = new RenderPacer(render, () => performance.now())
    pacer.frameArrived()
    pacer.frameArrived()
    pacer.frameArrived()
    expect(render).not.toHaveBeenCalled()
    vi.advanceTimersByTime(0)
    expect(render).toHaveBeenCalledTimes(1)
  })

  it('leaves the main thread as long again as the last render took', () => {
    let now = 0
    const render = vi.fn()
    const pacer = new RenderPacer(render, () => now)
    pacer.renderStarted()
    // the render (and the compositing after it) kept the thread 1.2 s
    now = 1200
    vi.advanceTimersByTime(0)
    expect(pacer.renderCostMs).toBe(1200)

    pacer.frameArrived()
    vi.advanceTimersByTime(1199)
    expect(render).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(render).toHaveBeenCalledTimes(1)
  })

  it('keeps an animation to its frame interval, and a frame waiting adds no render', () => {
    let now = 0
    const render = vi.fn()
    const pacer = new RenderPacer(render, () => now)
    pacer.renderStarted()
    vi.advanceTimersByTime(0) // a cheap render: 0 ms
    pacer.request(33)
    pacer.frameArrived()
    vi.advanceTimersByTime(32)
    expect(render).not.toHaveBeenCalled()
    now = 33
    vi.advanceTimersByTime(1)
    expect(render).toHaveBeenCalledTimes(1)
  })

  it('asks for nothing once disposed', () => {
    const render = vi.fn()
    const pacer = new RenderPacer(render)
    pacer.frameArrived()
    pacer.dispose()
    vi.advanceTimersByTime(10)
    expect(render).not.toHaveBeenCalled()
  })
})
