import { useEffect, useLayoutEffect, useRef } from 'react'
import { type ShortcutId, shortcutHandlers } from './shortcuts'

/** handles a key; returning false declines it (nothing to do), leaving the key to others */
export type ShortcutHandler = (event: KeyboardEvent) => boolean | void

const NOT_TEXT = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color'])
const ARROW_ROLES = new Set(['slider', 'radio', 'tab', 'option', 'menuitem', 'listbox'])

/**
 * Whether the key already means something where focus is: every key types into a text field
 * and picks in a list, and arrows move sliders and radio groups. There the key keeps its
 * meaning; a shortcut never steals it.
 */
function keyHasOwnMeaning(event: KeyboardEvent): boolean {
  const target = event.target
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') {
    return true
  }
  if (target instanceof HTMLInputElement && !NOT_TEXT.has(target.type)) return true
  if (!event.key.startsWith('Arrow')) return false
  if (target instanceof HTMLInputElement && target.type === 'range') return true
  const role = target.getAttribute('role')
  return role !== null && ARROW_ROLES.has(role)
}

/**
 * Window-wide single-key shortcuts, keyed by `KeyboardEvent.key` ('l', 'Escape',
 * 'ArrowLeft'). Keys with Ctrl, Alt or Meta belong to the browser and the system; a held key
 * repeats only for arrows (holding → keeps seeking). A key a component already handled
 * (defaultPrevented) is left alone, so an Escape that cancels an edit does not also close
 * the panel around it.
 */
export function useShortcuts(
  shortcuts: Record<string, ShortcutHandler | undefined>,
  /**
   * exclusive (present mode): listens first (capture) and keeps every single key from the
   * page's other shortcuts, so only these act while it is mounted
   */
  options: { exclusive?: boolean } = {}
): void {
  const exclusive = options.exclusive ?? false
  const shortcutsRef = useRef(shortcuts)
  // a layout effect runs in the same task as the commit: a key pressed right after a render
  // (before passive effects get their turn on a busy machine) meets that render's handlers,
  // not the previous ones (which, just after loading, still decline every key)
  useLayoutEffect(() => {
    shortcutsRef.current = shortcuts
  })
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return
      if (exclusive) event.stopImmediatePropagation()
      const handler = shortcutsRef.current[event.key]
      if (!handler) return
      if (event.repeat && !event.key.startsWith('Arrow')) return
      if (keyHasOwnMeaning(event)) return
      if (handler(event) === false) return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown, exclusive)
    return () => window.removeEventListener('keydown', onKeyDown, exclusive)
  }, [exclusive])
}

/** useShortcuts for the app's named shortcuts (ui/shortcuts.ts): the keys come from the list. */
export function useNamedShortcuts(
  handlers: Partial<Record<ShortcutId, ShortcutHandler>>,
  options: { exclusive?: boolean } = {}
): void {
  useShortcuts(shortcutHandlers(handlers), options)
}
