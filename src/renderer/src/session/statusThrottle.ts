import type { RunStatus } from '../../../shared/api'

/** React sees a run's progress at most this often; state changes pass at once. */
export const STATUS_REFRESH_MS = 250

export interface StatusThrottle {
  push(status: RunStatus): void
  cancel(): void
}

/** whether the UI must show this status now: the buttons and the event log depend on these */
function changesControls(previous: RunStatus | null, next: RunStatus): boolean {
  return (
    previous === null ||
    previous.state !== next.state ||
    previous.runId !== next.runId ||
    previous.speed !== next.speed ||
    previous.events.length !== next.events.length ||
    previous.error !== next.error
  )
}

/**
 * Passes run statuses on to `apply` (a React state setter), holding back progress-only
 * updates to one per `intervalMs`; the newest held-back status is applied when the interval
 * ends, so the last word is never lost.
 */
export function throttleStatus(
  apply: (status: RunStatus) => void,
  intervalMs = STATUS_REFRESH_MS,
  now: () => number = () => performance.now()
): StatusThrottle {
  let applied: RunStatus | null = null
  let appliedAt = -Infinity
  let held: RunStatus | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  const flush = (status: RunStatus): void => {
    if (timer) clearTimeout(timer)
    timer = null
    held = null
    applied = status
    appliedAt = now()
    apply(status)
  }

  return {
    push(status) {
      const wait = appliedAt + intervalMs - now()
      if (changesControls(applied, status) || wait <= 0) {
        flush(status)
        return
      }
      held = status
      timer ??= setTimeout(() => {
        timer = null
        if (held) flush(held)
      }, wait)
    },
    cancel() {
      if (timer) clearTimeout(timer)
      timer = null
      held = null
    }
  }
}
