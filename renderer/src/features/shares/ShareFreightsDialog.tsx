import { useEffect, useMemo, useState } from 'react'
import { providerLabels } from '@shared/domain/account'
import type { Freight } from '@shared/domain/freight'
import type { Share } from '@shared/domain/shares'
import { AppErrorException } from '@shared/errors'
import { freightNumber } from '@shared/freight-format'
import { call, errorMessage } from '../../api/client'
import { Dialog } from '../../ui/Dialog'
import { useFormat } from '../../ui/format'
import { type FieldErrors } from '../../ui/fields'
import { LoadingState } from '../../ui/states'
import { accountName, useAccounts } from '../accounts/accounts-store'
import {
  ExpiryPicker,
  expiryFieldId,
  expiryValueOf,
  readExpiry,
  type ExpiryValue,
} from './ExpiryPicker'
import { copyLink, openLink, useNow } from './share-actions'
import { useShareDialog } from './share-dialog-store'

const prefix = 'share-expiry'
const fieldIds: Record<string, string> = {
  accountId: 'share-account',
  ownerEmail: 'share-owner-email',
  freightIds: 'share-freights',
}

/** A freight as the dialog lists it: its number and route. */
function freightLabel(freight: Freight): string {
  const from = `${freight.loading.place.country} ${freight.loading.place.locality}`
  const to = `${freight.unloading.place.country} ${freight.unloading.place.locality}`
  return `${freightNumber(freight)}: ${from} → ${to}`
}

/**
 * The Share dialog for freights: what will be shared (SpotGo freights of one account), what will
 * not and why, the expiry (the last one used to start with) and the owner e-mail. "Create and
 * copy" (Enter) makes the link and puts it on the clipboard in one step. Errors keep everything
 * as filled; field errors show on their field and nowhere else.
 */
