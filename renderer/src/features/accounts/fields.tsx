import { type ReactNode } from 'react'

/** Per-field messages keyed by the input's dotted path (as `AppError.fields` carries them). */
export type FieldErrors = Record<string, string>

/** The id of the input for a dotted field path. */
export function fieldId(field: string): string {
  return `account-${field.replaceAll('.', '-')}`
}

/** A labelled input with its hint and its inline error, wired for screen readers. */
export function TextField(props: {
  field: string
  label: string
  value: string
  onChange: (value: string) => void
  errors: FieldErrors
  type?: 'text' | 'password' | 'email' | 'url' | 'number'
  hint?: ReactNode
  placeholder?: string
  autoComplete?: string
  required?: boolean
}) {
  const id = fieldId(props.field)
  const error = props.errors[props.field]
  const describedBy = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        {props.required ? null : <span className="field__optional"> (optional)</span>}
      </label>
      <input
        id={id}
        name={props.field}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        aria-required={props.required ? true : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** A labelled select. */
export function SelectField<T extends string>(props: {
  field: string
  label: string
  value: T
  options: ReadonlyArray<{ value: T; label: string }>
  onChange: (value: T) => void
  errors: FieldErrors
  disabled?: boolean
}) {
  const id = fieldId(props.field)
  const error = props.errors[props.field]
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        name={props.field}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.target.value as T)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** A group of radio buttons with a legend. */
export function RadioGroup<T extends string>(props: {
  field: string
  legend: string
  value: T
  options: ReadonlyArray<{ value: T; label: string }>
  onChange: (value: T) => void
}) {
  return (
    <fieldset className="field field--radios">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.value} className="radio">
          <input
            type="radio"
            name={fieldId(props.field)}
            value={option.value}
            checked={props.value === option.value}
            onChange={() => props.onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  )
}
