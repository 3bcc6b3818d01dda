import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  loadWindowState,
  placeWindow,
  saveWindowState,
  windowStatePath,
  WindowStateSaver,
  type WindowState
} from '../../../src/main/services/windowState'
import { tempDir } from './library/fixtures'

const defaults = { width: 1600, height: 900 }
const laptop = { x: 0, y: 0, width: 1920, height: 1050 }
const rightOfIt = { x: 1920, y: 0, width: 2560, height: 1400 }
const state = (
  x: number,
  y: number,
  width = 1600,
  height = 900,
  maximized = false
): WindowState => ({
  bounds: { x, y, width, height },
  maximized
})

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('the window state file', () => {
  it('round-trips, in the data folder, creating it', () => {
    const path = windowStatePath(join(tempDir(), 'not-yet'))
    saveWindowState(path, state(10, 20, 1700, 950, true))
    expect(loadWindowState(path)).toEqual(state(10, 20, 1700, 950, true))
  })

  it('is missing, corrupt or of the wrong shape: defaults, never a throw', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const dir = tempDir()
    expect(loadWindowState(join(dir, 'none.json'))).toBeNull()
    expect(warn).not.toHaveBeenCalled()
    const path = join(dir, 'window-state.json')
    for (const text of ['{"bounds":', '', 'null', '{"bounds":{"x":"a"},"maximized":false}']) {
      writeFileSync(path, text)
      expect(loadWindowState(path)).toBeNull()
    }
    writeFileSync(path, JSON.stringify({ ...state(0, 0), maximized: 'yes' }))
    expect(loadWindowState(path)).toBeNull()
    expect(warn.mock.calls.at(-1)![0]).toMatch(/window-state\.json: maximized:/)
    expect(placeWindow(loadWindowState(path), [laptop], defaults)).toEqual({
      ...defaults,
      maximized: false
    })
  })

  it('a folder that cannot be written loses the position, not the app', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const file = join(tempDir(), 'a-file')
    writeFileSync(file, 'x')
    expect(() => saveWindowState(join(file, 'window-state.json'), state(0, 0))).not.toThrow()
    expect(warn.mock.calls[0]![0]).toContain(join(file, 'window-state.json'))
  })
})

describe('placing the window on the displays there are', () => {
  it('opens where it was left', () => {
    expect(placeWindow(state(2000, 100, 1800, 1000), [laptop, rightOfIt], defaults)).toEqual({
      x: 2000,
      y: 100,
      width: 1800,
      height: 1000,
      maximized: false
    })
  })

  it('moves a window hanging off a display back onto the one it mostly covers', () => {
    expect(placeWindow(state(1000, -50, 1600, 900), [laptop], defaults)).toMatchObject({
      x: 320,
      y: 0
    })
    expect(placeWindow(state(3800, 900), [laptop, rightOfIt], defaults)).toMatchObject({
      x: 1920 + 2560 - 1600,
      y: 1400 - 900
    })
  })

  it('centres a window on the primary display when its display is gone, keeping maximized', () => {
    expect(placeWindow(state(3000, 200, 1600, 900, true), [laptop], defaults)).toEqual({
      x: 160,
      y: 75,
      width: 1600,
      height: 900,
      maximized: true
    })
  })

  it('shrinks a window larger than its display', () => {
    expect(placeWindow(state(0, 0, 2560, 1400), [laptop], defaults)).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1050,
      maximized: false
    })
  })
})

describe('saving while the window moves', () => {
  it('writes once per burst of moves, and at once on close', () => {
    vi.useFakeTimers()
    const save = vi.fn()
    const saver = new WindowStateSaver(save, 500)
    for (let i = 0; i < 20; i++) {
      saver.changed()
      vi.advanceTimersByTime(100)
    }
    expect(save).not.toHaveBeenCalled()
    vi.advanceTimersByTime(500)
    expect(save).toHaveBeenCalledTimes(1)
    saver.changed()
    saver.flush()
    expect(save).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(1000)
    expect(save).toHaveBeenCalledTimes(2)
  })

  it('leaves no partial file behind', () => {
    const path = windowStatePath(tempDir())
    saveWindowState(path, state(1, 2))
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(state(1, 2))
    expect(() => readFileSync(`${path}.partial`)).toThrow()
  })
})
