import { useCallback, useEffect, useState } from 'react'
import {
  providerLabels,
  type Account,
  type AccountState,
  type SignInStarted,
} from '@shared/domain/account'
import { errorMessage } from '../../api/client'
import { useToasts } from '../../app/toast-store'
import { AccountForm } from './AccountForm'
import { followAccountChanges, useAccounts } from './accounts-store'
import { Dialog } from './Dialog'
import { RemoveAccountDialog } from './RemoveAccountDialog'
import { SignInPanel, startSignIn } from './SignInPanel'
import { useNavigation } from '../../app/navigation-store'
import { SampleDataBadge, SampleDataOffer } from '../sandbox/SampleDataOffer'
import './accounts.css'

type Modal =
  | { kind: 'add' }
  | { kind: 'edit'; account: Account }
  | { kind: 'remove'; account: Account }
  | { kind: 'sign-in'; account: Account; started: SignInStarted }
  | null

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
    void useAccounts.getState().load()
    useNavigation.getState().takeIntent()
    return followAccountChanges()
  }, [])

  const close = useCallback(() => setModal(null), [])

  async function signIn(account: Account) {
    setActionError(null)
    try {
      setModal({ kind: 'sign-in', account, started: await startSignIn(account.id) })
    } catch (error) {
      setActionError(errorMessage(error))
    }
  }

  /** What "Sign in again" means per provider: the browser for Trans.eu, the form for the others. */
  function signInAgain(account: Account) {
    if (account.provider === 'transeu') void signIn(account)
    else setModal({ kind: 'edit', account })
  }

  function saved(account: Account, added: boolean) {
    useAccounts.getState().put(account)
    if (account.provider === 'transeu' && account.secrets.tokens === 'missing') {
      void signIn(account)
      return
    }
    setModal(null)
    show({ level: 'info', message: `${added ? 'Added' : 'Saved'} ${account.name}.` })
  }

  return (
    <section className="screen accounts" aria-labelledby="accounts-title">
      <div className="accounts__header">
        <h1 id="accounts-title">Accounts</h1>
        <button
          type="button"
          className="button button--primary"
          onClick={() => setModal({ kind: 'add' })}
        >
          Add account
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {actionError ? (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      ) : null}
      {loaded && accounts.length === 0 ? (
        <SampleDataOffer onAddAccount={() => setModal({ kind: 'add' })} />
      ) : null}
      {accounts.length > 0 ? (
        <table className="accounts__table">
          <caption className="visually-hidden">Provider accounts</caption>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Name</th>
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
                  <td>{providerLabels[account.provider]}</td>
                  <th scope="row">
                    {account.name}
                    {account.sandbox ? (
                      <>
                        {' '}
                        <SampleDataBadge />
                      </>
                    ) : null}
                  </th>
                  <td>
                    <span className={`status status--${account.status.state}`}>
                      {stateLabels[account.status.state]}
                    </span>
                    <div className="accounts__detail">{secretsSummary(account)}</div>
                    {account.status.message ? (
                      <div className="accounts__detail">{account.status.message}</div>
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
                  <td className="accounts__address">{account.baseUrl}</td>
                  <td>
                    <div className="accounts__actions">
                      <button
                        type="button"
                        className="button"
                        disabled={test?.running}
                        aria-label={`Test connection of ${account.name}`}
                        onClick={() => void useAccounts.getState().test(account.id)}
                      >
                        {test?.running ? 'Testing…' : 'Test connection'}
                      </button>
                      <button
                        type="button"
                        className="button"
                        aria-label={`${signInLabel(account)} to ${account.name}`}
                        onClick={() => signInAgain(account)}
                      >
                        {signInLabel(account)}
                      </button>
                      <button
                        type="button"
                        className="button"
                        aria-label={`Edit ${account.name}`}
                        onClick={() => setModal({ kind: 'edit', account })}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button button--danger"
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
        <Dialog title={`Sign in to Trans.eu: ${modal.account.name}`} onClose={close} wide>
          <SignInPanel
            key={modal.started.signInId}
            account={modal.account}
            started={modal.started}
            onFinished={(signedIn) => {
              close()
              if (signedIn) show({ level: 'info', message: `Signed in ${modal.account.name}.` })
            }}
          />
        </Dialog>
      ) : null}
      {modal?.kind === 'remove' ? (
        <RemoveAccountDialog account={modal.account} onClose={close} />
      ) : null}
    </section>
  )
}
