import { useEffect, useState } from 'react'
import type { Freight } from '@shared/domain/freight'
import type { FreightDocuments, Share } from '@shared/domain/shares'
import { formatInstant } from '@shared/freight-format'
import { call, errorMessage } from '../../../api/client'
import { Dialog } from '../../accounts/Dialog'
import { DocumentDetailView } from '../../shares/DocumentDetailView'
import { copyLink, countdown, useNow } from '../../shares/share-actions'
import { useShareDialog } from '../../shares/share-dialog-store'
import '../../shares/shares.css'

/**
 * The documents (Crego, linked by the freight's reference) and share links of one freight: Share
 * this freight (SpotGo), the links made for it, and its documents, each of which can be shared.
 */
export function FreightDocumentsSection({ freight }: { freight: Freight }) {
  const openShare = useShareDialog((state) => state.open)
  const [loaded, setLoaded] = useState<{
    freightId: number
    documents: FreightDocuments | null
    error: string | null
  } | null>(null)
  const [linksOf, setLinksOf] = useState<{ freightId: number; links: Share[] } | null>(null)
  const [open, setOpen] = useState<{ accountId: string; documentId: string; name: string } | null>(
    null,
  )
  const now = useNow(5000)
  const shareable = freight.provider === 'spotgo'
  // What was loaded for another freight is not shown while this one's loads.
  const current = loaded?.freightId === freight.id ? loaded : null
  const documents = current?.documents ?? null
  const error = current?.error ?? null
  const links = linksOf?.freightId === freight.id ? linksOf.links : []

  useEffect(() => {
    let cancelled = false
    const freightId = freight.id
    call('documents.forFreight', { freightId })
      .then((documents) => {
        if (!cancelled) setLoaded({ freightId, documents, error: null })
      })
      .catch((failure: unknown) => {
        if (!cancelled) setLoaded({ freightId, documents: null, error: errorMessage(failure) })
      })
    if (shareable) {
      call('shares.list', { state: 'all', accountId: freight.accountId })
        .then((all) => {
          if (cancelled) return
          const links = all.filter((share) => share.freights.some((f) => f.freightId === freightId))
          setLinksOf({ freightId, links })
        })
        .catch(() => undefined)
    }
    return () => {
      cancelled = true
    }
  }, [freight.id, freight.accountId, shareable])

  return (
    <section className="detail__section" aria-labelledby={`documents-${freight.id}`}>
      <h3 id={`documents-${freight.id}`}>Documents and share links</h3>
      {shareable ? (
        <p>
          <button type="button" className="button" onClick={() => openShare([freight.id])}>
            Share this freight…
          </button>
        </p>
      ) : (
        <p className="muted">Trans.eu offers no share links for freights.</p>
      )}
      {links.length > 0 && (
        <ul className="share-list" aria-label="Links to this freight">
          {links.map((link) => {
            const expired = link.state === 'revoked' || Date.parse(link.expiresAt) <= now
            return (
              <li key={link.id}>
                {link.state === 'revoked'
                  ? 'Revoked'
                  : expired
                    ? `Expired ${formatInstant(link.expiresAt)}`
                    : `Until ${formatInstant(link.expiresAt)} (${countdown(link.expiresAt, now)})`}{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void copyLink({ shareId: link.id })}
                >
                  Copy
                </button>
              </li>
            )
          })}
        </ul>
      )}
      {error && <p className="muted">Documents could not be listed: {error}</p>}
      {documents?.notice && <p className="muted">{documents.notice}</p>}
      {documents && documents.documents.length === 0 && (
        <p className="muted">
          {documents.references.length === 0
            ? 'This freight has no reference to find its documents by.'
            : `No Crego documents are tagged ${documents.references.join(' or ')}.`}
        </p>
      )}
      {documents && documents.documents.length > 0 && (
        <ul className="share-list" aria-label="Documents of this freight">
          {documents.documents.map((document) => (
            <li key={`${document.accountId}/${document.providerId}`}>
              {document.name} <span className="muted">({document.status})</span>{' '}
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  setOpen({
                    accountId: document.accountId,
                    documentId: document.providerId,
                    name: document.name,
                  })
                }
              >
                Share…
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <Dialog title={`Document ${open.name}`} onClose={() => setOpen(null)} wide>
          <DocumentDetailView
            key={`${open.accountId}/${open.documentId}`}
            accountId={open.accountId}
            documentId={open.documentId}
          />
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => setOpen(null)}>
              Close
            </button>
          </div>
        </Dialog>
      )}
    </section>
  )
}
