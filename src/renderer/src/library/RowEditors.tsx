import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react'

interface RenameProps {
  name: string
  onSave(name: string): void
  onCancel(): void
}

/** Inline rename: Enter saves, Escape cancels; the field starts with the whole name selected. */
export function RenameForm({ name, onSave, onCancel }: RenameProps) {
  const [value, setValue] = useState(name)
  const inputRef = useRef<HTMLInputElement>(null)
  useEffect(() => {
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [])
  const trimmed = value.trim()
  const save = (): void => {
    if (trimmed === name) onCancel()
    else if (trimmed !== '') onSave(trimmed)
  }
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    save()
  }
  const onKeyDown = (event: KeyboardEvent): void => {
    // handled here, and marked so: the library panel around this must not close on Escape,
    // and Enter must not also submit the form a second time
    if (event.key === 'Escape') {
      event.preventDefault()
      onCancel()
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault()
      save()
    }
  }
  return (
    <form className="saved-run__rename" onSubmit={submit} onKeyDown={onKeyDown}>
      <input
        ref={inputRef}
        className="saved-run__rename-field"
        aria-label={`New name for “${name}”`}
        value={value}
        maxLength={200}
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit" className="run-button" disabled={trimmed === ''}>
        Save
      </button>
      <button type="button" className="run-button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  )
}

interface ConfirmProps {
  name: string
  onConfirm(): void
  onCancel(): void
}

/**
 * Asks before a delete, in the row itself (the sandbox may not allow window.confirm). Focus
 * starts on Cancel, so a stray Enter keeps the run; Escape cancels.
 */
export function ConfirmDelete({ name, onConfirm, onCancel }: ConfirmProps) {
  const cancelRef = useRef<HTMLButtonElement>(null)
  useEffect(() => cancelRef.current?.focus(), [])
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    onCancel()
  }
  return (
    <div
      className="saved-run__confirm"
      role="group"
      aria-label={`Confirm deleting “${name}”`}
      onKeyDown={onKeyDown}
    >
      <span className="saved-run__confirm-text">
        Delete “{name}”? Its frames and summary are removed for good.
      </span>
      <button
        type="button"
        className="run-button run-button--danger"
        aria-label={`Yes, delete “${name}”`}
        onClick={onConfirm}
      >
        Delete
      </button>
      <button ref={cancelRef} type="button" className="run-button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}
