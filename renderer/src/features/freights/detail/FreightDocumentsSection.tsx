import { useEffect, useState } from 'react'
import type { Freight } from '@shared/domain/freight'
import type { FreightDocuments, Share } from '@shared/domain/shares'
import { call, errorMessage, subscribe } from '../../../api/client'
import { Dialog } from '../../../ui/Dialog'
import { useFormat } from '../../../ui/format'
import { DocumentDetailView } from '../../shares/DocumentDetailView'
import { copyLink, liveState, stateLabels, stateTones, useNow } from '../../shares/share-actions'
import { useShareDialog } from '../../shares/share-dialog-store'

/** One link of the history, as the detail lists it: its state, expiry and (while it works) Copy. */
function LinkLine({ link, now, others }: { link: Share; now: number; others?: number }) {
  const format = useFormat()
  const state = liveState(link, now)
  return (
    <li data-share-id={link.id} data-state={state}>
      <span className={`pill pill--${stateTones[state]}`}>{stateLabels[state]}</span>{' '}
      {state === 'revoked'
        ? `(revoked ${format.dateTime(link.revokedAt ?? link.expiresAt)})`
        : state === 'expired'
          ? `since ${format.dateTime(link.expiresAt)}`
          : `until ${format.dateTime(link.expiresAt)} (${format.countdown(link.expiresAt, now)})`}
      {others ? ` · with ${others} other ${others === 1 ? 'freight' : 'freights'}` : ''}{' '}
      <span className="muted">made {format.dateTime(link.createdAt)}</span>{' '}
      {state === 'active' && (
        <button
          type="button"
          className="link-button"
          aria-label={`Copy the link made ${format.dateTime(link.createdAt)}`}
          onClick={() => void copyLink({ shareId: link.id })}
        >
          Copy
        </button>
      )}
    </li>
  )
}

type DocumentKey = string
const documentKey = (accountId: string, documentId: string): DocumentKey =>
  `${accountId}/${documentId}`

/**
 * The documents (Crego, linked by the freight's reference) and share links of one freight: Share
 * this freight (SpotGo), the links of the share history that show it, and its documents with the
 * links made for each; every list reloads when main says a link was made, extended or revoked.
 */
export function FreightDocumentsSection({ freight }: { freight: Freight }) {
  const openShare = useShareDialog((state) => state.open)
  const [loaded, setLoaded] = useState<{
    freightId: number
    documents: FreightDocuments | null
    error: string | null
  } | null>(null)
  const [linksOf, setLinksOf] = useState<{ freightId: number; links: Share[] } | null>(null)
  const [documentLinks, setDocumentLinks] = useState<{
    freightId: number
    byDocument: Map<DocumentKey, Share[]>
  } | null>(null)
  const [linksError, setLinksError] = useState<string | null>(null)
  const [revision, setRevision] = useState(0)
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
  const linksByDocument =
    documentLinks?.freightId === freight.id ? documentLinks.byDocument : new Map<string, Share[]>()

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
    return () => {
      cancelled = true
    }
  }, [freight.id])

  // The share history: links showing this freight, and the links of each of its documents.
  const documentRefs = (documents?.documents ?? []).map((document) => ({
    accountId: document.accountId,
    documentId: document.providerId,
  }))
  const documentRefsKey = JSON.stringify(documentRefs)
  useEffect(() => {
    let cancelled = false
    const freightId = freight.id
    const refs = JSON.parse(documentRefsKey) as typeof documentRefs
    const freightLinks = shareable
      ? call('shares.list', { state: 'all', freightId })
      : Promise.resolve([])
    Promise.all([
      freightLinks,
      Promise.all(refs.map((ref) => call('shares.list', { state: 'all', ...ref }))),
    ])
      .then(([links, perDocument]) => {
        if (cancelled) return
        setLinksError(null)
        setLinksOf({ freightId, links })
        setDocumentLinks({
          freightId,
          byDocument: new Map(
            refs.map((ref, index) => [
              documentKey(ref.accountId, ref.documentId),
              perDocument[index] ?? [],
            ]),
          ),
        })
      })
      .catch((failure: unknown) => {
        if (!cancelled) setLinksError(errorMessage(failure))
      })
    return () => {
      cancelled = true
    }
  }, [freight.id, shareable, documentRefsKey, revision])

  useEffect(
    () =>
      subscribe('shares.changed', (event) => {
        const refs = JSON.parse(documentRefsKey) as typeof documentRefs
        const concerns =
          event.freightIds.includes(freight.id) ||
          (event.document !== null &&
            refs.some(
              (ref) =>
                ref.accountId === event.document?.accountId &&
                ref.documentId === event.document.documentId,
            ))
        if (concerns) setRevision((value) => value + 1)
      }),
    [freight.id, documentRefsKey],
  )

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
      {shareable && (
        <>
          <h4 id={`freight-links-${freight.id}`}>Links to this freight</h4>
          {links.length === 0 ? (
            <p className="muted">No link shows this freight yet.</p>
          ) : (
            <ul className="share-list" aria-labelledby={`freight-links-${freight.id}`}>
              {links.map((link) => (
                <LinkLine key={link.id} link={link} now={now} others={link.freights.length - 1} />
              ))}
            </ul>
          )}
        </>
      )}
      {linksError && <p className="muted">The share history could not be read: {linksError}</p>}
      <h4 id={`freight-documents-${freight.id}`}>Documents</h4>
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
          {documents.documents.map((document) => {
            const key = documentKey(document.accountId, document.providerId)
            const shared = linksByDocument.get(key) ?? []
            return (
              <li key={key}>
                {document.name} <span className="pill pill--muted">{document.status}</span>{' '}
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
                {shared.length > 0 && (
                  <ul
                    className="share-list share-list--nested"
                    aria-label={`Links to ${document.name}`}
                  >
                    {shared.map((link) => (
                      <LinkLine key={link.id} link={link} now={now} />
                    ))}
                  </ul>
                )}
              </li>
            )
          })}
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
