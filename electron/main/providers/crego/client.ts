/**
 * The Crego client for one account (signing in is in auth.ts): the documents (paged list with
 * filters, one document, file download as bytes or as a stream, both with a size limit), the shares of a document (create, list with the expiry filters, get, change
 * the expiry, revoke), the public link of a share, and a cheap probe. Every path ends with `/`
 * (a Django REST service); every answer is validated at the edge.
 */
import { z } from 'zod'
import type { DocumentShare, ProviderDocument } from '@shared/domain/documents'
import { invalidRequest } from '../errors'
import { createHttpClient } from '../http'
import {
  collectRun,
  readPageItems,
  runPages,
  type ListResult,
  type PageRun,
  type PagingOptions,
  type PartialItem,
  type RejectedItem,
  type ItemReading,
} from '../paging'
import { probeRequest, probeWith, type ProbeResult } from '../probe'
import { tolerantAnswer } from '../tolerant'
import type { TokenManager } from '../token-manager'
import type { CregoConnection } from './auth'
import {
  mapCregoDocument,
  mapCregoShare,
  publicLink,
  readCregoDocument,
  readCregoShare,
} from './map'
import { CregoDocument, CregoPage, CregoShare, CregoShareWrite, cregoMaxPageSize } from './wire'

/** Crego's pre-production host (doc); production hosts are per tenant, an account setting. */
export const cregoPreproductionHost = 'https://preprod.api.crego.io'

/** Largest file downloaded unless a caller asks for another limit (50 MB). */
export const cregoDefaultMaxFileBytes = 50 * 1024 * 1024

export interface CregoClientOptions extends CregoConnection {
  tokens: TokenManager
  /** Where public links point (an account setting); default the API host. */
  shareLinkBase?: string
}

export interface CregoDocumentQuery {
  /** A category slug (cmr, invoice, pod, other). */
  category?: string
  /** Documents carrying every one of these tags. */
  tags?: string[]
  /** Text in the name or the tags. */
  search?: string
  status?: ProviderDocument['status']
}

export interface CregoShareQuery {
  /** Shares expiring exactly then, at or after, at or before (instants). */
  expiresAt?: string | Date
  expiresAtGte?: string | Date
  expiresAtLte?: string | Date
}

export interface CregoPageOf<T> {
  page: number
  items: T[]
  /** All matching items on every page. */
  count: number
  totalPages: number
  hasNext: boolean
  rejected: RejectedItem[]
  /** Items kept though some of their fields could not be read as expected. */
  partial: PartialItem[]
}

export interface CregoFileBytes {
  bytes: Uint8Array
  contentType: string | null
  /** From `content-disposition`, when Crego sent it. */
  fileName: string | null
}

export interface CregoFileStream {
  stream: ReadableStream<Uint8Array>
  contentType: string | null
  fileName: string | null
  /** Bytes, when Crego sent `content-length`. */
  size: number | null
}

export interface CregoClient {
  /** One page of documents (1-based; at most 100 a page). */
  documentsPage(
    query?: CregoDocumentQuery,
    page?: number,
    pageSize?: number,
    signal?: AbortSignal,
  ): Promise<CregoPageOf<ProviderDocument>>
  /** Every page of documents. */
  documents(
    query?: CregoDocumentQuery,
    options?: PagingOptions & { pageSize?: number },
  ): PageRun<ProviderDocument>
  allDocuments(
    query?: CregoDocumentQuery,
    options?: PagingOptions & { pageSize?: number },
  ): Promise<ListResult<ProviderDocument>>
  document(documentId: string, signal?: AbortSignal): Promise<ProviderDocument>
  /** A file's bytes; refused when larger than `maxBytes` (default 50 MB). */
  downloadFile(
    documentId: string,
    fileId: string,
    options?: { maxBytes?: number; signal?: AbortSignal },
  ): Promise<CregoFileBytes>
  /** A file as a stream (read it or cancel it); cut off past `maxBytes`. */
  openFile(
    documentId: string,
    fileId: string,
    options?: { maxBytes?: number; signal?: AbortSignal },
  ): Promise<CregoFileStream>
  /** A new public link to a document, valid until `expiresAt` (in the future). */
  createShare(
    documentId: string,
    expiresAt: string | Date,
    signal?: AbortSignal,
  ): Promise<DocumentShare>
  /** One page of a document's shares, newest first, with the expiry filters. */
  sharesPage(
    documentId: string,
    query?: CregoShareQuery,
    page?: number,
    pageSize?: number,
    signal?: AbortSignal,
  ): Promise<CregoPageOf<DocumentShare>>
  /** Every share of a document. */
  allShares(
    documentId: string,
    query?: CregoShareQuery,
    signal?: AbortSignal,
  ): Promise<DocumentShare[]>
  share(documentId: string, shareId: string, signal?: AbortSignal): Promise<DocumentShare>
  /** Moves a share's expiry (extend, or shorten). */
  updateShare(
    documentId: string,
    shareId: string,
    expiresAt: string | Date,
    signal?: AbortSignal,
  ): Promise<DocumentShare>
  /** Revokes a share (its link answers 410 from then on); one already gone counts as revoked. */
  deleteShare(
    documentId: string,
    shareId: string,
    signal?: AbortSignal,
  ): Promise<{ alreadyGone: boolean }>
  /** The public link of a share, for this account's share-link base. */
  publicLink(share: Pick<CregoShare, 'token'>): string
  /** One cheap authenticated call: ok, bad credentials, unreachable or provider error. */
  probe(signal?: AbortSignal): Promise<ProbeResult>
}

