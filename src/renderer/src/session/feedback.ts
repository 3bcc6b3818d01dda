import { useCallback, useEffect, useMemo, useState } from 'react'
import { TwinError } from '../../../shared/errors'

/** a refused or failed command, shown until the next one succeeds or it is dismissed */
export interface Problem {
  title: string
  message: string
  code: string | null
}

/** a short confirmation ("Exported … to …"); `id` tells two equal messages apart */
export interface Note {
  id: number
  text: string
}

/** a confirmation is read at a glance; it then goes by itself */
export const NOTE_MS = 6000

/**
 * Runs a command for the user. A failure becomes the one problem shown, titled `title`; a
 * success clears it, and a string it resolves with is shown as a confirmation. Resolves with
 * whether it succeeded, so a form can stay open after a refusal.
 */
export type Perform = (
  title: string,
  action: () => Promise<string | null | void>
) => Promise<boolean>

export interface Feedback {
  problem: Problem | null
  note: Note | null
  perform: Perform
  /** shows a failure that did not come from a command the user gave (a seek during a drag) */
  report(title: string, error: unknown): void
  dismissProblem(): void
  dismissNote(): void
}

export function problemOf(title: string, error: unknown): Problem {
  return {
    title,
    message: error instanceof Error ? error.message : String(error),
    code: error instanceof TwinError ? error.code : null
  }
}

/** Problems and confirmations: the one place commands report to the user. */
export function useFeedback(): Feedback {
  const [problem, setProblem] = useState<Problem | null>(null)
  const [note, setNote] = useState<Note | null>(null)

  useEffect(() => {
    if (!note) return
    const timer = setTimeout(() => setNote(null), NOTE_MS)
    return () => clearTimeout(timer)
  }, [note])

  const perform = useCallback<Perform>(async (title, action) => {
    try {
      const done = await action()
      setProblem(null)
      if (typeof done === 'string') setNote((last) => ({ id: (last?.id ?? 0) + 1, text: done }))
      return true
    } catch (error) {
      setProblem(problemOf(title, error))
      return false
    }
  }, [])

  const report = useCallback((title: string, error: unknown) => {
    setProblem(problemOf(title, error))
  }, [])
  const dismissProblem = useCallback(() => setProblem(null), [])
  const dismissNote = useCallback(() => setNote(null), [])

  return useMemo(
    () => ({ problem, note, perform, report, dismissProblem, dismissNote }),
    [problem, note, perform, report, dismissProblem, dismissNote]
  )
}
