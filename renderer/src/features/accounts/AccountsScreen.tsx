import { useCallback, useEffect, useState } from 'react'
import {
  providerLabels,
  type Account,
  type AccountState,
  type SignInStarted,
} from '@shared/domain/account'
import { call, errorMessage } from '../../api/client'
import { useNavigation } from '../../app/navigation-store'
import { useToasts } from '../../app/toast-store'
import { Dialog } from '../../ui/Dialog'
import { LoadingState } from '../../ui/states'
import { SampleDataBadge, SampleDataOffer } from '../sandbox/SampleDataOffer'
import { AccountForm } from './AccountForm'
import { useAccounts } from './accounts-store'
import { RemoveAccountDialog } from './RemoveAccountDialog'
import { SignInPanel, startSignIn } from './SignInPanel'

type Modal =
  | { kind: 'add' }
  | { kind: 'edit'; account: Account }
  | { kind: 'remove'; account: Account }
  /** `fresh`: the account was just added for this sign-in; it goes again if the sign-in does not finish. */
  | { kind: 'sign-in'; account: Account; started: SignInStarted; fresh: boolean }
  | null

const stateTones: Record<AccountState, string> = {
  connected: 'success',
  needs_sign_in: 'warning',
  unreachable: 'muted',
  provider_error: 'danger',
}

export const stateLabels: Record<AccountState, string> = {
  connected: 'Connected',
  needs_sign_in: 'Needs sign-in',
  unreachable: 'Unreachable',
  provider_error: 'Provider error',
}

/** Where the account's credentials stand, in words. */
function secretsSummary(account: Account): string {
  switch (account.provider) {
    case 'spotgo':
      return account.secrets.apiKey === 'set' ? 'API key in keychain' : 'No API key'
    case 'transeu':
      if (account.secrets.app === 'missing') return 'No app credentials'
      return account.secrets.tokens === 'set' ? 'Signed in' : 'Not signed in'
    case 'crego':
      return account.secrets.tokens === 'set'
        ? account.signInMethod === 'password'
          ? `Signed in as ${account.username ?? 'staff user'}`
          : 'Access token in keychain'
        : 'Not signed in'
  }
}

/** "Sign in" for an account that never signed in, "Sign in again" after. */
function signInLabel(account: Account): string {
  return account.status.signedInAt === null ? 'Sign in' : 'Sign in again'
}