const documentPath = (id: string) => `/documents/${encodeURIComponent(id)}/`
const sharesPath = (id: string) => `${documentPath(id)}shares/`
const sharePath = (id: string, shareId: string) =>
  `${sharesPath(id)}${encodeURIComponent(shareId)}/`

export function createCregoClient(options: CregoClientOptions): CregoClient {
  const http = createHttpClient({
    ...options.http,
    provider: 'crego',
    baseUrl: options.baseUrl,
    log: options.log,
    limiter: options.limiter,
    authHint: 'Sign in to Crego again in Accounts (or paste a new access token).',
  })
  const shareLinkBase = options.shareLinkBase ?? options.baseUrl
  const authed = <T>(
    call: (headers: Record<string, string>) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> =>
    options.tokens.withAccessToken((token) => call({ authorization: `Bearer ${token}` }), signal)

  async function paged<T>(
    path: string,
    query: Record<string, string | number | undefined>,
    page: number,
    pageSize: number,
    action: string,
    read: (raw: unknown) => ItemReading<T>,
    signal?: AbortSignal,
  ): Promise<CregoPageOf<T>> {
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1) {
      throw invalidRequest('crego', 'page', [
        { path: ['page'], message: 'Page and page size are whole numbers, 1 or more.' },
      ])
    }
    const answer = await authed(
      (headers) =>
        http.json({
          method: 'GET',
          path,
          query: { ...query, page, page_size: Math.min(pageSize, cregoMaxPageSize) },
          headers,
          action,
          schema: CregoPage(unknownItem),
          signal,
        }),
      signal,
    )
    const { items, rejected, partial } = readPageItems(
      answer.data.results,
      page,
      read,
      options.log,
      {
        message: (rejectedCount, partialCount) =>
          `Crego: ${rejectedCount} items could not be read, ${partialCount} were read in part (${action}, page ${page})`,
        details: { provider: 'crego', page },
      },
    )
    return {
      page,
      items,
      count: answer.data.count,
      totalPages: answer.data.total_pages,
      hasNext: answer.data.has_next,
      rejected,
      partial,
    }
  }

  /** A share from an answer read tolerantly; what was read in part is logged. */
  const shareFrom = (
    answer: { data: { value: CregoShare; oddities: string[] } },
    documentId: string,
  ): DocumentShare => {
    if (answer.data.oddities.length > 0) {
      options.log.warn('Crego share read in part', {
        provider: 'crego',
        fields: answer.data.oddities.map((line) => line.split(':')[0]),
      })
    }
    return mapCregoShare(answer.data.value, shareLinkBase, documentId)
  }
  const documentFilters = (query: CregoDocumentQuery) => ({
    category: query.category,
    tags: query.tags && query.tags.length > 0 ? query.tags.join(',') : undefined,
    search: query.search?.trim() || undefined,
    status: query.status,
  })
  const shareFilters = (query: CregoShareQuery) => ({
    expires_at: instantText(query.expiresAt),
    expires_at_gte: instantText(query.expiresAtGte),
    expires_at_lte: instantText(query.expiresAtLte),
  })
  const expiry = (expiresAt: string | Date): CregoShareWrite => {
    const parsed = CregoShareWrite.safeParse({ expires_at: instantText(expiresAt) })
    if (!parsed.success) throw invalidRequest('crego', 'share', parsed.error.issues)
    return parsed.data
  }
  /** The file request of one document's file, with the size limit and the caller's signal. */
  const fileRequest = (
    documentId: string,
    fileId: string,
    download: { maxBytes?: number; signal?: AbortSignal },
    headers: Record<string, string>,
  ) =>
    ({
      method: 'GET',
      path: `${documentPath(documentId)}files/${encodeURIComponent(fileId)}/`,
      action: 'download the file',
      maxBytes: download.maxBytes ?? cregoDefaultMaxFileBytes,
      signal: download.signal,
      headers,
    }) as const
  const fileFacts = (answer: { contentType: string | null; headers: Headers }) => ({
    contentType: answer.contentType,
    fileName: fileNameOf(answer.headers.get('content-disposition')),
  })

  const client: CregoClient = {
    documentsPage: (query = {}, page = 1, pageSize = cregoMaxPageSize, signal) =>
      paged(
        '/documents/',
        documentFilters(query),
        page,
        pageSize,
        'list documents',
        readCregoDocument,
        signal,
      ),
    documents(query = {}, paging = {}) {
      const pageSize = Math.min(paging.pageSize ?? cregoMaxPageSize, cregoMaxPageSize)
      return runPages(
        {
          provider: 'crego',
          pageSize,
          idOf: (document) => document.providerId,
          fetchPage: async (page, signal) => {
            const fetched = await client.documentsPage(query, page, pageSize, signal)
            return {
              items: fetched.items,
              sentCount: fetched.items.length + fetched.rejected.length,
              rejected: fetched.rejected,
              partial: fetched.partial,
              hasMore: fetched.hasNext,
            }
          },
        },
        paging,
      )
    },
    allDocuments: (query = {}, paging = {}) => collectRun(client.documents(query, paging)),

    async document(documentId, signal) {
      const answer = await authed(
        (headers) =>
          http.json({
            method: 'GET',
            path: documentPath(documentId),
            headers,
            action: 'get the document',
            schema: tolerantAnswer(CregoDocument),
            signal,
          }),
        signal,
      )
      return mapCregoDocument(answer.data.value)
    },

    async downloadFile(documentId, fileId, download = {}) {
      const answer = await authed(
        (headers) => http.bytes(fileRequest(documentId, fileId, download, headers)),
        download.signal,
      )
      return { bytes: answer.bytes, ...fileFacts(answer) }
    },

    async openFile(documentId, fileId, download = {}) {
      const answer = await authed(
        (headers) => http.stream(fileRequest(documentId, fileId, download, headers)),
        download.signal,
      )
      return { stream: answer.body, ...fileFacts(answer), size: answer.size }
    },

    async createShare(documentId, expiresAt, signal) {
      const body = expiry(expiresAt)
      const answer = await authed(
        (headers) =>
          http.json({
            method: 'POST',
            path: sharesPath(documentId),
            json: body,
            headers,
            action: 'create the share link',
            schema: tolerantAnswer(CregoShare),
            signal,
          }),
        signal,
      )
      return shareFrom(answer, documentId)
    },

    sharesPage: (documentId, query = {}, page = 1, pageSize = cregoMaxPageSize, signal) =>
      paged(
        sharesPath(documentId),
        shareFilters(query),
        page,
        pageSize,
        'list the share links',
        (raw) => readCregoShare(raw, shareLinkBase, documentId),
        signal,
      ),

    async allShares(documentId, query = {}, signal) {
      const shares: DocumentShare[] = []
      for (let page = 1; ; page++) {
        const fetched = await client.sharesPage(documentId, query, page, cregoMaxPageSize, signal)
        shares.push(...fetched.items)
        if (!fetched.hasNext) return shares
      }
    },

    async share(documentId, shareId, signal) {
      const answer = await authed(
        (headers) =>
          http.json({
            method: 'GET',
            path: sharePath(documentId, shareId),
            headers,
            action: 'get the share link',
            schema: tolerantAnswer(CregoShare),
            signal,
          }),
        signal,
      )
      return shareFrom(answer, documentId)
    },

    async updateShare(documentId, shareId, expiresAt, signal) {
      const body = expiry(expiresAt)
      const answer = await authed(
        (headers) =>
          http.json({
            method: 'PATCH',
            path: sharePath(documentId, shareId),
            json: body,
            headers,
            // Setting an expiry twice leaves the same state.
            idempotent: true,
            action: 'change the share link',
            schema: tolerantAnswer(CregoShare),
            signal,
          }),
        signal,
      )
      return shareFrom(answer, documentId)
    },

    async deleteShare(documentId, shareId, signal) {
      const answer = await authed(
        (headers) =>
          http.send({
            method: 'DELETE',
            path: sharePath(documentId, shareId),
            headers,
            action: 'revoke the share link',
            accept: [200, 202, 204, 404],
            signal,
          }),
        signal,
      )
      return { alreadyGone: answer.status === 404 }
    },

    publicLink: (share) => publicLink(shareLinkBase, share),

    probe: (signal) =>
      probeWith(
        'crego',
        () =>
          authed(
            (headers) =>
              http.json({
                ...probeRequest,
                method: 'GET',
                path: '/documents/',
                query: { page: 1, page_size: 1 },
                headers,
                action: 'check the connection',
                schema: CregoPage(unknownItem),
                signal,
              }),
            signal,
          ),
        signal,
      ),
  }
  return client
}

/** Items are checked one by one (one unreadable item does not sink its page). */
const unknownItem = z.unknown()

function instantText(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return value
  return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
}

/** `attachment; filename="cmr.pdf"` -> `cmr.pdf`. */
function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1])
    } catch {
      return null
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null
}
