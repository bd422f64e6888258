/**
 * What a share link's recipient opens, with no sign-in (the token is the key): a page naming the
 * document with its PDF inline, until the share expires (410) or is revoked (410).
 */
import { escapeHtml, pageReply } from '../http/html'
import type { Reply } from '../http/router'
import type { Document as CregoDocument, Share as CregoShare } from './shapes'

export type ShareLookup = { share?: CregoShare; revoked: boolean }

/** The reply for a token that is not (or no longer) live, or null when the share may be shown. */
export function unavailable(lookup: ShareLookup, now: number): Reply | null {
  if (!lookup.share) {
    return lookup.revoked
      ? pageReply(
          410,
          'Link revoked',
          '<h1>This link was revoked</h1><p>Ask the sender for a new link.</p>',
        )
      : pageReply(
          404,
          'Link not found',
          '<h1>This link does not exist</h1><p>Check that the whole link was copied.</p>',
        )
  }
  if (Date.parse(lookup.share.expires_at) <= now) {
    return pageReply(
      410,
      'Link expired',
      `<h1>This link has expired</h1><p>It was valid until ${escapeHtml(lookup.share.expires_at)} (UTC). Ask the sender for a new link.</p>`,
    )
  }
  return null
}

export function previewPage(share: CregoShare, document: CregoDocument): Reply {
  const file = document.files[0]
  const fileUrl = file
    ? `/shares/${encodeURIComponent(share.token)}/preview/files/${file.id}/`
    : null
  return pageReply(
    200,
    document.name,
    `<h1>${escapeHtml(document.name)}</h1>
    <p class="muted">${escapeHtml(document.category.toUpperCase())} &middot; shared until ${escapeHtml(share.expires_at)} (UTC)</p>
    ${
      fileUrl && file
        ? `<object data="${escapeHtml(fileUrl)}" type="application/pdf" aria-label="${escapeHtml(file.name)}">
             <p>This browser cannot show the PDF here.</p></object>
           <p><a href="${escapeHtml(fileUrl)}">Open ${escapeHtml(file.name)}</a> (${file.size} bytes)</p>`
        : '<p>This document has no file yet.</p>'
    }`,
  )
}