export function AccountsScreen() {
  const accounts = useAccounts((state) => state.accounts)
  const loaded = useAccounts((state) => state.loaded)
  const error = useAccounts((state) => state.error)
  const tests = useAccounts((state) => state.tests)
  // The first-run "Add account" on the Freights screen lands here with the form open.
  const [modal, setModal] = useState<Modal>(() =>
    useNavigation.getState().intent === 'add-account' ? { kind: 'add' } : null,
  )
  const [actionError, setActionError] = useState<string | null>(null)
  const show = useToasts((state) => state.show)

  useEffect(() => {
    useNavigation.getState().takeIntent()
  }, [])

  const close = useCallback(() => setModal(null), [])

  /** A Trans.eu account added for a sign-in that did not finish: nothing of it stays. */
  async function forget(account: Account, reason: string) {
    useAccounts.getState().drop(account.id)
    try {
      await call('accounts.remove', { id: account.id, removeCachedFreights: true })
      show({ level: 'info', message: `${account.name} was not added: ${reason}` })
    } catch (error) {
      setActionError(errorMessage(error))
    }
  }

  async function signIn(account: Account, fresh = false) {
    setActionError(null)
    try {
      setModal({ kind: 'sign-in', account, started: await startSignIn(account.id), fresh })
    } catch (error) {
      if (fresh) {
        setModal(null)
        await forget(account, `the sign-in could not start. ${errorMessage(error)}`)
      } else {
        setActionError(errorMessage(error))
      }
    }
  }

  function signInFinished(modalState: Extract<Modal, { kind: 'sign-in' }>, signedIn: boolean) {
    close()
    if (signedIn) show({ level: 'info', message: `Signed in ${modalState.account.name}.` })
    else if (modalState.fresh) void forget(modalState.account, 'the sign-in did not finish.')
  }

  /** What "Sign in again" means per provider: the browser for Trans.eu, the form for the others. */
  function signInAgain(account: Account) {
    if (account.provider === 'transeu') void signIn(account)
    else setModal({ kind: 'edit', account })
  }

  function saved(account: Account, added: boolean) {
    useAccounts.getState().put(account)
    if (account.provider === 'transeu' && account.secrets.tokens === 'missing') {
      void signIn(account, added)
      return
    }
    setModal(null)
    show({ level: 'info', message: `${added ? 'Added' : 'Saved'} ${account.name}.` })
  }

  return (
    <section className="screen screen--accounts" aria-labelledby="accounts-title">
      <header className="screen__header">
        <h1 id="accounts-title" tabIndex={-1}>
          Accounts
        </h1>
        <div className="screen__tools" data-region="filters">
          <button
            type="button"
            className="button button--primary"
            data-region-target
            onClick={() => setModal({ kind: 'add' })}
          >
            Add account
          </button>
        </div>
      </header>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {actionError ? (
        <p className="banner banner--error" role="alert">
          {actionError}
        </p>
      ) : null}
      {!loaded && !error ? <LoadingState>Loading the accounts…</LoadingState> : null}
      {loaded && accounts.length === 0 ? (
        <SampleDataOffer onAddAccount={() => setModal({ kind: 'add' })} />
      ) : null}
      {accounts.length > 0 ? (
        <table className="table accounts__table">
          <caption className="visually-hidden">Provider accounts</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Status</th>
              <th scope="col">Address</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => {
              const test = tests[account.id]
              return (
                <tr key={account.id} data-account-id={account.id}>
                  <th scope="row">
                    <span className="accounts__name">{account.name}</span>
                    {account.sandbox ? (
                      <>
                        {' '}
                        <SampleDataBadge />
                      </>
                    ) : null}
                    <div className="table__sub">
                      {providerLabels[account.provider]} ·{' '}
                      {account.provider === 'crego'
                        ? 'documents'
                        : `${account.cachedFreights} cached freights, sync every ${account.syncIntervalMinutes} min`}
                    </div>
                  </th>
                  <td>
                    <span className={`pill pill--${stateTones[account.status.state]}`}>
                      {stateLabels[account.status.state]}
                    </span>
                    <div className="table__sub">{secretsSummary(account)}</div>
                    {account.status.message ? (
                      <div className="table__sub">{account.status.message}</div>
                    ) : null}
                    {test?.result ? (
                      <div
                        className={test.result.ok ? 'accounts__test-ok' : 'accounts__test-failed'}
                        role="status"
                      >
                        {test.result.message}
                      </div>
                    ) : null}
                  </td>
                  <td className="mono">{account.baseUrl}</td>
                  <td>
                    <div className="table__actions">
                      <button
                        type="button"
                        className="button button--small"
                        disabled={test?.running}
                        aria-label={`Test connection of ${account.name}`}
                        onClick={() => void useAccounts.getState().test(account.id)}
                      >
                        {test?.running ? 'Testing…' : 'Test connection'}
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`${signInLabel(account)} to ${account.name}`}
                        onClick={() => signInAgain(account)}
                      >
                        {signInLabel(account)}
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`Edit ${account.name}`}
                        onClick={() => setModal({ kind: 'edit', account })}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button button--small button--danger"
                        aria-label={`Remove ${account.name}`}
                        onClick={() => setModal({ kind: 'remove', account })}
                      >
                        Remove
                      </button>
                    </div>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : null}

      {modal?.kind === 'add' ? (
        <Dialog title="Add an account" onClose={close} wide>
          <AccountForm
            account={null}
            onSaved={(account) => saved(account, true)}
            onCancel={close}
          />
        </Dialog>
      ) : null}
      {modal?.kind === 'edit' ? (
        <Dialog title={`Edit ${modal.account.name}`} onClose={close} wide>
          <AccountForm
            account={modal.account}
            onSaved={(account) => saved(account, false)}
            onCancel={close}
          />
        </Dialog>
      ) : null}
      {modal?.kind === 'sign-in' ? (
        <Dialog
          title={`Sign in to Trans.eu: ${modal.account.name}`}
          onClose={() => signInFinished(modal, false)}
          wide
        >
          <SignInPanel
            key={modal.started.signInId}
            account={modal.account}
            started={modal.started}
            onFinished={(signedIn) => signInFinished(modal, signedIn)}
          />
        </Dialog>
      ) : null}
      {modal?.kind === 'remove' ? (
        <RemoveAccountDialog account={modal.account} onClose={close} />
      ) : null}
    </section>
  )
}
