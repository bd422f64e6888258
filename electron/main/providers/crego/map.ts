/**
 * Crego documents and shares to the app's document types. A share has no URL of its own: the
 * link a dispatcher copies is the account's share-link base plus the preview path of the token
 * (the token is opaque and never parsed).
 */
import type { DocumentShare, ProviderDocument } from '@shared/domain/documents'
import { canonicalInstant } from '@shared/domain/time'
import type { CregoDocument, CregoShare } from './wire'

export function mapCregoDocument(document: CregoDocument): ProviderDocument {
  return {
    provider: 'crego',
    providerId: document.id,
    name: document.name.slice(0, 255),
    category: document.category.slice(0, 100),
    tags: document.tags.slice(0, 50).map((tag) => tag.slice(0, 100)),
    status: document.status,
    files: document.files.map((file) => ({
      id: file.id,
      name: file.name.slice(0, 255),
      size: file.size,
      contentType: file.content_type.slice(0, 200),
    })),
    createdAt: canonicalInstant(document.created_at),
    updatedAt: canonicalInstant(document.updated_at),
  }
}

export function mapCregoShare(share: CregoShare, shareLinkBase: string): DocumentShare {
  return {
    provider: 'crego',
    providerId: share.id,
    documentId: share.document,
    url: publicLink(shareLinkBase, share),
    expiresAt: canonicalInstant(share.expires_at),
    createdAt: canonicalInstant(share.created_at),
    updatedAt: canonicalInstant(share.updated_at),
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
