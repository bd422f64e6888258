/**
 * The share history as rows: one per link made from this app, kept after it expires or is
 * revoked. SQL only; the shares service decides what is stored and when.
 */
import type Database from 'better-sqlite3'
import type {
  SharedDocument,
  SharedFreight,
  ShareKind,
  ShareProvider,
  ShareStateFilter,
} from '@shared/domain/shares'

/** A link as stored; its state (active, expired, revoked) is computed when it is read. */
export interface StoredShare {
  id: string
  accountId: string
  accountName: string
  provider: ShareProvider
  kind: ShareKind
  freights: SharedFreight[]
  document: SharedDocument | null
  url: string
  providerShareId: string | null
  createdAt: string
  expiresAt: string
  revokedAt: string | null
}

export interface ShareListFilter {
  state: ShareStateFilter
  /** The instant "expired" is judged at (UTC ISO text). */
  now: string
  accountId?: string
  documentId?: string
  /** Freight links that show this cached freight. */
  freightId?: number
  limit?: number
}

export interface ShareStore {
  insert(share: StoredShare): StoredShare
  get(id: string): StoredShare | null
  /** Newest first. */
  list(filter: ShareListFilter): StoredShare[]
  byProviderShare(accountId: string, providerShareId: string): StoredShare | null
  /** Whether the history holds a link with exactly this address (one the app made). */
  hasUrl(url: string): boolean
  setExpiry(id: string, expiresAt: string): StoredShare | null
  /** Marks the link revoked (once; a second call keeps the first time). */
  markRevoked(id: string, at: string): StoredShare | null
  /** Deletes the history of one account (the sandbox's, when it is removed); answers how many. */
  removeOfAccount(accountId: string): number
}

interface Row {
  id: string
  account_id: string
  account_name: string
  provider: ShareProvider
  kind: ShareKind
  freights: string | null
  document_id: string | null
  document_title: string | null
  url: string
  provider_share_id: string | null
  created_at: string
  expires_at: string
  revoked_at: string | null
}

const columns = `id, account_id, account_name, provider, kind, freights, document_id,
  document_title, url, provider_share_id, created_at, expires_at, revoked_at`

/** The WHERE clause of each state; `@now` is bound. */
const stateClauses: Record<ShareStateFilter, string> = {
  all: '1',
  active: 'revoked_at IS NULL AND expires_at > @now',
  expired: 'revoked_at IS NULL AND expires_at <= @now',
  revoked: 'revoked_at IS NOT NULL',
}

const defaultLimit = 1000

export function createShareStore(db: Database.Database): ShareStore {
  const insert = db.prepare(
    `INSERT INTO shares (${columns}) VALUES (@id, @accountId, @accountName, @provider, @kind,
       @freights, @documentId, @documentTitle, @url, @providerShareId, @createdAt, @expiresAt,
       @revokedAt)`,
  )
  const get = db.prepare<[string], Row>(`SELECT ${columns} FROM shares WHERE id = ?`)
  const byProviderShare = db.prepare<[string, string], Row>(
    `SELECT ${columns} FROM shares WHERE account_id = ? AND provider_share_id = ?`,
  )
  const hasUrl = db.prepare<[string], number>('SELECT 1 FROM shares WHERE url = ? LIMIT 1').pluck()
  const removeOfAccount = db.prepare<[string]>('DELETE FROM shares WHERE account_id = ?')
  const setExpiry = db.prepare<[string, string]>('UPDATE shares SET expires_at = ? WHERE id = ?')
  const markRevoked = db.prepare<[string, string]>(
    'UPDATE shares SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  )
  const lists = new Map<string, Database.Statement<Record<string, unknown>, Row>>()

  function listStatement(filter: ShareListFilter) {
    const key = [
      filter.state,
      filter.accountId !== undefined,
      filter.documentId !== undefined,
      filter.freightId !== undefined,
    ].join()
    let statement = lists.get(key)
    if (!statement) {
      const where = [stateClauses[filter.state]]
      if (filter.accountId !== undefined) where.push('account_id = @accountId')
      if (filter.documentId !== undefined) where.push('document_id = @documentId')
      if (filter.freightId !== undefined) {
        // The history is small (links made by hand); its freights are read where they are kept.
        where.push(`kind = 'freights' AND EXISTS (SELECT 1 FROM json_each(shares.freights) j
          WHERE json_extract(j.value, '$.freightId') = @freightId)`)
      }
      statement = db.prepare<Record<string, unknown>, Row>(
        `SELECT ${columns} FROM shares WHERE ${where.join(' AND ')}
         ORDER BY created_at DESC, id LIMIT @limit`,
      )
      lists.set(key, statement)
    }
    return statement
  }

  const read = (id: string) => {
    const row = get.get(id)
    return row ? fromRow(row) : null
  }

  return {
    insert(share) {
      insert.run({
        id: share.id,
        accountId: share.accountId,
        accountName: share.accountName,
        provider: share.provider,
        kind: share.kind,
        freights: share.kind === 'freights' ? JSON.stringify(share.freights) : null,
        documentId: share.document?.providerId ?? null,
        documentTitle: share.document?.title ?? null,
        url: share.url,
        providerShareId: share.providerShareId,
        createdAt: share.createdAt,
        expiresAt: share.expiresAt,
        revokedAt: share.revokedAt,
      })
      return read(share.id)!
    },

    get: read,

    list(filter) {
      const params: Record<string, unknown> = {
        now: filter.now,
        limit: filter.limit ?? defaultLimit,
      }
      if (filter.accountId !== undefined) params.accountId = filter.accountId
      if (filter.documentId !== undefined) params.documentId = filter.documentId
      if (filter.freightId !== undefined) params.freightId = filter.freightId
      return listStatement(filter).all(params).map(fromRow)
    },

    hasUrl(url) {
      return hasUrl.get(url) !== undefined
    },
    byProviderShare(accountId, providerShareId) {
      const row = byProviderShare.get(accountId, providerShareId)
      return row ? fromRow(row) : null
    },

    setExpiry(id, expiresAt) {
      setExpiry.run(expiresAt, id)
      return read(id)
    },

    markRevoked(id, at) {
      markRevoked.run(at, id)
      return read(id)
    },
    removeOfAccount(accountId) {
      return removeOfAccount.run(accountId).changes
    },
  }
}

function fromRow(row: Row): StoredShare {
  return {
    id: row.id,
    accountId: row.account_id,
    accountName: row.account_name,
    provider: row.provider,
    kind: row.kind,
    freights: row.freights === null ? [] : (JSON.parse(row.freights) as SharedFreight[]),
    document:
      row.document_id === null
        ? null
        : { providerId: row.document_id, title: row.document_title ?? '' },
    url: row.url,
    providerShareId: row.provider_share_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  }
}
