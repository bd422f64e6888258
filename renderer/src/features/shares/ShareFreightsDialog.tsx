import { useEffect, useMemo, useRef, useState } from 'react'
import { providerLabels, type Account } from '@shared/domain/account'
import type { Freight } from '@shared/domain/freight'
import {
  shareExpiryPresetLabels,
  shareExpiryPresets,
  type Share,
  type ShareExpiry,
  type ShareExpiryPreset,
} from '@shared/domain/shares'
import { AppErrorException } from '@shared/errors'
import { formatInstant } from '@shared/freight-format'
import { call, errorMessage } from '../../api/client'
import { Dialog } from '../accounts/Dialog'
import '../accounts/accounts.css'
import './shares.css'
import { copyLink, countdown, openLink, useNow } from './share-actions'

type ExpiryChoice = ShareExpiryPreset | 'custom'
type FieldErrors = Record<string, string>

const fieldIds = {
  accountId: 'share-account',
  expiry: 'share-expiry-24h',
  ownerEmail: 'share-owner-email',
  freightIds: 'share-freights',
  days: 'share-custom-days',
  hours: 'share-custom-hours',
  minutes: 'share-custom-minutes',
} as const

/** A freight as the dialog lists it: reference and route. */
function freightLabel(freight: Freight): string {
  const reference = freight.externalNumber ?? freight.reference ?? freight.providerId
  const from = `${freight.loading.place.country} ${freight.loading.place.locality}`
  const to = `${freight.unloading.place.country} ${freight.unloading.place.locality}`
  return `${reference}: ${from} → ${to}`
}

/**
 * The Share dialog for freights: what will be shared (SpotGo freights of one account), what will
 * not and why, the expiry and the owner e-mail; then the link with Copy (focused: Enter copies)
 * and Open in browser. Errors keep everything as filled; field errors show on their field.
 */
