import type { FrameView } from '../../../shared/frame'
import { linearToSrgb } from '../scene/colorMap'

/**
 * `window.__twinCompare`, for end-to-end tests: what each of the compare view's scenes drew,
 * written by the scenes themselves (never through React state).
 */
export interface CompareProbe {
  /** the timeline's time, simulated seconds */
  timeS: number
  /** how many timeline moves every scene has caught up with (shows the frame asked for) */
  settled: number
  views: CompareViewProbe[]
}

export interface CompareViewProbe {
  runId: string
  system: string
  /** dies drawn (0: the system has no part-level topology) */
  dies: number
  /** the time asked of the run and the time of the frame painted, simulated seconds */
  askedS: number
  frameS: number
  /** renders since the scene loaded */
  renders: number
  /** sRGB (0..1) of a die as painted last */
  dieColor(index: number): [number, number, number]
  /** the painted frame's compute utilization (0..1) and role of a die; null before a frame */
  dieCompute(index: number): number | null
  dieRole(index: number): number | null
}

declare global {
  interface Window {
    __twinCompare?: CompareProbe
  }
}

export function compareProbe(): CompareProbe {
  window.__twinCompare ??= { timeS: 0, settled: 0, views: [] }
  return window.__twinCompare
}

/** a scene's entry, kept up to date by it; removed when the scene goes */
export function registerCompareView(
  runId: string,
  system: string,
  colors: () => ArrayLike<number> | null,
  frame: () => FrameView | null
): { entry: CompareViewProbe; remove(): void } {
  const entry: CompareViewProbe = {
    runId,
    system,
    dies: 0,
    askedS: -1,
    frameS: -1,
    renders: 0,
    dieColor(index) {
      const c = colors()
      if (!c) return [NaN, NaN, NaN]
      return [0, 1, 2].map((k) => linearToSrgb(c[index * 3 + k]!)) as [number, number, number]
    },
    dieCompute: (index) => frame()?.dieCompute[index] ?? null,
    dieRole: (index) => frame()?.dieRole[index] ?? null
  }
  const probe = compareProbe()
  probe.views.push(entry)
  return {
    entry,
    remove() {
      probe.views = probe.views.filter((v) => v !== entry)
    }
  }
}
