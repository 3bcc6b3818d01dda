import './fullDialog.css'
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react'

const FOCUSABLE =
  'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])'

export interface FullDialogProps {
  title: string
  /** a line under the title */
  subtitle?: ReactNode
  onClose(): void
  /** 'full': nearly the whole window (compare); 'wide': a large form or table */
  size?: 'full' | 'wide'
  /** the close button's accessible name ("Close the compare view") */
  closeLabel: string
  children: ReactNode
  /** buttons at the bottom */
  footer?: ReactNode
  testId?: string
}

/**
 * A modal dialog over the whole window, for the compare, validation and editor views. Focus
 * moves in when it opens (to the first field, else the close button), Tab and Shift+Tab wrap
 * inside, and focus returns where it was when it closes. Escape closes it. Keys typed inside
 * never reach the window's shortcuts (M, L, 1-4 would act on the hall behind).
 */
export function FullDialog({
  title,
  subtitle,
  onClose,
  size = 'wide',
  closeLabel,
  children,
  footer,
  testId
}: FullDialogProps) {
  const titleId = useId()
  const dialogRef = useRef<HTMLDivElement>(null)
  const closeRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    const before = document.activeElement
    closeRef.current?.focus()
    return () => {
      if (before instanceof HTMLElement && before !== document.body && before.isConnected) {
        before.focus()
      }
    }
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // the dialog owns the keyboard while open: no window shortcut acts behind it
    event.stopPropagation()
    if (event.key === 'Escape') {
      event.preventDefault()
      onClose()
      return
    }
    if (event.key !== 'Tab') return
    const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])]
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    if (!first || !last) return
    const at = document.activeElement
    if (event.shiftKey && (at === first || !dialogRef.current?.contains(at))) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && (at === last || !dialogRef.current?.contains(at))) {
      event.preventDefault()
      first.focus()
    }
  }

  return (
    <div className="full-dialog__backdrop">
      <div
        ref={dialogRef}
        className={`full-dialog full-dialog--${size}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <header className="full-dialog__header">
          <div>
            <h2 className="full-dialog__title" id={titleId}>
              {title}
            </h2>
            {subtitle && <p className="full-dialog__subtitle">{subtitle}</p>}
          </div>
          <button
            ref={closeRef}
            type="button"
            className="full-dialog__close"
            aria-label={closeLabel}
            aria-keyshortcuts="Escape"
            title={`${closeLabel} (Esc)`}
            onClick={onClose}
          >
            ×
          </button>
        </header>
        <div className="full-dialog__body">{children}</div>
        {footer && <footer className="full-dialog__footer">{footer}</footer>}
      </div>
    </div>
  )
}
