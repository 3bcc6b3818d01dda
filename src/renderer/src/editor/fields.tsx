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

export function CheckField({
  path,
  label,
  checked,
  onChange
}: BaseProps & { checked: boolean; onChange(checked: boolean): void }) {
  const { id, errorId, messages, aria } = useFieldState(path)
  return (
    <div className="editor-field editor-field--check" data-field={path}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        {...aria}
      />
      <label htmlFor={id}>{label}</label>
      <FieldMessage id={errorId} messages={messages} />
    </div>
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
