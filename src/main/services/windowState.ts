import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** The main window as it was left: its normal (unmaximized) bounds, and whether it was maximized. */
export interface WindowState {
  bounds: Rect
  maximized: boolean
}

/** Where a window opens: no x/y lets Electron centre it. */
export interface WindowPlacement {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

export const WINDOW_STATE_FILE = 'window-state.json'

const int = z.number().int().min(-100_000).max(100_000)
const size = z.number().int().min(1).max(100_000)
const stateSchema = z.object({
  bounds: z.object({ x: int, y: int, width: size, height: size }),
  maximized: z.boolean()
})

export const windowStatePath = (dataDir: string): string => join(dataDir, WINDOW_STATE_FILE)

/**
 * The saved state, or null when there is none or it cannot be used (unreadable, not JSON,
 * wrong shape): the window then opens at its defaults rather than not at all.
 */
export function loadWindowState(path: string): WindowState | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      console.warn(`twin: ${path}: cannot read the window state; using defaults`)
    return null
  }
  try {
    const parsed = stateSchema.safeParse(JSON.parse(text))
    if (parsed.success) return parsed.data
    const issue = parsed.error.issues[0]!
    console.warn(
      `twin: ${path}: ${issue.path.join('.') || 'state'}: ${issue.message}; using defaults`
    )
  } catch {
    console.warn(`twin: ${path}: not valid JSON; using defaults`)
  }
  return null
}

/** Written under a temporary name and renamed, so a crash mid-write never leaves half a file. */
export function saveWindowState(path: string, state: WindowState): void {
  try {
    mkdirSync(dirname(path), { recursive: true })
    const partial = `${path}.partial`
    writeFileSync(partial, JSON.stringify(state, null, 2) + '\n')
    renameSync(partial, path)
  } catch (error) {
    // losing the window position is not worth an error in the user's face
    console.warn(`twin: ${path}: cannot save the window state (${(error as Error).message})`)
  }
}

const overlap = (a: Rect, b: Rect): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))

const clamp = (value: number, min: number, max: number): number =>
  Math.min(Math.max(value, min), Math.max(min, max))

/**
 * Where to open the window: the saved bounds, moved and shrunk onto the display they overlap
 * most (screens are work areas, primary first). A window saved on a display that is gone
 * opens centred on the primary one, never off screen.
 */
export function placeWindow(
  saved: WindowState | null,
  screens: readonly Rect[],
  defaults: { width: number; height: number }
): WindowPlacement {
  if (!saved || screens.length === 0) return { ...defaults, maximized: false }
  const { bounds } = saved
  let best = screens[0]!
  let bestOverlap = 0
  for (const screen of screens) {
    const area = overlap(bounds, screen)
    if (area > bestOverlap) [best, bestOverlap] = [screen, area]
  }
  const width = Math.min(bounds.width, best.width)
  const height = Math.min(bounds.height, best.height)
  if (bestOverlap === 0) {
    return {
      x: best.x + Math.round((best.width - width) / 2),
      y: best.y + Math.round((best.height - height) / 2),
      width,
      height,
      maximized: saved.maximized
    }
  }
  return {
    x: clamp(bounds.x, best.x, best.x + best.width - width),
    y: clamp(bounds.y, best.y, best.y + best.height - height),
    width,
    height,
    maximized: saved.maximized
  }
}

/**
 * Saves the state at most once per `delayMs` while the window moves or resizes (a drag fires
 * dozens of events a second), and at once on `flush` (closing).
 */
export class WindowStateSaver {
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly save: () => void,
    private readonly delayMs = 500
  ) {}

  changed(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      this.save()
    }, this.delayMs)
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.save()
  }
}
