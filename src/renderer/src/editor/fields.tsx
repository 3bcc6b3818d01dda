import { type ReactNode, createContext, useContext } from 'react'

/** What the fields of the scenario editor read: their ids and the issues at each. */
export interface FormFields {
  idFor(path: string): string
  /** the messages shown at this field (or group) */
  messages(path: string): string[]
}

export const FieldsContext = createContext<FormFields>({
  idFor: (path) => `field-${path}`,
  messages: () => []
})

/** the aria attributes and message of a field at `path` */
export function useFieldState(path: string) {
  const fields = useContext(FieldsContext)
  const id = fields.idFor(path)
  const messages = fields.messages(path)
  const errorId = `${id}-error`
  return {
    id,
    errorId,
    messages,
    aria: {
      'aria-invalid': messages.length > 0 ? (true as const) : undefined,
      'aria-describedby': messages.length > 0 ? errorId : undefined
    }
  }
}

export function FieldMessage({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null
  return (
    <span className="field-error" id={id}>
      {messages.join('; ')}
    </span>
  )
}

interface BaseProps {
  path: string
  label: string
  hint?: string
}

export function TextField({
  path,
  label,
  hint,
  value,
  onChange,
  numeric = false,
  wide = false
}: BaseProps & {
  value: string
  onChange(value: string): void
  numeric?: boolean
  wide?: boolean
}) {
  const { id, errorId, messages, aria } = useFieldState(path)
  return (
    <div className={`editor-field${wide ? ' editor-field--wide' : ''}`} data-field={path}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={numeric ? 'decimal' : undefined}
        spellCheck={numeric ? false : undefined}
        value={value}
        placeholder={hint}
        onChange={(event) => onChange(event.target.value)}
        {...aria}
      />
      <FieldMessage id={errorId} messages={messages} />
    </div>
  )
}

export function SelectField<T extends string>({
  path,
  label,
  value,
  options,
  onChange
}: BaseProps & {
  value: T
  options: { value: T; label: string }[]
  onChange(value: T): void
}) {
  const { id, errorId, messages, aria } = useFieldState(path)
  return (
    <div className="editor-field" data-field={path}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value as T)}
        {...aria}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessage id={errorId} messages={messages} />
    </div>
  )
}

/** `value` rather than `checked`, so that `bind` serves a check box as it does any field */
export function CheckField({
  path,
  label,
  value,
  onChange
}: BaseProps & { value: boolean; onChange(value: boolean): void }) {
  const { id, errorId, messages, aria } = useFieldState(path)
  return (
    <div className="editor-field editor-field--check" data-field={path}>
      <input
        id={id}
        type="checkbox"
        checked={value}
        onChange={(event) => onChange(event.target.checked)}
        {...aria}
      />
      <label htmlFor={id}>{label}</label>
      <FieldMessage id={errorId} messages={messages} />
    </div>
  )
}

/**
 * The value of one key of a draft record and the change that replaces it, to spread into a
 * field: `<TextField … {...field('ttftMs')} />`. Each part of the form edits its own record,
 * so one binding serves every field of that part.
 */
export function bind<T extends object>(record: T, onChange: (next: T) => void) {
  return <K extends keyof T>(key: K) => ({
    value: record[key],
    onChange: (value: T[K]) => onChange({ ...record, [key]: value })
  })
}

/** the props of a part of the form that edits one record of the draft */
export interface PartProps<T> {
  value: T
  onChange(next: T): void
}

/** joins a field's key to the scenario path of its part ('' for the scenario's top level) */
const pathAt = (at: string, key: string): string => (at ? `${at}.${key}` : key)

/** numeric fields for several keys of one draft record, each at `at.key` */
export function NumberFields<K extends string, T extends Record<K, string>>({
  at,
  labels,
  value,
  onChange
}: PartProps<T> & { at: string; labels: readonly (readonly [K, string])[] }) {
  const field = bind(value, onChange)
  return (
    <>
      {labels.map(([key, label]) => (
        <TextField key={key} path={pathAt(at, key)} label={label} numeric {...field(key)} />
      ))}
    </>
  )
}

/** A titled group of fields; issues about the group as a whole show under its title. */
export function FieldGroup({
  path,
  title,
  children,
  actions
}: {
  path: string
  title: string
  children: ReactNode
  actions?: ReactNode
}) {
  const { errorId, messages } = useFieldState(path)
  return (
    <fieldset
      className="editor-group"
      data-group={path}
      aria-describedby={messages.length > 0 ? errorId : undefined}
    >
      <legend className="editor-group__title">{title}</legend>
      {actions && <div className="editor-group__actions">{actions}</div>}
      <FieldMessage id={errorId} messages={messages} />
      <div className="editor-group__fields">{children}</div>
    </fieldset>
  )
}
