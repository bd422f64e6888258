import { useState } from 'react'
import { shareExpiryMs, type Share } from '@shared/domain/shares'
import { AppErrorException } from '@shared/errors'
import { call, errorMessage } from '../../api/client'
import { useToasts } from '../../app/toast-store'
import { Dialog } from '../../ui/Dialog'
import { currentFormat, useFormat } from '../../ui/format'
import type { FieldErrors } from '../../ui/fields'
import { ExpiryPicker, expiryFieldId, readExpiry, type ExpiryValue } from './ExpiryPicker'
import { useNow } from './share-actions'

/** What a change dialog is about: a link of the history, with what to call it. */
export interface ShareTarget {
  shareId: string
  title: string
  expiresAt: string
}

const prefix = 'extend-expiry'

/** Gives a Crego link a new expiry, counted from now with the same presets as new links. */
export function ExtendShareDialog(props: {
  target: ShareTarget
  onClose: () => void
  onDone: (share: Share) => void
}) {
  const { target } = props
  const format = useFormat()
  const now = useNow(30_000)
  const [value, setValue] = useState<ExpiryValue>({
    choice: '7d',
    days: '14',
    hours: '0',
    minutes: '0',
  })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const read = readExpiry(value)
  const newExpiry = 'expiry' in read ? now + shareExpiryMs(read.expiry) : null

  const submit = async () => {
    if ('errors' in read) {
      setErrors(read.errors)
      const first = Object.keys(read.errors)[0]
      if (first) document.getElementById(expiryFieldId(prefix, first, value))?.focus()
      return
    }
    setBusy(true)
    setProblem(null)
    try {
      const expiresAt = new Date(Date.now() + shareExpiryMs(read.expiry)).toISOString()
      const share = await call('shares.extend', { shareId: target.shareId, expiresAt })
      useToasts.getState().show({
        level: 'info',
        message: `The link now works until ${currentFormat().dateTime(share.expiresAt)}.`,
      })
      props.onDone(share)
    } catch (failure) {
      const field =
        failure instanceof AppErrorException ? failure.error.fields?.expiresAt : undefined
      if (field) setErrors({ expiry: field })
      else setProblem(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title="Change the expiry"
      onClose={props.onClose}
      wide
      description={`${target.title}: works until ${format.dateTime(target.expiresAt)}.`}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <ExpiryPicker
          prefix={prefix}
          legend="Works from now for"
          value={value}
          errors={errors}
          initialFocus
          onChange={(next) => {
            setValue(next)
            setErrors({})
          }}
        />
        {newExpiry !== null && (
          <p className="muted" data-testid="new-expiry">
            New expiry: {format.dateTime(newExpiry)}
          </p>
        )}
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
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
