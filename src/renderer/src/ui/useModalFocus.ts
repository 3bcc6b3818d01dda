import { type KeyboardEvent, type RefObject, useEffect } from 'react'

const FOCUSABLE =
  'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])'

/**
 * What makes a dialog modal for the keyboard: focus moves to `first` when it opens and back
 * where it was when it closes, Tab and Shift+Tab wrap inside `dialog`, and Escape calls
 * `onClose` without also reaching the window's Escape (which would leave the replay). With
 * `ownKeyboard`, no key typed inside reaches the window's shortcuts at all. Returns the
 * dialog's onKeyDown.
 */
export function useModalFocus(
  dialog: RefObject<HTMLElement | null>,
  first: RefObject<HTMLElement | null>,
  onClose: () => void,
  ownKeyboard = false
): (event: KeyboardEvent<HTMLElement>) => void {
  useEffect(() => {
    const before = document.activeElement
    first.current?.focus()
    return () => {
      if (before instanceof HTMLElement && before !== document.body && before.isConnected) {
        before.focus()
      }
    }
  }, [first])

  return (event) => {
    if (ownKeyboard) event.stopPropagation()
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onClose()
      return
    }
    if (event.key !== 'Tab') return
    const focusable = [...(dialog.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])]
    const head = focusable[0]
    const tail = focusable[focusable.length - 1]
    if (!head || !tail) return
    const at = document.activeElement
    if (event.shiftKey && (at === head || !dialog.current?.contains(at))) {
      event.preventDefault()
      tail.focus()
    } else if (!event.shiftKey && (at === tail || !dialog.current?.contains(at))) {
      event.preventDefault()
      head.focus()
    }
  }
}
