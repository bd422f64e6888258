/**
 * Crego documents and shares to the app's document types. A share has no URL of its own: the
 * link a dispatcher copies is the account's share-link base plus the preview path of the token
 * (the token is opaque and never parsed). Fields that could not be read are empty or unknown.
 */
import type { DocumentFile, DocumentShare, ProviderDocument } from '@shared/domain/documents'
import { canonicalInstant } from '@shared/domain/time'
import type { ItemReading } from '../paging'
import { oddityLines, readTolerant } from '../tolerant'
import { CregoDocument, CregoShare } from './wire'

/** Reads one document as Crego sent it; throws when its floor (id, creation time) is unreadable. */
export function readCregoDocument(raw: unknown): ItemReading<ProviderDocument> {
  const reading = readTolerant(CregoDocument, raw)
  if (!reading.ok) throw reading.error
  return { item: mapCregoDocument(reading.value), oddities: oddityLines(reading.oddities) }
}

/**
 * Reads one share as Crego sent it; throws when its floor (id, token, creation and expiry) is
 * unreadable. `documentId` stands in for a `document` that could not be read.
 */
export function readCregoShare(
  raw: unknown,
  shareLinkBase: string,
  documentId: string,
): ItemReading<DocumentShare> {
  const reading = readTolerant(CregoShare, raw)
  if (!reading.ok) throw reading.error
  return {
    item: mapCregoShare(reading.value, shareLinkBase, documentId),
    oddities: oddityLines(reading.oddities),
  }
}

export function mapCregoDocument(document: CregoDocument): ProviderDocument {
  const createdAt = canonicalInstant(document.created_at)
  return {
    provider: 'crego',
    providerId: document.id,
    name: (document.name ?? '').slice(0, 255),
    category: (document.category ?? '').slice(0, 100),
    tags: (document.tags ?? [])
      .filter((tag): tag is string => tag !== undefined)
      .slice(0, 50)
      .map((tag) => tag.slice(0, 100)),
    status: document.status ?? 'unknown',
    files: (document.files ?? []).flatMap((file): DocumentFile[] =>
      file
        ? [
            {
              id: file.id,
              name: (file.name ?? '').slice(0, 255),
              size: file.size ?? 0,
              contentType: (file.content_type ?? '').slice(0, 200),
            },
          ]
        : [],
    ),
    createdAt,
    updatedAt: document.updated_at ? canonicalInstant(document.updated_at) : createdAt,
  }
}

/** A share; `documentId` stands in for a `document` that could not be read. */
export function mapCregoShare(
  share: CregoShare,
  shareLinkBase: string,
  documentId?: string,
): DocumentShare {
  const createdAt = canonicalInstant(share.created_at)
  return {
    provider: 'crego',
    providerId: share.id,
    documentId: share.document ?? documentId ?? '',
    url: publicLink(shareLinkBase, share),
    expiresAt: canonicalInstant(share.expires_at),
    createdAt,
    updatedAt: share.updated_at ? canonicalInstant(share.updated_at) : createdAt,
  }
}

/**
 * The public link of a share: `<share-link base>/shares/<token>/preview/` (assumed path). The
 * base is an account setting (default: the API host) and may carry a path of its own.
 */
export function publicLink(shareLinkBase: string, share: Pick<CregoShare, 'token'>): string {
  const base = new URL(shareLinkBase)
  const path = base.pathname.replace(/\/+$/, '')
  return new URL(
    `${path}/shares/${encodeURIComponent(share.token)}/preview/`,
    base.origin,
  ).toString()
}
