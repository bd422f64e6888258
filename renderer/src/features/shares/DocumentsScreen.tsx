import { useEffect, useState } from 'react'
import type { Account } from '@shared/domain/account'
import type { DocumentList } from '@shared/domain/shares'
import { formatInstant } from '@shared/freight-format'
import { call, errorMessage } from '../../api/client'
import { DebouncedInput } from '../../ui/DebouncedInput'
import { DocumentDetailView } from './DocumentDetailView'
import './shares.css'

/** The Documents panel: a Crego account's documents, searchable, and the chosen one's links. */
export function DocumentsScreen() {
  const [accounts, setAccounts] = useState<Account[] | null>(null)
  const [accountId, setAccountId] = useState('')
  const [text, setText] = useState('')
  const [answer, setAnswer] = useState<{ key: string; list: DocumentList } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [chosen, setChosen] = useState<string | null>(null)

  useEffect(() => {
    void call('accounts.list')
      .then((all) => {
        const crego = all.filter((account) => account.provider === 'crego')
        setAccounts(crego)
        if (crego[0]) setAccountId((current) => current || crego[0]!.id)
      })
      .catch((failure: unknown) => setError(errorMessage(failure)))
  }, [])

  useEffect(() => {
    if (!accountId) return
    let cancelled = false
    void call('documents.list', { accountId, ...(text ? { text } : {}) })
      .then((list) => {
        if (cancelled) return
        setAnswer({ key: `${accountId}\n${text}`, list })
        setError(null)
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError(errorMessage(failure))
      })
    return () => {
      cancelled = true
    }
  }, [accountId, text])

  // A list of another account or search is not shown while the new one loads.
  const list = answer?.key === `${accountId}\n${text}` ? answer.list : null

  return (
    <section className="screen" aria-labelledby="documents-title">
      <h1 id="documents-title">Documents</h1>
      {accounts && accounts.length === 0 && (
        <p className="empty-state">
          Documents come from Crego. Add a Crego account under Accounts to list and share them.
        </p>
      )}
      {accounts && accounts.length > 0 && (
        <div className="shares__filters">
          <label htmlFor="documents-account">Crego account</label>
          <select
            id="documents-account"
            value={accountId}
            onChange={(event) => {
              setAccountId(event.target.value)
              setChosen(null)
            }}
          >
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
          <label htmlFor="documents-search">Search</label>
          <DebouncedInput
            id="documents-search"
            value={text}
            onCommit={setText}
            placeholder="Name, reference or tag"
          />
        </div>
      )}
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {list?.notice && (
        <p className="banner banner--warning" role="status">
          {list.notice}
        </p>
      )}
      {accountId && (
        <div className="documents">
          <div>
            {!list && !error && <p className="muted">Loading documents…</p>}
            {list && list.documents.length === 0 && <p className="muted">No documents found.</p>}
            {list && list.documents.length > 0 && (
              <ul className="documents__list" aria-label="Documents">
                {list.documents.map((document) => (
                  <li key={document.providerId}>
                    <button
                      type="button"
                      aria-current={chosen === document.providerId ? 'true' : undefined}
                      onClick={() => setChosen(document.providerId)}
                    >
                      {document.name}
                      <div className="muted">
                        {document.category} · {document.status} ·{' '}
                        {formatInstant(document.updatedAt)}
                      </div>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {list?.more && (
              <p className="muted">More documents match: search to narrow the list.</p>
            )}
          </div>
          <div>
            {chosen ? (
              <DocumentDetailView
                key={`${accountId}/${chosen}`}
                accountId={accountId}
                documentId={chosen}
              />
            ) : (
              <p className="muted">Choose a document to see its details and links.</p>
            )}
          </div>
        </div>
      )}
    </section>
  )
}
