/**
 * Labelled form fields with their hint and their own error, wired for screen readers. Forms set
 * `noValidate` and say what is wrong here, on the field, in the app's words: the browser's own
 * bubbles never show.
 */
import { type ReactNode } from 'react'

/** Per-field messages keyed by the input's dotted path (as `AppError.fields` carries them). */
export type FieldErrors = Record<string, string>

/** The id of the input for a dotted field path, within a form's `prefix`. */
export function fieldId(field: string, prefix = 'account'): string {
  return `${prefix}-${field.replaceAll('.', '-')}`
}

/** Moves focus to the first field that has an error. */
export function focusFirstError(fields: FieldErrors, prefix = 'account'): void {
  const first = Object.keys(fields)[0]
  if (first !== undefined) document.getElementById(fieldId(first, prefix))?.focus()
}

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  return (
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
    undefined
  )
}

function FieldMessages(props: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {props.hint ? (
        <p id={`${props.id}-hint`} className="field__hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={`${props.id}-error`} className="field__error">
          {props.error}
        </p>
      ) : null}
    </>
  )
}

export function TextField(props: {
  field: string
  label: string
  value: string
  onChange: (value: string) => void
  errors: FieldErrors
  prefix?: string
  type?: 'text' | 'password' | 'email' | 'url' | 'number'
  inputMode?: 'decimal' | 'numeric' | 'email' | 'url'
  hint?: ReactNode
  placeholder?: string
  autoComplete?: string
  required?: boolean
  /** Shows "(optional)" after the label when the field is not required (default true). */
  markOptional?: boolean
  /** The field a dialog focuses when it opens (`data-autofocus`). */
  initialFocus?: boolean
}) {
  const id = fieldId(props.field, props.prefix)
  const error = props.errors[props.field]
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        {props.required || props.markOptional === false ? null : (
          <span className="field__optional"> (optional)</span>
        )}
      </label>
      <input
        id={id}
        name={props.field}
        type={props.type === 'number' ? 'text' : (props.type ?? 'text')}
        inputMode={props.inputMode ?? (props.type === 'number' ? 'decimal' : undefined)}
        value={props.value}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        spellCheck={false}
        data-autofocus={props.initialFocus ? true : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, Boolean(props.hint), Boolean(error))}
        aria-required={props.required ? true : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <FieldMessages id={id} hint={props.hint} error={error} />
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
  prefix?: string
  hint?: ReactNode
  disabled?: boolean
}) {
  const id = fieldId(props.field, props.prefix)
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
        aria-describedby={describedBy(id, Boolean(props.hint), Boolean(error))}
        onChange={(event) => props.onChange(event.target.value as T)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldMessages id={id} hint={props.hint} error={error} />
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
  prefix?: string
}) {
  return (
    <fieldset className="field field--radios">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.value} className="radio">
          <input
            type="radio"
            name={fieldId(props.field, props.prefix)}
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