export function ShareFreightsDialog(props: { freightIds: number[]; onClose: () => void }) {
  const accounts = useAccounts((state) => state.accounts)
  const lastExpiry = useShareDialog((state) => state.lastExpiry)
  const format = useFormat()
  const [freights, setFreights] = useState<Freight[] | null>(null)
  const [missing, setMissing] = useState(0)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [chosenAccount, setChosenAccount] = useState<string | null>(null)
  const [expiry, setExpiry] = useState<ExpiryValue>(() => expiryValueOf(lastExpiry))
  const [ownerEmail, setOwnerEmail] = useState('')
  const [ownerEdited, setOwnerEdited] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [problem, setProblem] = useState<{ offline: boolean; message: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ share: Share; copied: boolean } | null>(null)
  const now = useNow()
  const { freightIds } = props

  useEffect(() => {
    let cancelled = false
    void (async () => {
      try {
        const loaded = await Promise.allSettled(
          freightIds.map((id) => call('freights.get', { id })),
        )
        if (cancelled) return
        const found = loaded.flatMap((each) =>
          each.status === 'fulfilled' ? [each.value.freight] : [],
        )
        setFreights(found)
        setMissing(loaded.length - found.length)
      } catch (error) {
        if (!cancelled) setLoadError(errorMessage(error))
      }
    })()
    return () => {
      cancelled = true
    }
  }, [freightIds])

  // The form appears once the freights are read: then the chosen expiry takes the focus.
  const loaded = freights !== null
  useEffect(() => {
    if (loaded) document.querySelector<HTMLElement>(`input[name="${prefix}"]:checked`)?.focus()
  }, [loaded])

  const spotgoAccounts = useMemo(() => {
    const ids = [
      ...new Set((freights ?? []).filter((f) => f.provider === 'spotgo').map((f) => f.accountId)),
    ]
    return ids.map((id) => ({ id, name: accountName(accounts, id) }))
  }, [freights, accounts])
  const accountId = chosenAccount ?? spotgoAccounts[0]?.id ?? ''
  const account = accounts.find((each) => each.id === accountId)
  const defaultOwner = account?.provider === 'spotgo' ? account.ownerEmail : ''
  const owner = ownerEdited ? ownerEmail : defaultOwner
  const included = (freights ?? []).filter(
    (freight) => freight.provider === 'spotgo' && freight.accountId === accountId,
  )
  const excluded = (freights ?? []).filter((freight) => !included.includes(freight))

  const showErrors = (fields: FieldErrors) => {
    setErrors(fields)
    const first = Object.keys(fields)[0]
    if (!first) return
    const id = fieldIds[first] ?? expiryFieldId(prefix, first, expiry)
    requestAnimationFrame(() => document.getElementById(id)?.focus())
  }

  const create = async () => {
    setProblem(null)
    setErrors({})
    if (included.length === 0) return
    const read = readExpiry(expiry)
    if ('errors' in read) {
      showErrors(read.errors)
      return
    }
    if (!owner.trim()) {
      showErrors({ ownerEmail: 'Enter the e-mail of the SpotGo user who owns the link' })
      return
    }
    setBusy(true)
    try {
      const share = await call('shares.createFreightLink', {
        accountId,
        freightIds: included.map((freight) => freight.id),
        expiry: read.expiry,
        ownerEmail: owner.trim(),
      })
      useShareDialog.getState().remember(read.expiry)
      const copied = await copyLink({ shareId: share.id })
      setResult({ share, copied })
    } catch (error) {
      if (error instanceof AppErrorException) {
        const fields = Object.fromEntries(
          Object.entries(error.error.fields ?? {})
            .filter(([key]) => !key.includes('.') || key.startsWith('expiry'))
            .map(([key, message]) => [key.startsWith('expiry') ? 'expiry' : key, message]),
        )
        if (Object.keys(fields).length > 0) {
          // The message is on its field: not said a second time.
          showErrors(fields)
        } else {
          setProblem({
            offline: error.code === 'offline',
            message:
              error.code === 'offline'
                ? 'The link needs SpotGo, and SpotGo cannot be reached right now. Your choices are kept: press Create and copy again when the connection is back.'
                : error.message,
          })
        }
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

  if (result) {
    const { share, copied } = result
    return (
      <Dialog title="Share link created" onClose={props.onClose} wide>
        <div className="share-result" data-testid="share-result">
          <p className="share-result__done" role="status">
            {copied ? 'The link is on the clipboard.' : 'The link is made; copy it below.'}
          </p>
          <div className="field">
            <label htmlFor="share-result-url">Link</label>
            <input
              id="share-result-url"
              className="mono"
              readOnly
              value={share.url}
              onFocus={(event) => event.target.select()}
            />
          </div>
          <p>
            Shows {share.freights.length} {share.freights.length === 1 ? 'freight' : 'freights'}{' '}
            until <strong>{format.dateTime(share.expiresAt)}</strong> (
            <span data-testid="share-countdown">{format.countdown(share.expiresAt, now)}</span>).
          </p>
          <div className="dialog__actions">
            <button
              type="button"
              className="button"
              onClick={() => void copyLink({ shareId: share.id })}
            >
              Copy again
            </button>
            <button type="button" className="button" onClick={() => void openLink(share.url)}>
              Open in browser
            </button>
            <button
              type="button"
              className="button button--primary"
              data-autofocus
              onClick={props.onClose}
            >
              Done
            </button>
          </div>
        </div>
      </Dialog>
    )
  }

  return (
    <Dialog title="Share freights" onClose={props.onClose} wide>
      {loadError && (
        <p className="banner banner--error" role="alert">
          The freights could not be loaded: {loadError}
        </p>
      )}
      {!freights && !loadError && <LoadingState inline>Loading the freights…</LoadingState>}
      {freights && (
        <form
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
                  setChosenAccount(event.target.value)
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
                      ? `another SpotGo account (${accountName(accounts, freight.accountId)}); share it in a link of its own.`
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
          <ExpiryPicker
            prefix={prefix}
            legend="Link expires after"
            value={expiry}
            errors={errors}
            initialFocus
            onChange={(value) => {
              setExpiry(value)
              setErrors({})
            }}
          />
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
                setErrors({})
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
            <button type="button" className="button" onClick={props.onClose}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button--primary"
              disabled={busy || included.length === 0}
            >
              {busy ? 'Creating link…' : 'Create and copy'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  )
}
