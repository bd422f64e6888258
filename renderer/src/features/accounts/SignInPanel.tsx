import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { Account, SignInStarted } from '@shared/domain/account'
import { AppErrorException } from '@shared/errors'
import { call, errorMessage, subscribe } from '../../api/client'
import { fieldId } from '../../ui/fields'
import { useFormat } from '../../ui/format'

/**
 * Starts a Trans.eu sign-in. Call it from a click: where main cannot open the system browser (the
 * browser preview), the page opens the sign-in page in a new tab itself, which needs the click.
 */
export async function startSignIn(accountId: string): Promise<SignInStarted> {
  const started = await call('accounts.signIn.start', { id: accountId })
  if (started.browser === 'open_in_page') {
    window.open(started.authorizeUrl, '_blank', 'noopener,noreferrer')
  }
  return started
}

type Phase =
  | { kind: 'waiting'; started: SignInStarted }
  | { kind: 'starting' }
  | { kind: 'failed'; message: string }
  | { kind: 'done' }

/** Follows one Trans.eu sign-in: the browser coming back by itself, or a pasted address or code. */
export function SignInPanel(props: {
  account: Account
  started: SignInStarted
  onFinished: (signedIn: boolean) => void
}) {
  const [phase, setPhase] = useState<Phase>({ kind: 'waiting', started: props.started })
  const [pasted, setPasted] = useState('')
  const [pasteError, setPasteError] = useState<string | null>(null)
  const [completing, setCompleting] = useState(false)
  const format = useFormat()
  const signInId = phase.kind === 'waiting' ? phase.started.signInId : null
  const signInIdRef = useRef(signInId)
  useEffect(() => {
    signInIdRef.current = signInId
  }, [signInId])
  const statusRef = useRef<HTMLParagraphElement>(null)

  useEffect(
    () =>
      subscribe('accounts.signIn.finished', (event) => {
        if (event.signInId !== signInIdRef.current) return
        if (event.ok) setPhase({ kind: 'done' })
        else setPhase({ kind: 'failed', message: event.error.message })
      }),
    [],
  )

  useEffect(() => {
    if (phase.kind === 'done' || phase.kind === 'failed') statusRef.current?.focus()
  }, [phase.kind])

  // Leaving the panel while a sign-in waits stops it (and closes its listener).
  useEffect(
    () => () => {
      const id = signInIdRef.current
      if (id) void call('accounts.signIn.cancel', { signInId: id }).catch(() => undefined)
    },
    [],
  )

  async function restart() {
    setPhase({ kind: 'starting' })
    setPasteError(null)
    try {
      setPhase({ kind: 'waiting', started: await startSignIn(props.account.id) })
    } catch (error) {
      setPhase({ kind: 'failed', message: errorMessage(error) })
    }
  }

  async function complete(event: FormEvent) {
    event.preventDefault()
    if (!signInId || completing) return
    if (pasted.trim() === '') {
      setPasteError('Paste the address or the code')
      document.getElementById(fieldId('response'))?.focus()
      return
    }
    setCompleting(true)
    setPasteError(null)
    try {
      await call('accounts.signIn.complete', { signInId, response: pasted })
      setPhase({ kind: 'done' })
    } catch (error) {
      const fieldMessage =
        error instanceof AppErrorException ? error.error.fields?.response : undefined
      if (fieldMessage) {
        setPasteError(fieldMessage)
        document.getElementById(fieldId('response'))?.focus()
      } else {
        setPhase({ kind: 'failed', message: errorMessage(error) })
      }
    } finally {
      setCompleting(false)
    }
  }

  if (phase.kind === 'done') {
    return (
      <div className="sign-in">
        <p ref={statusRef} tabIndex={-1} className="sign-in__ok" role="status">
          Signed in to Trans.eu as {props.account.name}.
        </p>
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => props.onFinished(true)}
          >
            Done
          </button>
        </div>
      </div>
    )
  }

  if (phase.kind === 'failed' || phase.kind === 'starting') {
    return (
      <div className="sign-in">
        {phase.kind === 'failed' ? (
          <p ref={statusRef} tabIndex={-1} className="form-error" role="alert">
            {phase.message}
          </p>
        ) : (
          <p role="status">Starting…</p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => props.onFinished(false)}>
            Close
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={phase.kind === 'starting'}
            onClick={() => void restart()}
          >
            Sign in again
          </button>
        </div>
      </div>
    )
  }

  const { started } = phase
  const pasteId = fieldId('response')
  return (
    <div className="sign-in">
      <p role="status">
        {started.browser === 'opened'
          ? 'Your browser opened the Trans.eu sign-in page. Sign in there and allow Freightdesk.'
          : 'The Trans.eu sign-in page opens in a new tab. Sign in there and allow Freightdesk.'}{' '}
        {started.redirect === 'loopback'
          ? 'This window continues by itself when you are done.'
          : 'Afterwards the browser shows your registered address: copy the whole address and paste it below.'}{' '}
        Freightdesk waits until {format.time(started.expiresAt)}.
      </p>
      <p>
        <a href={started.authorizeUrl} target="_blank" rel="noopener noreferrer">
          Open the Trans.eu sign-in page
        </a>
      </p>
      <form onSubmit={(event) => void complete(event)} noValidate>
        <div className="field">
          <label htmlFor={pasteId}>
            {started.redirect === 'loopback'
              ? 'Or paste the address the browser shows after signing in (or the code)'
              : 'Address the browser shows after signing in (or the code)'}
          </label>
          <input
            id={pasteId}
            value={pasted}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={pasteError ? true : undefined}
            aria-describedby={pasteError ? `${pasteId}-error` : undefined}
            onChange={(event) => {
              setPasted(event.target.value)
              setPasteError(null)
            }}
          />
          {pasteError ? (
            <p id={`${pasteId}-error`} className="field__error">
              {pasteError}
            </p>
          ) : null}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => props.onFinished(false)}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={completing}>
            {completing ? 'Signing in…' : 'Finish sign-in'}
          </button>
        </div>
      </form>
    </div>
  )
}
