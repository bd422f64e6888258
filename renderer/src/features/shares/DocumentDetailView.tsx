import { useEffect, useRef, useState } from 'react'
import type { DocumentDetail, DocumentShareEntry, Share } from '@shared/domain/shares'
import { AppErrorException } from '@shared/errors'
import { formatInstant } from '@shared/freight-format'
import { call, errorMessage } from '../../api/client'
import { ExtendShareDialog, RevokeShareDialog, type ShareTarget } from './ChangeShareDialogs'
import {
  copyLink,
  countdown,
  fromLocalInput,
  openLink,
  stateLabels,
  toLocalInput,
  useNow,
} from './share-actions'

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/**
 * One Crego document: its metadata, a Share form (expiry date and time) with the resulting link
 * and Copy, and the document's existing links with their expiry, Extend and Revoke.
 */
export function DocumentDetailView(props: { accountId: string; documentId: string }) {
  const { accountId, documentId } = props
  const [detail, setDetail] = useState<DocumentDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [expiresAt, setExpiresAt] = useState(() => toLocalInput(Date.now() + 7 * 86_400_000))
  const [formError, setFormError] = useState<{ field: boolean; message: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [created, setCreated] = useState<Share | null>(null)
  const [extending, setExtending] = useState<ShareTarget | null>(null)
  const [revoking, setRevoking] = useState<ShareTarget | null>(null)
  const copyRef = useRef<HTMLButtonElement>(null)
  const now = useNow()

  const [version, setVersion] = useState(0)
  const load = () => setVersion((current) => current + 1)

  // Mounted per document (the parents key it by document), so nothing needs resetting here.
  useEffect(() => {
    let cancelled = false
    call('documents.get', { accountId, documentId })
      .then((answer) => {
        if (cancelled) return
        setDetail(answer)
        setError(null)
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError(errorMessage(failure))
      })
    return () => {
      cancelled = true
    }
  }, [accountId, documentId, version])

  useEffect(() => {
    if (created) copyRef.current?.focus()
  }, [created])

  const share = async () => {
    const instant = fromLocalInput(expiresAt)
    if (!instant) {
      setFormError({ field: true, message: 'Enter the date and time the link stops working' })
      return
    }
    setBusy(true)
    setFormError(null)
    try {
      const made = await call('shares.createDocumentLink', {
        accountId,
        documentId,
        expiresAt: instant,
      })
      setCreated(made)
      load()
    } catch (failure) {
      if (failure instanceof AppErrorException) {
        const fieldMessage = failure.error.fields?.expiresAt
        setFormError({
          field: fieldMessage !== undefined,
          message:
            failure.code === 'offline'
              ? `The link needs Crego, and Crego cannot be reached right now. The date is kept: try again when the connection is back. (${failure.message})`
              : (fieldMessage ?? failure.message),
        })
      } else {
        setFormError({ field: false, message: errorMessage(failure) })
      }
    } finally {
      setBusy(false)
    }
  }

  const target = (entry: DocumentShareEntry): ShareTarget | null =>
    entry.shareId && detail
      ? { shareId: entry.shareId, title: detail.document.name, expiresAt: entry.expiresAt }
      : null

  if (error) {
    return (
      <p className="banner banner--error" role="alert">
        {error}
      </p>
    )
  }
  if (!detail) return <p className="muted">Loading the document…</p>
  const { document } = detail

  return (
    <div className="documents__detail" aria-labelledby="document-title">
      <h2 id="document-title">{document.name}</h2>
      {detail.notice && (
        <p className="banner banner--warning" role="status">
          {detail.notice}
        </p>
      )}
      <dl>
        <dt>Category</dt>
        <dd>{document.category}</dd>
        <dt>Status</dt>
        <dd>{document.status}</dd>
        <dt>Tags</dt>
        <dd>{document.tags.join(', ') || '—'}</dd>
        <dt>Files</dt>
        <dd>
          {document.files.map((file) => `${file.name} (${size(file.size)})`).join(', ') || '—'}
        </dd>
        <dt>Created</dt>
        <dd>{formatInstant(document.createdAt)}</dd>
        <dt>Changed</dt>
        <dd>{formatInstant(document.updatedAt)}</dd>
        <dt>Account</dt>
        <dd>{document.accountName}</dd>
      </dl>

      <h3>Share this document</h3>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void share()
        }}
      >
        <div className="field">
          <label htmlFor="document-share-expires">Link works until (your time)</label>
          <input
            id="document-share-expires"
            type="datetime-local"
            value={expiresAt}
            aria-invalid={formError?.field ? true : undefined}
            aria-describedby={formError ? 'document-share-error' : undefined}
            onChange={(event) => setExpiresAt(event.target.value)}
          />
        </div>
        <div className="field">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Creating link…' : 'Create link'}
          </button>
        </div>
      </form>
      {formError && (
        <p id="document-share-error" className="field__error" role="alert">
          {formError.message}
        </p>
      )}
      {created && (
        <div className="share-result" data-testid="document-share-result">
          <div className="field">
            <label htmlFor="document-share-url">New link</label>
            <input
              id="document-share-url"
              readOnly
              value={created.url}
              onFocus={(event) => event.target.select()}
            />
          </div>
          <p>
            Works until {formatInstant(created.expiresAt)} ({countdown(created.expiresAt, now)}).
          </p>
          <div className="shares__actions">
            <button
              ref={copyRef}
              type="button"
              className="button button--primary"
              onClick={() => void copyLink({ shareId: created.id })}
            >
              Copy
            </button>
            <button type="button" className="button" onClick={() => void openLink(created.url)}>
              Open in browser
            </button>
          </div>
        </div>
      )}

      <h3>Links to this document</h3>
      {detail.shares.length === 0 ? (
        <p className="muted">No links yet.</p>
      ) : (
        <table className="shares__table" aria-label="Links to this document">
          <thead>
            <tr>
              <th scope="col">Link</th>
              <th scope="col">Expires</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {detail.shares.map((entry) => {
              const state = Date.parse(entry.expiresAt) <= now ? 'expired' : entry.state
              const change = target(entry)
              return (
                <tr key={entry.providerId}>
                  <td className="shares__url">{entry.url}</td>
                  <td>
                    {formatInstant(entry.expiresAt)}
                    <div className="muted">{countdown(entry.expiresAt, now)}</div>
                  </td>
                  <td>
                    <span className={`share-state share-state--${state}`}>
                      {stateLabels[state]}
                    </span>
                    {!entry.shareId && <div className="muted">made outside Freightdesk</div>}
                  </td>
                  <td>
                    <div className="shares__actions">
                      <button
                        type="button"
                        className="button"
                        onClick={() =>
                          void copyLink(
                            entry.shareId ? { shareId: entry.shareId } : { url: entry.url },
                          )
                        }
                      >
                        Copy
                      </button>
                      {change && (
                        <>
                          <button
                            type="button"
                            className="button"
                            onClick={() => setExtending(change)}
                          >
                            Extend
                          </button>
                          <button
                            type="button"
                            className="button button--danger"
                            onClick={() => setRevoking(change)}
                          >
                            Revoke
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {extending && (
        <ExtendShareDialog
          target={extending}
          onClose={() => setExtending(null)}
          onDone={() => {
            setExtending(null)
            load()
          }}
        />
      )}
      {revoking && (
        <RevokeShareDialog
          target={revoking}
          onClose={() => setRevoking(null)}
          onDone={() => {
            setRevoking(null)
            load()
          }}
        />
      )}
    </div>
  )
}
