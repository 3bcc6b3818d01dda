import { useEffect, useLayoutEffect, useRef } from 'react'

const OWN_SPACE_ROLES = new Set([
  'button',
  'checkbox',
  'radio',
  'switch',
  'option',
  'slider',
  'tab'
])

/**
 * Whether Space already means something where focus is: typing in a text field, pressing a
 * focused button, ticking a box, opening a list. There the key keeps its meaning, so keyboard
 * users can still press every control with Space.
 */
function spaceHasOwnMeaning(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  if (['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'SUMMARY', 'A'].includes(tag)) return true
  const role = target.getAttribute('role')
  return role !== null && OWN_SPACE_ROLES.has(role)
}

/** Space anywhere else calls `toggle` (pause or resume the run), as in a media player. */
export function useSpaceToggle(toggle: () => void): void {
  const toggleRef = useRef(toggle)
  // as useShortcuts: the handler of the render a key follows, not the one before it
  useLayoutEffect(() => {
    toggleRef.current = toggle
  })
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== ' ' && event.code !== 'Space') return
      if (event.repeat || event.defaultPrevented) return
      if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return
      if (spaceHasOwnMeaning(event.target)) return
      event.preventDefault()
      toggleRef.current()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
