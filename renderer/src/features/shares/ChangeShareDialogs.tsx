import { useState } from 'react'
import type { Share } from '@shared/domain/shares'
import { AppErrorException } from '@shared/errors'
import { formatInstant } from '@shared/freight-format'
import { call, errorMessage } from '../../api/client'
import { useToasts } from '../../app/toast-store'
import { Dialog } from '../accounts/Dialog'
import '../accounts/accounts.css'
import { fromLocalInput, toLocalInput } from './share-actions'

/** What a change dialog is about: a link of the history, with what to call it. */
export interface ShareTarget {
  shareId: string
  title: string
  expiresAt: string
}

/** Moves a Crego link's expiry to a new date and time (prefilled: one day later). */
export function ExtendShareDialog(props: {
  target: ShareTarget
  onClose: () => void
  onDone: (share: Share) => void
}) {
  const { target } = props
  const [value, setValue] = useState(() =>
    toLocalInput(Math.max(Date.now(), Date.parse(target.expiresAt)) + 86_400_000),
  )
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const expiresAt = fromLocalInput(value)
    if (!expiresAt) {
      setError('Enter a date and time')
      return
    }
    setBusy(true)
    setError(null)
    try {
      const share = await call('shares.extend', { shareId: target.shareId, expiresAt })
      useToasts.getState().show({
        level: 'info',
        message: `The link now expires ${formatInstant(share.expiresAt)}.`,
      })
      props.onDone(share)
    } catch (failure) {
      setError(
        failure instanceof AppErrorException
          ? (failure.error.fields?.expiresAt ?? failure.message)
          : errorMessage(failure),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title="Change the expiry" onClose={props.onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <p>
          {target.title}: expires {formatInstant(target.expiresAt)}.
        </p>
        <div className="field">
          <label htmlFor="extend-expires-at">New expiry (your time)</label>
          <input
            id="extend-expires-at"
            type="datetime-local"
            value={value}
            data-autofocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'extend-error' : undefined}
            onChange={(event) => setValue(event.target.value)}
          />
          {error && (
            <p id="extend-error" className="field__error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Change expiry'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

/** Asks before revoking a link: once revoked, whoever has it gets "gone". */
export function RevokeShareDialog(props: {
  target: ShareTarget
  onClose: () => void
  onDone: (share: Share) => void
}) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const revoke = async () => {
    setBusy(true)
    setError(null)
    try {
      const share = await call('shares.revoke', { shareId: props.target.shareId })
      useToasts.getState().show({ level: 'info', message: 'The link was revoked.' })
      props.onDone(share)
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title="Revoke this link?" onClose={props.onClose}>
      <p>
        Anyone who opens the link to <strong>{props.target.title}</strong> will be told it is gone.
        This cannot be undone; you can make a new link later.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={props.onClose} data-autofocus>
          Keep the link
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={busy}
          onClick={() => void revoke()}
        >
          {busy ? 'Revoking…' : 'Revoke link'}
        </button>
      </div>
    </Dialog>
  )
}
