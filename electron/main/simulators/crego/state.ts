/** What the Crego simulator holds: documents with their files, and shares (revoked tokens are remembered). */
import { freshFreightFacts, generateCregoDocument } from '../data/crego-documents'
import { buildPdf, type PdfContent } from '../data/pdf'
import type { Random } from '../data/random'
import type { Clock } from '../http/clock'
import { createNewestFirst } from '../http/views'
import type {
  Document as CregoDocument,
  DocumentFile as CregoFile,
  Share as CregoShare,
} from './shapes'

export interface CregoState {
  readonly documents: ReadonlyMap<string, CregoDocument>
  /** Shares by id. */
  readonly shares: ReadonlyMap<string, CregoShare>
  /** Every document, newest first (then most recently stored first). */
  orderedDocuments(): readonly CregoDocument[]
  putDocument(document: CregoDocument): void
  /** Removes a document and revokes its shares; false when there was none. */
  removeDocument(id: string): boolean
  /** The bytes of a file: a generated PDF, or what was uploaded. */
  fileBytes(fileId: string): Buffer | undefined
  /** Adds an uploaded file to a document. */
  addFile(documentId: string, file: CregoFile, bytes: Buffer): void
  putShare(share: CregoShare): void
  /** Removes a share; its token is remembered as revoked. */
  revokeShare(id: string): boolean
  /** The live share for a token, or whether it once existed and was revoked. */
  shareByToken(token: string): { share?: CregoShare; revoked: boolean }
  /** Inserts `count` new documents, created now, at the top of the list. */
  insertDocuments(count: number): CregoDocument[]
}

export function createCregoState(options: {
  documents: readonly CregoDocument[]
  contents: ReadonlyMap<string, PdfContent>
  clock: Clock
  random: Random
}): CregoState {
  const documents = createNewestFirst<CregoDocument>(
    (document) => document.id,
    (document) => document.created_at,
  )
  const contents = new Map(options.contents)
  const uploads = new Map<string, Buffer>()
  const shares = new Map<string, CregoShare>()
  const tokens = new Map<string, string>()
  const revokedTokens = new Set<string>()
  let serial = 900_000
  const putDocument = documents.put
  for (const document of options.documents) putDocument(document)

  const revokeShare = (id: string) => {
    const share = shares.get(id)
    if (!share) return false
    shares.delete(id)
    tokens.delete(share.token)
    revokedTokens.add(share.token)
    return true
  }

  return {
    documents: documents.byId,
    shares,
    orderedDocuments: documents.ordered,
    putDocument,
    removeDocument(id) {
      if (!documents.remove(id)) return false
      for (const share of [...shares.values()]) if (share.document === id) revokeShare(share.id)
      return true
    },
    fileBytes(fileId) {
      const uploaded = uploads.get(fileId)
      if (uploaded) return uploaded
      const content = contents.get(fileId)
      return content ? buildPdf(content) : undefined
    },
    addFile(documentId, file, bytes) {
      const document = documents.byId.get(documentId)
      if (!document) throw new Error(`no document ${documentId}`)
      uploads.set(file.id, bytes)
      putDocument({ ...document, files: [...document.files, file] })
    },
    putShare(share) {
      shares.set(share.id, share)
      tokens.set(share.token, share.id)
    },
    revokeShare,
    shareByToken(token) {
      const id = tokens.get(token)
      const share = id === undefined ? undefined : shares.get(id)
      return share ? { share, revoked: false } : { revoked: revokedTokens.has(token) }
    },
    insertDocuments(count) {
      const now = options.clock.now()
      const inserted: CregoDocument[] = []
      for (let i = 0; i < count; i++) {
        const { document, contents: pages } = generateCregoDocument(options.random, {
          anchor: now,
          freight: freshFreightFacts(options.random, now, ++serial),
          category: 'cmr',
          serial,
          createdAt: now,
        })
        for (const [fileId, content] of pages) contents.set(fileId, content)
        putDocument(document)
        inserted.push(document)
      }
      return inserted
    },
  }
}
