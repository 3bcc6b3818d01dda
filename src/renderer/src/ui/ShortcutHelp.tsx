import './shortcutHelp.css'
import { useId, useRef } from 'react'
import { useModalFocus } from './useModalFocus'
import { SHORTCUTS, SHORTCUT_GROUPS } from './shortcuts'

export interface ShortcutHelpProps {
  open: boolean
  onClose(): void
}

/**
 * The keyboard shortcuts, in a modal dialog: focus moves in when it opens, stays inside while
 * it is open (Tab and Shift+Tab wrap) and returns where it was when it closes; Escape or a
 * click outside closes it.
 */
export function ShortcutHelp({ open, onClose }: ShortcutHelpProps) {
  if (!open) return null
  return <HelpDialog onClose={onClose} />
}

function HelpDialog({ onClose }: { onClose(): void }) {
  const titleId = useId()
  const dialogRef = useRef<HTMLDivElement>(null)
  const closeRef = useRef<HTMLButtonElement>(null)

  const onKeyDown = useModalFocus(dialogRef, closeRef, onClose)

  return (
    <div className="shortcut-help__backdrop" onMouseDown={onClose}>
      <div
        ref={dialogRef}
        className="shortcut-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
        onMouseDown={(event) => event.stopPropagation()}
      >
        <header className="shortcut-help__header">
          <h2 className="shortcut-help__title" id={titleId}>
            Keyboard shortcuts
          </h2>
          <button
            ref={closeRef}
            type="button"
            className="shortcut-help__close"
            aria-label="Close the keyboard shortcuts"
            aria-keyshortcuts="Escape"
            onClick={onClose}
          >
            ×
          </button>
        </header>
        {/* focusable so the list scrolls by keyboard when the window is short */}
        <div className="shortcut-help__body" role="region" tabIndex={0} aria-label="Shortcut list">
          {SHORTCUT_GROUPS.map((group) => (
            <section key={group} className="shortcut-help__group">
              <h3 className="shortcut-help__group-title">{group}</h3>
              <dl className="shortcut-help__list">
                {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                  <div key={s.id} className="shortcut-help__row" data-shortcut={s.id}>
                    <dt>
                      <kbd className="shortcut-help__key">{s.label}</kbd>
                    </dt>
                    <dd>{s.action}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="shortcut-help__note">
          Shortcuts are off while typing in a field. Keys with Ctrl, Alt or ⌘ stay the browser’s.
        </p>
      </div>
    </div>
  )
}
