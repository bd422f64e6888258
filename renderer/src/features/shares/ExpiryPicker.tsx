import {
  shareExpiryPresetLabels,
  shareExpiryPresets,
  type ShareExpiry,
  type ShareExpiryPreset,
} from '@shared/domain/shares'
import type { FieldErrors } from '../../ui/fields'

export type ExpiryChoice = ShareExpiryPreset | 'custom'

export interface ExpiryValue {
  choice: ExpiryChoice
  days: string
  hours: string
  minutes: string
}

export function expiryValueOf(expiry: ShareExpiry): ExpiryValue {
  return expiry.kind === 'preset'
    ? { choice: expiry.preset, days: '0', hours: '4', minutes: '0' }
    : {
        choice: 'custom',
        days: String(expiry.days),
        hours: String(expiry.hours),
        minutes: String(expiry.minutes),
      }
}

/** The expiry the picker holds, or the problems of its custom fields. */
export function readExpiry(value: ExpiryValue): { expiry: ShareExpiry } | { errors: FieldErrors } {
  if (value.choice !== 'custom') return { expiry: { kind: 'preset', preset: value.choice } }
  const number = (text: string) => (text.trim() === '' ? 0 : Number(text))
  const days = number(value.days)
  const hours = number(value.hours)
  const minutes = number(value.minutes)
  const errors: FieldErrors = {}
  if (!Number.isInteger(days) || days < 0 || days > 365)
    errors.days = 'Days: a whole number, 0 to 365'
  if (!Number.isInteger(hours) || hours < 0 || hours > 23) errors.hours = 'Hours: 0 to 23'
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 59) errors.minutes = 'Minutes: 0 to 59'
  if (Object.keys(errors).length === 0 && days + hours + minutes === 0) {
    errors.expiry = 'The link must live at least one minute'
  }
  if (Object.keys(errors).length > 0) return { errors }
  return { expiry: { kind: 'custom', days, hours, minutes } }
}

/** The id of a part of the picker, for focusing the field an error is about. */
export function expiryFieldId(prefix: string, field: string, value: ExpiryValue): string {
  if (field === 'expiry')
    return value.choice === 'custom' ? `${prefix}-days` : `${prefix}-${value.choice}`
  return `${prefix}-${field}`
}

/**
 * How long a link lives: the presets (1 hour to 7 days) as one row of choices, or days, hours
 * and minutes. Freight and document links use the same picker.
 */
export function ExpiryPicker(props: {
  /** Ids of its inputs start with this (`share-expiry`). */
  prefix: string
  legend: string
  value: ExpiryValue
  errors: FieldErrors
  onChange: (value: ExpiryValue) => void
  /** The checked preset takes the focus when the picker appears. */
  initialFocus?: boolean
}) {
  const { prefix, value, errors } = props
  const error = (field: string) =>
    errors[field] ? (
      <p id={`${prefix}-${field}-error`} className="field__error">
        {errors[field]}
      </p>
    ) : null
  return (
    <fieldset className="field field--radios expiry-picker">
      <legend>{props.legend}</legend>
      <div className="choice-row">
        {[...shareExpiryPresets, 'custom' as const].map((choice) => (
          <label key={choice} className="radio">
            <input
              id={`${prefix}-${choice}`}
              type="radio"
              name={prefix}
              value={choice}
              checked={value.choice === choice}
              data-autofocus={props.initialFocus && value.choice === choice ? true : undefined}
              aria-describedby={errors.expiry ? `${prefix}-expiry-error` : undefined}
              onChange={() => props.onChange({ ...value, choice })}
            />
            {choice === 'custom' ? 'Custom' : shareExpiryPresetLabels[choice]}
          </label>
        ))}
      </div>
      {value.choice === 'custom' && (
        <div className="expiry-picker__custom">
          {(['days', 'hours', 'minutes'] as const).map((unit) => (
            <div key={unit} className="field field--inline">
              <label htmlFor={`${prefix}-${unit}`}>{unit[0]!.toUpperCase() + unit.slice(1)}</label>
              <input
                id={`${prefix}-${unit}`}
                type="number"
                inputMode="numeric"
                min={0}
                max={unit === 'days' ? 365 : unit === 'hours' ? 23 : 59}
                value={value[unit]}
                aria-invalid={errors[unit] || errors.expiry ? true : undefined}
                aria-describedby={errors[unit] ? `${prefix}-${unit}-error` : undefined}
                onChange={(event) => props.onChange({ ...value, [unit]: event.target.value })}
              />
              {error(unit)}
            </div>
          ))}
        </div>
      )}
      {error('expiry')}
    </fieldset>
  )
}
