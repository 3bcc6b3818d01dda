import './fullDialog.css'
import { type ReactNode, useId, useRef } from 'react'
import { useModalFocus } from './useModalFocus'

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
 * A modal dialog over the whole window, for the compare, validation and editor views: modal
 * for the keyboard as useModalFocus says (focus starts on the close button), and keys typed
 * inside never reach the window's shortcuts (M, L, 1-4 would act on the hall behind).
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

  const onKeyDown = useModalFocus(dialogRef, closeRef, onClose, true)

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
