import { useEffect, useState } from 'react'
import {
  shareExpiryMs,
  type DocumentDetail,
  type DocumentShareEntry,
  type Share,
} from '@shared/domain/shares'
import { AppErrorException } from '@shared/errors'
import { call, errorMessage } from '../../api/client'
import { useFormat } from '../../ui/format'
import type { FieldErrors } from '../../ui/fields'
import { ErrorState, LoadingState } from '../../ui/states'
import { ExtendShareDialog, RevokeShareDialog, type ShareTarget } from './ChangeShareDialogs'
import {
  ExpiryPicker,
  expiryFieldId,
  expiryValueOf,
  readExpiry,
  type ExpiryValue,
} from './ExpiryPicker'
import { copyLink, liveState, openLink, stateLabels, stateTones, useNow } from './share-actions'
import { useShareDialog } from './share-dialog-store'

function size(bytes: number, number: (value: number) => string): string {
  if (bytes < 1024) return `${number(bytes)} B`
  if (bytes < 1024 * 1024) return `${number(Math.round(bytes / 102.4) / 10)} kB`
  return `${number(Math.round(bytes / 1024 / 102.4) / 10)} MB`
}

/**
 * One Crego document: its metadata, a Share form (the same expiry presets as freight links) that
 * makes the link and copies it in one step, and the document's links with their state, expiry,
 * Copy (working links only), Extend and Revoke.
 */
export function DocumentDetailView(props: { accountId: string; documentId: string }) {
  const { accountId, documentId } = props
  const format = useFormat()
  const lastExpiry = useShareDialog((state) => state.lastExpiry)
  const [detail, setDetail] = useState<DocumentDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [expiry, setExpiry] = useState<ExpiryValue>(() => expiryValueOf(lastExpiry))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [created, setCreated] = useState<Share | null>(null)
  const [extending, setExtending] = useState<ShareTarget | null>(null)
  const [revoking, setRevoking] = useState<ShareTarget | null>(null)
  const now = useNow()
  const prefix = `document-expiry-${documentId}`

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

  const share = async () => {
    const read = readExpiry(expiry)
    if ('errors' in read) {
      setErrors(read.errors)
      const first = Object.keys(read.errors)[0]
      if (first) window.document.getElementById(expiryFieldId(prefix, first, expiry))?.focus()
      return
    }
    setBusy(true)
    setErrors({})
    setProblem(null)
    try {
      const made = await call('shares.createDocumentLink', {
        accountId,
        documentId,
        expiresAt: new Date(Date.now() + shareExpiryMs(read.expiry)).toISOString(),
      })
      useShareDialog.getState().remember(read.expiry)
      setCreated(made)
      load()
      await copyLink({ shareId: made.id })
    } catch (failure) {
      if (failure instanceof AppErrorException) {
        const fieldMessage = failure.error.fields?.expiresAt
        if (fieldMessage) setErrors({ expiry: fieldMessage })
        else
          setProblem(
            failure.code === 'offline'
              ? 'The link needs Crego, and Crego cannot be reached right now. Your choice is kept: try again when the connection is back.'
              : failure.message,
          )
      } else {
        setProblem(errorMessage(failure))
      }
    } finally {
      setBusy(false)
    }
  }

  const target = (entry: DocumentShareEntry): ShareTarget | null =>
    entry.shareId && detail
      ? { shareId: entry.shareId, title: detail.document.name, expiresAt: entry.expiresAt }
      : null

  if (error) return <ErrorState onRetry={load}>{error}</ErrorState>
  if (!detail) return <LoadingState inline>Loading the document…</LoadingState>
  const { document } = detail

  return (
    <div className="documents__detail" aria-labelledby="document-title">
      <h2 id="document-title">{document.name}</h2>
      {detail.notice && (
        <p className="banner banner--warning" role="status">
          {detail.notice}
        </p>
      )}
      <dl className="facts">
        <dt>Category</dt>
        <dd>{document.category}</dd>
        <dt>Status</dt>
        <dd>{document.status}</dd>
        <dt>Tags</dt>
        <dd>{document.tags.join(', ') || '—'}</dd>
        <dt>Files</dt>
        <dd>
          {document.files
            .map((file) => `${file.name} (${size(file.size, (value) => format.number(value, 1))})`)
            .join(', ') || '—'}
        </dd>
        <dt>Created</dt>
        <dd>{format.dateTime(document.createdAt)}</dd>
        <dt>Changed</dt>
        <dd>{format.dateTime(document.updatedAt)}</dd>
        <dt>Account</dt>
        <dd>{document.accountName}</dd>
      </dl>

      <h3>Share this document</h3>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void share()
        }}
      >
        <ExpiryPicker
          prefix={prefix}
          legend="Link expires after"
          value={expiry}
          errors={errors}
          onChange={(value) => {
            setExpiry(value)
            setErrors({})
          }}
        />
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating link…' : 'Create and copy'}
        </button>
      </form>
      {created && (
        <div className="share-result" data-testid="document-share-result">
          <div className="field">
            <label htmlFor="document-share-url">New link</label>
            <input
              id="document-share-url"
              className="mono"
              readOnly
              value={created.url}
              onFocus={(event) => event.target.select()}
            />
          </div>
          <p>
            Works until {format.dateTime(created.expiresAt)} (
            {format.countdown(created.expiresAt, now)}).
          </p>
          <div className="table__actions table__actions--start">
            <button
              type="button"
              className="button"
              onClick={() => void copyLink({ shareId: created.id })}
            >
              Copy again
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
        <table className="table" aria-label="Links to this document">
          <thead>
            <tr>
              <th scope="col">Link</th>
              <th scope="col">Works until</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {detail.shares.map((entry) => {
              const state = liveState(entry, now)
              const change = state === 'revoked' ? null : target(entry)
              return (
                <tr key={entry.providerId} data-expires-at={entry.expiresAt} data-state={state}>
                  <td className="mono">{entry.url}</td>
                  <td>
                    {format.dateTime(entry.expiresAt)}
                    {state === 'active' && (
                      <div className="table__sub">{format.countdown(entry.expiresAt, now)}</div>
                    )}
                  </td>
                  <td>
                    <span className={`pill pill--${stateTones[state]}`}>{stateLabels[state]}</span>
                    {!entry.shareId && <div className="table__sub">made outside Freightdesk</div>}
                  </td>
                  <td>
                    <div className="table__actions">
                      {state === 'active' && (
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() =>
                            void copyLink(
                              entry.shareId ? { shareId: entry.shareId } : { url: entry.url },
                            )
                          }
                        >
                          Copy
                        </button>
                      )}
                      {change && (
                        <>
                          <button
                            type="button"
                            className="button button--small"
                            onClick={() => setExtending(change)}
                          >
                            Extend
                          </button>
                          {state === 'active' && (
                            <button
                              type="button"
                              className="button button--small button--danger"
                              onClick={() => setRevoking(change)}
                            >
                              Revoke
                            </button>
                          )}
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
