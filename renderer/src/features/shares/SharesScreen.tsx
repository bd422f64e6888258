import { useEffect, useState } from 'react'
import { providerLabels } from '@shared/domain/account'
import type { Share, ShareStateFilter } from '@shared/domain/shares'
import { formatInstant } from '@shared/freight-format'
import { call, errorMessage } from '../../api/client'
import { ExtendShareDialog, RevokeShareDialog, type ShareTarget } from './ChangeShareDialogs'
import { copyLink, countdown, openLink, stateLabels, useNow } from './share-actions'
import './shares.css'

const filters: ReadonlyArray<{ value: ShareStateFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'expired', label: 'Expired' },
  { value: 'revoked', label: 'Revoked' },
]

/** What a link shows, in a few words. */
export function shareTitle(share: Share): string {
  if (share.document) return share.document.title || 'Document'
  const references = share.freights.map((freight) => freight.reference ?? freight.providerId)
  const shown = references.slice(0, 3).join(', ')
  const more = references.length > 3 ? ` and ${references.length - 3} more` : ''
  return `${references.length === 1 ? 'Freight' : 'Freights'} ${shown}${more}`
}

/** The state a link has now (it may have expired since the list was read). */
function liveState(share: Share, now: number): Share['state'] {
  if (share.state === 'revoked') return 'revoked'
  return Date.parse(share.expiresAt) <= now ? 'expired' : 'active'
}

/** The share history: every link made here, its live countdown, Copy again; filter by state. */
export function SharesScreen() {
  const [filter, setFilter] = useState<ShareStateFilter>('all')
  const [shares, setShares] = useState<Share[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [extending, setExtending] = useState<ShareTarget | null>(null)
  const [revoking, setRevoking] = useState<ShareTarget | null>(null)
  const now = useNow()

  const [version, setVersion] = useState(0)
  const load = () => setVersion((current) => current + 1)

  useEffect(() => {
    let cancelled = false
    call('shares.list', { state: filter })
      .then((answer) => {
        if (cancelled) return
        setShares(answer)
        setError(null)
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError(errorMessage(failure))
      })
    return () => {
      cancelled = true
    }
  }, [filter, version])

  const target = (share: Share): ShareTarget => ({
    shareId: share.id,
    title: shareTitle(share),
    expiresAt: share.expiresAt,
  })
  const visible = (shares ?? []).filter(
    (share) => filter === 'all' || liveState(share, now) === filter,
  )

  return (
    <section className="screen" aria-labelledby="shares-title">
      <h1 id="shares-title">Shares</h1>
      <div className="shares__filters">
        <label htmlFor="shares-filter">Show</label>
        <select
          id="shares-filter"
          value={filter}
          onChange={(event) => setFilter(event.target.value as ShareStateFilter)}
        >
          {filters.map((each) => (
            <option key={each.value} value={each.value}>
              {each.label}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={load}>
          Reload
        </button>
      </div>
      {error && (
        <p className="banner banner--error" role="alert">
          The share history could not be loaded: {error}
        </p>
      )}
      {shares && visible.length === 0 && (
        <p className="empty-state">
          {filter === 'all'
            ? 'Links you share from Freightdesk will be listed here.'
            : `No ${filter} links.`}
        </p>
      )}
      {visible.length > 0 && (
        <table className="shares__table" aria-label="Share history">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Provider</th>
              <th scope="col">Link</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((share) => {
              const state = liveState(share, now)
              const title = shareTitle(share)
              return (
                <tr key={share.id} aria-label={title}>
                  <td>
                    {title}
                    <div className="muted">{share.accountName}</div>
                  </td>
                  <td>{providerLabels[share.provider]}</td>
                  <td className="shares__url">{share.url}</td>
                  <td>{formatInstant(share.createdAt)}</td>
                  <td>
                    {formatInstant(share.expiresAt)}
                    {state !== 'revoked' && (
                      <div className="muted" data-testid="countdown">
                        {countdown(share.expiresAt, now)}
                      </div>
                    )}
                  </td>
                  <td>
                    <span className={`share-state share-state--${state}`}>
                      {stateLabels[state]}
                    </span>
                    {share.revokedAt && (
                      <div className="muted">{formatInstant(share.revokedAt)}</div>
                    )}
                  </td>
                  <td>
                    <div className="shares__actions">
                      <button
                        type="button"
                        className="button"
                        aria-label={`Copy link: ${title}`}
                        onClick={() => void copyLink({ shareId: share.id })}
                      >
                        Copy
                      </button>
                      {state === 'active' && (
                        <button
                          type="button"
                          className="button"
                          aria-label={`Open link: ${title}`}
                          onClick={() => void openLink(share.url)}
                        >
                          Open
                        </button>
                      )}
                      {share.canChange && state !== 'revoked' && (
                        <>
                          <button
                            type="button"
                            className="button"
                            aria-label={`Extend link: ${title}`}
                            onClick={() => setExtending(target(share))}
                          >
                            Extend
                          </button>
                          <button
                            type="button"
                            className="button button--danger"
                            aria-label={`Revoke link: ${title}`}
                            onClick={() => setRevoking(target(share))}
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
    </section>
  )
}
