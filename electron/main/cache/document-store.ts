/**
 * Crego document metadata as the app last read it, per account, so documents list offline and a
 * freight finds its documents by reference (a reference is one of the document's tags). SQL only.
 */
import type Database from 'better-sqlite3'
import type { DocumentFile, DocumentStatus, ProviderDocument } from '@shared/domain/documents'
import { foldText } from '@shared/text-fold'

export interface StoredDocument extends ProviderDocument {
  accountId: string
  accountName: string
  fetchedAt: string
}

export interface DocumentListFilter {
  /** Documents carrying this tag (a freight reference), compared folded. */
  reference?: string
  /** Text in the name or a tag, compared folded. */
  text?: string
  limit: number
}

export interface DocumentStore {
  /** Stores what the provider answered just now (replacing the earlier copy of each). */
  upsert(accountId: string, documents: readonly ProviderDocument[], fetchedAt: string): void
  /** The account's cached documents, most recently updated first. */
  list(accountId: string, filter: DocumentListFilter): StoredDocument[]
  get(accountId: string, documentId: string): StoredDocument | null
  /** Documents of every account tagged with any of `references`, most recently updated first. */
  byReferences(references: readonly string[], limit: number): StoredDocument[]
}

interface Row {
  account_id: string
  account_name: string | null
  provider_id: string
  name: string
  category: string
  status: DocumentStatus
  tags: string
  files: string
  created_at: string
  updated_at: string
  fetched_at: string
}

const select = `SELECT d.account_id, a.name AS account_name, d.provider_id, d.name, d.category,
    d.status, d.tags, d.files, d.created_at, d.updated_at, d.fetched_at
  FROM documents d LEFT JOIN accounts a ON a.id = d.account_id`

/** `text` for a LIKE pattern, its wildcards taken literally (ESCAPE '\'). */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}

export function createDocumentStore(db: Database.Database): DocumentStore {
  const upsertDocument = db.prepare(
    `INSERT INTO documents (account_id, provider_id, name, name_key, category, status, tags, files,
       created_at, updated_at, fetched_at)
     VALUES (@accountId, @providerId, @name, @nameKey, @category, @status, @tags, @files,
       @createdAt, @updatedAt, @fetchedAt)
     ON CONFLICT (account_id, provider_id) DO UPDATE SET name = excluded.name,
       name_key = excluded.name_key, category = excluded.category, status = excluded.status,
       tags = excluded.tags, files = excluded.files, created_at = excluded.created_at,
       updated_at = excluded.updated_at, fetched_at = excluded.fetched_at`,
  )
  const clearTags = db.prepare<[string, string]>(
    'DELETE FROM document_tags WHERE account_id = ? AND document_id = ?',
  )
  const addTag = db.prepare<[string, string, string]>(
    'INSERT OR IGNORE INTO document_tags (account_id, document_id, tag_key) VALUES (?, ?, ?)',
  )
  const get = db.prepare<[string, string], Row>(
    `${select} WHERE d.account_id = ? AND d.provider_id = ?`,
  )
  const list = db.prepare<Record<string, unknown>, Row>(
    `${select} WHERE d.account_id = @accountId
       AND (@reference IS NULL OR EXISTS (SELECT 1 FROM document_tags t
         WHERE t.account_id = d.account_id AND t.document_id = d.provider_id
           AND t.tag_key = @reference))
       AND (@text IS NULL OR d.name_key LIKE @text ESCAPE '\\' OR EXISTS (
         SELECT 1 FROM document_tags t WHERE t.account_id = d.account_id
           AND t.document_id = d.provider_id AND t.tag_key LIKE @text ESCAPE '\\'))
     ORDER BY d.updated_at DESC, d.provider_id LIMIT @limit`,
  )
  const byReferences = db.prepare<[string, number], Row>(
    `${select} WHERE EXISTS (SELECT 1 FROM document_tags t, json_each(?) r
         WHERE t.account_id = d.account_id AND t.document_id = d.provider_id
           AND t.tag_key = r.value)
     ORDER BY d.updated_at DESC, d.account_id, d.provider_id LIMIT ?`,
  )

  const upsert = db.transaction(
    (accountId: string, documents: readonly ProviderDocument[], fetchedAt: string) => {
      for (const document of documents) {
        upsertDocument.run({
          accountId,
          providerId: document.providerId,
          name: document.name,
          nameKey: foldText(document.name),
          category: document.category,
          status: document.status,
          tags: JSON.stringify(document.tags),
          files: JSON.stringify(document.files),
          createdAt: document.createdAt,
          updatedAt: document.updatedAt,
          fetchedAt,
        })
        clearTags.run(accountId, document.providerId)
        for (const tag of document.tags) addTag.run(accountId, document.providerId, foldText(tag))
      }
    },
  )

  return {
    upsert(accountId, documents, fetchedAt) {
      upsert(accountId, documents, fetchedAt)
    },

    list(accountId, filter) {
      const text = filter.text ? `%${likeEscaped(foldText(filter.text))}%` : null
      return list
        .all({
          accountId,
          reference: filter.reference ? foldText(filter.reference) : null,
          text,
          limit: filter.limit,
        })
        .map(fromRow)
    },

    get(accountId, documentId) {
      const row = get.get(accountId, documentId)
      return row ? fromRow(row) : null
    },

    byReferences(references, limit) {
      if (references.length === 0) return []
      return byReferences.all(JSON.stringify(references.map(foldText)), limit).map(fromRow)
    },
  }
}

function fromRow(row: Row): StoredDocument {
  return {
    provider: 'crego',
    accountId: row.account_id,
    accountName: row.account_name ?? '',
    providerId: row.provider_id,
    name: row.name,
    category: row.category,
    status: row.status,
    tags: JSON.parse(row.tags) as string[],
    files: JSON.parse(row.files) as DocumentFile[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    fetchedAt: row.fetched_at,
  }
}

/**
 * Fills the tag index again from each document's own tags (after a recovery carried the documents
 * but not their index). Returns how many tags were indexed.
 */
export function rebuildDocumentTags(db: Database.Database): number {
  const documents = db
    .prepare('SELECT account_id, provider_id, tags FROM documents')
    .all() as Array<{ account_id: string; provider_id: string; tags: string }>
  const addTag = db.prepare<[string, string, string]>(
    'INSERT OR IGNORE INTO document_tags (account_id, document_id, tag_key) VALUES (?, ?, ?)',
  )
  let indexed = 0
  db.transaction(() => {
    db.exec('DELETE FROM document_tags')
    for (const document of documents) {
      let tags: unknown
      try {
        tags = JSON.parse(document.tags)
      } catch {
        tags = []
      }
      if (!Array.isArray(tags)) continue
      for (const tag of tags) {
        if (typeof tag !== 'string') continue
        addTag.run(document.account_id, document.provider_id, foldText(tag))
        indexed++
      }
    }
  })()
  return indexed
}