export function ShareFreightsDialog(props: { freightIds: number[]; onClose: () => void }) {
  const [freights, setFreights] = useState<Freight[] | null>(null)
  const [missing, setMissing] = useState(0)
  const [accounts, setAccounts] = useState<Account[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const [accountId, setAccountId] = useState('')
  const [choice, setChoice] = useState<ExpiryChoice>('24h')
  const [custom, setCustom] = useState({ days: '0', hours: '4', minutes: '0' })
  const [ownerEmail, setOwnerEmail] = useState('')
  const [ownerEdited, setOwnerEdited] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [problem, setProblem] = useState<{ offline: boolean; message: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<Share | null>(null)
  const copyRef = useRef<HTMLButtonElement>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const now = useNow()
  const { freightIds } = props

  useEffect(() => {
    let cancelled = false
    void (async () => {
      try {
        const [loaded, accountList] = await Promise.all([
          Promise.allSettled(freightIds.map((id) => call('freights.get', { id }))),
          call('accounts.list'),
        ])
        if (cancelled) return
        const found = loaded.flatMap((each) =>
          each.status === 'fulfilled' ? [each.value.freight] : [],
        )
        setFreights(found)
        setMissing(loaded.length - found.length)
        setAccounts(accountList)
        const first = found.find((freight) => freight.provider === 'spotgo')
        if (first) setAccountId(first.accountId)
      } catch (error) {
        if (!cancelled) setLoadError(errorMessage(error))
      }
    })()
    return () => {
      cancelled = true
    }
  }, [freightIds])

  const account = accounts.find((each) => each.id === accountId)
  const defaultOwner = account?.provider === 'spotgo' ? account.ownerEmail : ''
  const owner = ownerEdited ? ownerEmail : defaultOwner

  const spotgoAccounts = useMemo(() => {
    const ids = [
      ...new Set((freights ?? []).filter((f) => f.provider === 'spotgo').map((f) => f.accountId)),
    ]
    return ids.map((id) => ({ id, name: accounts.find((each) => each.id === id)?.name ?? id }))
  }, [freights, accounts])
  const included = (freights ?? []).filter(
    (freight) => freight.provider === 'spotgo' && freight.accountId === accountId,
  )
  const excluded = (freights ?? []).filter((freight) => !included.includes(freight))

  useEffect(() => {
    if (result) copyRef.current?.focus()
  }, [result])

  // The form appears once the freights are read: then the chosen expiry takes the focus.
  const loaded = freights !== null
  useEffect(() => {
    if (loaded)
      formRef.current?.querySelector<HTMLElement>('input[name="share-expiry"]:checked')?.focus()
  }, [loaded])

  const expiry = (): ShareExpiry | null => {
    if (choice !== 'custom') return { kind: 'preset', preset: choice }
    const days = Number(custom.days || '0')
    const hours = Number(custom.hours || '0')
    const minutes = Number(custom.minutes || '0')
    const problems: FieldErrors = {}
    if (!Number.isInteger(days) || days < 0 || days > 365) problems.days = 'Days: 0 to 365'
    if (!Number.isInteger(hours) || hours < 0 || hours > 23) problems.hours = 'Hours: 0 to 23'
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 59) {
      problems.minutes = 'Minutes: 0 to 59'
    }
    if (Object.keys(problems).length === 0 && days + hours + minutes === 0) {
      problems.expiry = 'The link must live at least one minute'
    }
    if (Object.keys(problems).length > 0) {
      showErrors(problems)
      return null
    }
    return { kind: 'custom', days, hours, minutes }
  }

  const showErrors = (fields: FieldErrors) => {
    setErrors(fields)
    const first = Object.keys(fields)[0]
    const id = first
      ? first === 'expiry' && choice === 'custom'
        ? fieldIds.days
        : first === 'expiry'
          ? `share-expiry-${choice}`
          : (fieldIds[first as keyof typeof fieldIds] ?? null)
      : null
    if (id) setTimeout(() => document.getElementById(id)?.focus(), 0)
  }

  const create = async () => {
    setProblem(null)
    setErrors({})
    if (included.length === 0) return
    const chosen = expiry()
    if (!chosen) return
    if (!owner.trim()) {
      showErrors({ ownerEmail: 'Enter the e-mail of the SpotGo user who owns the link' })
      return
    }
    setBusy(true)
    try {
      const share = await call('shares.createFreightLink', {
        accountId,
        freightIds: included.map((freight) => freight.id),
        expiry: chosen,
        ownerEmail: owner.trim(),
      })
      setResult(share)
    } catch (error) {
      if (error instanceof AppErrorException) {
        const fields = Object.fromEntries(
          Object.entries(error.error.fields ?? {}).filter(([key]) => !key.includes('.')),
        )
        if (Object.keys(fields).length > 0) showErrors(fields)
        setProblem({
          offline: error.code === 'offline',
          message:
            error.code === 'offline'
              ? `The link needs SpotGo, and SpotGo cannot be reached right now. Your choices are kept: press Create link again when the connection is back. (${error.message})`
              : error.message,
        })
      } else {
        setProblem({ offline: false, message: errorMessage(error) })
      }
    } finally {
      setBusy(false)
    }
  }

  const fieldError = (field: string) =>
    errors[field] ? (
      <p id={`${field}-error`} className="field__error">
        {errors[field]}
      </p>
    ) : null

  return (
    <Dialog title={result ? 'Share link created' : 'Share freights'} onClose={props.onClose} wide>
      {loadError && (
        <p className="banner banner--error" role="alert">
          The freights could not be loaded: {loadError}
        </p>
      )}
      {!freights && !loadError && <p className="muted">Loading the freights…</p>}
      {freights && result && (
        <div className="share-result" data-testid="share-result">
          <div className="field">
            <label htmlFor="share-result-url">Link</label>
            <input
              id="share-result-url"
              readOnly
              value={result.url}
              onFocus={(event) => event.target.select()}
            />
          </div>
          <p>
            Shows {result.freights.length} {result.freights.length === 1 ? 'freight' : 'freights'}{' '}
            until <strong>{formatInstant(result.expiresAt)}</strong> (
            <span data-testid="share-countdown">{countdown(result.expiresAt, now)}</span>).
          </p>
          <div className="dialog__actions">
            <button
              ref={copyRef}
              type="button"
              className="button button--primary"
              data-autofocus
              onClick={() => void copyLink({ shareId: result.id })}
            >
              Copy
            </button>
            <button type="button" className="button" onClick={() => void openLink(result.url)}>
              Open in browser
            </button>
            <button type="button" className="button" onClick={props.onClose}>
              Done
            </button>
          </div>
        </div>
      )}
      {freights && !result && (
        <form
          ref={formRef}
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            void create()
          }}
        >
          {spotgoAccounts.length > 1 && (
            <div className="field">
              <label htmlFor={fieldIds.accountId}>SpotGo account</label>
              <select
                id={fieldIds.accountId}
                value={accountId}
                onChange={(event) => {
                  setAccountId(event.target.value)
                  setOwnerEdited(false)
                }}
              >
                {spotgoAccounts.map((each) => (
                  <option key={each.id} value={each.id}>
                    {each.name}
                  </option>
                ))}
              </select>
              <p className="field__hint">One link shows the freights of one SpotGo account.</p>
            </div>
          )}
          <section aria-labelledby="share-included" id={fieldIds.freightIds} tabIndex={-1}>
            <h3 id="share-included">
              {included.length === 0
                ? 'Nothing here can be shared'
                : `Will be shared (${included.length})`}
            </h3>
            {included.length > 0 && (
              <ul className="share-list" data-testid="share-included">
                {included.map((freight) => (
                  <li key={freight.id}>{freightLabel(freight)}</li>
                ))}
              </ul>
            )}
            {fieldError('freightIds')}
          </section>
          {(excluded.length > 0 || missing > 0) && (
            <section aria-labelledby="share-excluded" className="share-excluded">
              <h3 id="share-excluded">Not in this link ({excluded.length + missing})</h3>
              <ul className="share-list" data-testid="share-excluded">
                {excluded.map((freight) => (
                  <li key={freight.id}>
                    {freightLabel(freight)}:{' '}
                    {freight.provider === 'spotgo'
                      ? `another SpotGo account (${accounts.find((a) => a.id === freight.accountId)?.name ?? freight.accountId}); share it in a link of its own.`
                      : `${providerLabels[freight.provider]} offers no share links, so it cannot be shared from here.`}
                  </li>
                ))}
                {missing > 0 && (
                  <li>
                    {missing} {missing === 1 ? 'freight is' : 'freights are'} no longer in the
                    offline cache.
                  </li>
                )}
              </ul>
            </section>
          )}
          <fieldset className="field field--radios share-expiry">
            <legend>Link expires after</legend>
            {[...shareExpiryPresets, 'custom' as const].map((value) => (
              <label key={value} className="radio">
                <input
                  id={`share-expiry-${value}`}
                  type="radio"
                  name="share-expiry"
                  value={value}
                  checked={choice === value}
                  data-autofocus={choice === value ? true : undefined}
                  aria-describedby={errors.expiry ? 'expiry-error' : undefined}
                  onChange={() => setChoice(value)}
                />
                {value === 'custom' ? 'Custom' : shareExpiryPresetLabels[value]}
              </label>
            ))}
            {choice === 'custom' && (
              <div className="share-custom">
                {(['days', 'hours', 'minutes'] as const).map((unit) => (
                  <div key={unit} className="field field--inline">
                    <label htmlFor={fieldIds[unit]}>{unit[0]!.toUpperCase() + unit.slice(1)}</label>
                    <input
                      id={fieldIds[unit]}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={unit === 'days' ? 365 : unit === 'hours' ? 23 : 59}
                      value={custom[unit]}
                      aria-invalid={errors[unit] || errors.expiry ? true : undefined}
                      aria-describedby={errors[unit] ? `${unit}-error` : undefined}
                      onChange={(event) => setCustom({ ...custom, [unit]: event.target.value })}
                    />
                    {fieldError(unit)}
                  </div>
                ))}
              </div>
            )}
            {fieldError('expiry')}
          </fieldset>
          <div className="field">
            <label htmlFor={fieldIds.ownerEmail}>Owner e-mail</label>
            <input
              id={fieldIds.ownerEmail}
              type="email"
              value={owner}
              autoComplete="off"
              aria-invalid={errors.ownerEmail ? true : undefined}
              aria-describedby={`share-owner-hint${errors.ownerEmail ? ' ownerEmail-error' : ''}`}
              onChange={(event) => {
                setOwnerEmail(event.target.value)
                setOwnerEdited(true)
              }}
            />
            <p id="share-owner-hint" className="field__hint">
              The SpotGo user the link belongs to; the account&apos;s owner by default.
            </p>
            {fieldError('ownerEmail')}
          </div>
          {problem && (
            <p
              className={problem.offline ? 'banner banner--warning' : 'banner banner--error'}
              role="alert"
            >
              {problem.message}
            </p>
          )}
          <div className="dialog__actions">
            <button
              type="submit"
              className="button button--primary"
              disabled={busy || included.length === 0}
            >
              {busy ? 'Creating link…' : 'Create link'}
            </button>
            <button type="button" className="button" onClick={props.onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  )
}
