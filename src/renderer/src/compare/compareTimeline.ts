/**
 * The compare view's one timeline: every run's scene shows the same simulated time, so a
 * moment of one system stands beside the same moment of the others. Pure numbers.
 */
export interface TimelineRun {
  id: string
  /** time of the run's last saved frame */
  endS: number
}

/** simulated seconds per wall second while the timeline plays */
export const COMPARE_SPEEDS = [1, 4, 16, 64] as const
export type CompareSpeed = (typeof COMPARE_SPEEDS)[number]
export const DEFAULT_COMPARE_SPEED: CompareSpeed = 16

/** the timeline spans the longest run; a shorter run holds its last frame past its end */
export function timelineEnd(runs: readonly TimelineRun[]): number {
  return runs.reduce((end, run) => Math.max(end, run.endS), 0)
}

/** the time a run is asked to show at timeline time `t`: its own end once `t` passes it */
export function runTimeAt(run: TimelineRun, t: number): number {
  return Math.min(Math.max(0, t), run.endS)
}

/**
 * Where the timeline is after `wallS` seconds of playing at `speed`; it stops at its end.
 * Playing from the end starts over, as a media player does.
 */
export function advance(
  t: number,
  wallS: number,
  speed: number,
  endS: number
): { t: number; ended: boolean } {
  const next = Math.min(endS, Math.max(0, t) + Math.max(0, wallS) * speed)
  return { t: next, ended: next >= endS }
}

/** where a press of Play starts: from the start again when the timeline sits at its end */
export function playFrom(t: number, endS: number): number {
  return t >= endS ? 0 : t
}
