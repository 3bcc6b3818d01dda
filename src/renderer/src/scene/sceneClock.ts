/**
 * The clock the hall's camera flights run on: the page's, unless an export has pinned it. A
 * tour video pins it at each video frame's time before that frame is drawn, so a flight shows
 * where it is at that frame's timestamp, however long drawing and encoding take. No three.js
 * here, so the export code imports it without loading the scene's chunk.
 */
let pinned: number | null = null

/** now on the scene's clock, milliseconds on performance.now()'s scale */
export function sceneNow(): number {
  return pinned ?? performance.now()
}

/** pins the clock at `ms` (it stays there until pinned again), or frees it with null */
export function pinSceneClock(ms: number | null): void {
  pinned = ms
}

export function sceneClockPinned(): boolean {
  return pinned !== null
}
