import { useEffect, useMemo, useState } from 'react'
import type { DocumentList } from '@shared/domain/shares'
import { call, errorMessage } from '../../api/client'
import { useNavigation } from '../../app/navigation-store'
import { DebouncedInput } from '../../ui/DebouncedInput'
import { useFormat } from '../../ui/format'
import { EmptyState, ErrorState, LoadingState } from '../../ui/states'
import { useAccounts } from '../accounts/accounts-store'
import { DocumentDetailView } from './DocumentDetailView'

/** The Documents screen: a Crego account's documents, searchable, and the chosen one's links. */
export function DocumentsScreen() {
  const accounts = useAccounts((state) => state.accounts)
  const loaded = useAccounts((state) => state.loaded)
  const go = useNavigation((state) => state.go)
  const format = useFormat()
  const crego = useMemo(
    () => accounts.filter((account) => account.provider === 'crego'),
    [accounts],
  )
  const [chosenAccount, setChosenAccount] = useState<string | null>(null)
  const accountId = chosenAccount ?? crego[0]?.id ?? ''
  const [text, setText] = useState('')
  const [answer, setAnswer] = useState<{ key: string; list: DocumentList } | null>(null)
  const [error, setError] = useState<{ key: string; message: string } | null>(null)
  const [chosen, setChosen] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)
  const key = `${accountId}\n${text}\n${attempt}`

  useEffect(() => {
    if (!accountId) return
    let cancelled = false
    void call('documents.list', { accountId, ...(text ? { text } : {}) })
      .then((list) => {
        if (!cancelled) setAnswer({ key, list })
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError({ key, message: errorMessage(failure) })
      })
    return () => {
      cancelled = true
    }
  }, [accountId, text, key])

  // A list of another account or search is not shown while the new one loads.
  const list = answer?.key === key ? answer.list : null
  const listError = error?.key === key ? error.message : null

  return (
    <section className="screen screen--documents" aria-labelledby="documents-title">
      <header className="screen__header">
        <h1 id="documents-title" tabIndex={-1}>
          Documents
        </h1>
        {crego.length > 0 && (
          <div className="screen__tools" data-region="filters">
            {crego.length > 1 && (
              <label className="inline-field">
                <span>Crego account</span>
                <select
                  className="input"
                  value={accountId}
                  onChange={(event) => {
                    setChosenAccount(event.target.value)
                    setChosen(null)
                  }}
                >
                  {crego.map((account) => (
                    <option key={account.id} value={account.id}>
                      {account.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <DebouncedInput
              type="search"
              className="input screen__search"
              aria-label="Search documents"
              data-region-target
              value={text}
              onCommit={setText}
              placeholder="Search by name, reference or tag"
            />
          </div>
        )}
      </header>
      {loaded && crego.length === 0 && (
        <EmptyState
          title="No documents yet"
          actions={
            <button
              type="button"
              className="button button--primary"
              onClick={() => go('accounts', 'add-account')}
            >
              Add account
            </button>
          }
        >
          <p>
            Documents come from Crego: CMRs, invoices and proofs of delivery, each shareable as an
            expiring link. Add a Crego account to list and share them here.
          </p>
        </EmptyState>
      )}
      {!loaded && <LoadingState>Loading the accounts…</LoadingState>}
      {listError && (
        <ErrorState inline onRetry={() => setAttempt(attempt + 1)}>
          The documents could not be listed: {listError}
        </ErrorState>
      )}
      {list?.notice && (
        <p className="banner banner--warning" role="status">
          {list.notice}
        </p>
      )}
      {accountId && (
        <div className="documents">
          <div className="documents__pane">
            {!list && !listError && <LoadingState inline>Loading documents…</LoadingState>}
            {list && list.documents.length === 0 && (
              <p className="state state--inline">
                {text ? `No document matches “${text}”.` : 'This account has no documents yet.'}
              </p>
            )}
            {list && list.documents.length > 0 && (
              <ul className="documents__list" aria-label="Documents">
                {list.documents.map((document) => (
                  <li key={document.providerId}>
                    <button
                      type="button"
                      aria-current={chosen === document.providerId ? 'true' : undefined}
                      onClick={() => setChosen(document.providerId)}
                    >
                      <span className="documents__name">{document.name}</span>
                      <span className="documents__meta">
                        <span className="pill pill--muted">{document.category}</span>{' '}
                        <span
                          className={`pill pill--${document.status === 'approved' ? 'success' : 'warning'}`}
                        >
                          {document.status}
                        </span>{' '}
                        <span className="muted">{format.dateTime(document.updatedAt)}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {list?.more && (
              <p className="muted documents__more">
                More documents match: search to narrow the list.
              </p>
            )}
          </div>
          <div className="documents__pane documents__pane--detail">
            {chosen ? (
              <DocumentDetailView
                key={`${accountId}/${chosen}`}
                accountId={accountId}
                documentId={chosen}
              />
            ) : (
              <p className="state state--inline">
                Choose a document to see its details, share it and manage its links.
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  )
}
