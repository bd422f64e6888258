import { useEffect, useState } from 'react'
import { providerLabels } from '@shared/domain/account'
import type { Share, ShareStateFilter } from '@shared/domain/shares'
import { call, errorMessage, subscribe } from '../../api/client'
import { useFormat } from '../../ui/format'
import { EmptyState, ErrorState, LoadingState } from '../../ui/states'
import { ExtendShareDialog, RevokeShareDialog, type ShareTarget } from './ChangeShareDialogs'
import { copyLink, liveState, openLink, stateLabels, stateTones, useNow } from './share-actions'

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

/**
 * The share history: every link made here, its live countdown; Copy and Open for links that
 * still work, Extend and Revoke where the provider allows; filter by state.
 */
export function SharesScreen() {
  const format = useFormat()
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

  // Links made, extended or revoked anywhere show here at once.
  useEffect(() => subscribe('shares.changed', () => setVersion((current) => current + 1)), [])

  const target = (share: Share): ShareTarget => ({
    shareId: share.id,
    title: shareTitle(share),
    expiresAt: share.expiresAt,
  })
  const visible = (shares ?? []).filter(
    (share) => filter === 'all' || liveState(share, now) === filter,
  )

  return (
    <section className="screen screen--shares" aria-labelledby="shares-title">
      <header className="screen__header">
        <h1 id="shares-title" tabIndex={-1}>
          Shares
        </h1>
        <div className="screen__tools" data-region="filters">
          <label className="inline-field">
            <span>Show</span>
            <select
              className="input"
              data-region-target
              value={filter}
              onChange={(event) => setFilter(event.target.value as ShareStateFilter)}
            >
              {filters.map((each) => (
                <option key={each.value} value={each.value}>
                  {each.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" onClick={load}>
            Reload
          </button>
        </div>
      </header>
      {error && (
        <ErrorState inline onRetry={load}>
          The share history could not be loaded: {error}
        </ErrorState>
      )}
      {!shares && !error && <LoadingState>Loading the share history…</LoadingState>}
      {shares && visible.length === 0 && filter === 'all' && (
        <EmptyState title="No links shared yet">
          <p>
            Links you make from Freightdesk are listed here with their expiry, so you can copy,
            extend or revoke them later. Select freights in the grid and press Share, or share a
            document from the Documents screen.
          </p>
        </EmptyState>
      )}
      {shares && visible.length === 0 && filter !== 'all' && (
        <p className="state state--inline">No {filter} links.</p>
      )}
      {visible.length > 0 && (
        <table className="table shares__table" aria-label="Share history">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Provider</th>
              <th scope="col">Link</th>
              <th scope="col">Created</th>
              <th scope="col">Works until</th>
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
                <tr key={share.id} aria-label={title} data-state={state}>
                  <td>
                    {title}
                    <div className="table__sub">{share.accountName}</div>
                  </td>
                  <td>{providerLabels[share.provider]}</td>
                  <td className="mono shares__url">{share.url}</td>
                  <td className="nowrap">{format.dateTime(share.createdAt)}</td>
                  <td className="nowrap">
                    {format.dateTime(share.expiresAt)}
                    {state !== 'revoked' && (
                      <div className="table__sub" data-testid="countdown">
                        {format.countdown(share.expiresAt, now)}
                      </div>
                    )}
                  </td>
                  <td>
                    <span className={`pill pill--${stateTones[state]}`}>{stateLabels[state]}</span>
                    {share.revokedAt && (
                      <div className="table__sub">{format.dateTime(share.revokedAt)}</div>
                    )}
                  </td>
                  <td>
                    <div className="table__actions">
                      {state === 'active' && (
                        <>
                          <button
                            type="button"
                            className="button button--small"
                            aria-label={`Copy link: ${title}`}
                            onClick={() => void copyLink({ shareId: share.id })}
                          >
                            Copy
                          </button>
                          <button
                            type="button"
                            className="button button--small"
                            aria-label={`Open link: ${title}`}
                            onClick={() => void openLink(share.url)}
                          >
                            Open
                          </button>
                        </>
                      )}
                      {share.canChange && state !== 'revoked' && (
                        <>
                          <button
                            type="button"
                            className="button button--small"
                            aria-label={`Extend link: ${title}`}
                            onClick={() => setExtending(target(share))}
                          >
                            Extend
                          </button>
                          {state === 'active' && (
                            <button
                              type="button"
                              className="button button--small button--danger"
                              aria-label={`Revoke link: ${title}`}
                              onClick={() => setRevoking(target(share))}
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
    </section>
  )
}
