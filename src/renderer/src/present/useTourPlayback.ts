import { useEffect, useState } from 'react'
import type { Tour, TourStep } from '../../../shared/api'
import { twinStats } from '../twinStats'
import { useNamedShortcuts } from '../ui/useShortcuts'
import { DEFAULT_DWELL_S, type StepTarget, applyStep } from './tourPlayer'

export interface TourPlayback {
  /** the step shown (0-based), and the step itself; null when there is no tour */
  index: number
  step: TourStep | null
  steps: number
  /** the last step is shown: Next and automatic play stop there */
  last: boolean
  /** playing by itself, one dwell per step */
  auto: boolean
  /** this step's problem in words (its run cannot be shown), or null */
  message: string | null
  next(): void
  previous(): void
  toggleAuto(): void
}

/**
 * Plays a tour: which step is shown, stepping with the keyboard (exclusive while presenting, so
 * the app's own keys do nothing) or by itself after each step's dwell, and applying each step
 * to the view once as it comes.
 */
export function useTourPlayback(
  tour: Tour | null,
  target: StepTarget & { onExit(): void }
): TourPlayback {
  const { view, showReplay, onExit } = target
  const steps = tour?.steps.length ?? 0
  const [index, setIndex] = useState(0)
  const [auto, setAuto] = useState(false)
  // a step's problem (its run cannot be shown), for that step only
  const [problem, setProblem] = useState<{ index: number; text: string | null } | null>(null)
  const message = problem?.index === index ? problem.text : null
  const step = tour?.steps[Math.min(index, steps - 1)] ?? null
  const last = index >= steps - 1

  const next = (): void => {
    if (last) setAuto(false)
    else setIndex(index + 1)
  }
  const previous = (): void => setIndex(Math.max(0, index - 1))
  const toggleAuto = (): void => setAuto((on) => !on && !last)
  useNamedShortcuts(
    {
      presentNext: next,
      presentPrevious: previous,
      presentAuto: toggleAuto,
      presentExit: onExit
    },
    { exclusive: true }
  )

  // each step, once, as it comes
  useEffect(() => {
    twinStats().present = { active: true, step: index, steps }
    if (!step) return
    let cancelled = false
    void applyStep(step, { view, showReplay }, () => !cancelled).then((text) => {
      if (!cancelled) setProblem({ index, text })
    })
    return () => {
      cancelled = true
    }
    // showReplay and view are the app's, stable for a step
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, index, steps])

  useEffect(() => {
    if (!auto || !step) return
    const timer = setTimeout(next, (step.dwellS ?? DEFAULT_DWELL_S) * 1000)
    return () => clearTimeout(timer)
  })

  return { index, step, steps, last, auto, message, next, previous, toggleAuto }
}
