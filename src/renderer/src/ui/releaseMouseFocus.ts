import type { MouseEvent, PointerEvent } from 'react'

/**
 * A mouse click leaves focus on the control, where Space would press it again (restarting a
 * run instead of pausing it) and arrows would move a slider instead of seeking. Clicks by
 * mouse let go of focus; keyboard presses (detail 0) keep it, so tabbing works as usual.
 */
export function releaseMouseFocus(event: MouseEvent<HTMLElement>): void {
  if (event.detail > 0) event.currentTarget.blur()
}

/** The same for a slider let go of after a drag (pointer events carry no click count). */
export function releasePointerFocus(event: PointerEvent<HTMLElement>): void {
  event.currentTarget.blur()
}
