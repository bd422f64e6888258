/**
 * The Trans.eu Platform client for one account: the three freight lists (active, accepted,
 * archived) with every documented modifier, one page at a time or as a run over all pages (with
 * pages fetched ahead and shifting lists detected), the detail, drafts (create, overwrite,
 * delete) and a cheap probe. Every call carries the `Api-key` and a bearer token from the
 * account's token manager, goes through the API's rate limiter, and is validated at the edge.
 */
import { z } from 'zod'
import type { NormalizedFreight } from '@shared/domain/freight'
import type { Logger } from '../../log'
import { invalidRequest, ProviderError } from '../errors'
import { createHttpClient, type HttpRequest, type HttpTuning } from '../http'
import {
  collectRun,
  runPages,
  type FetchedPage,
  type ListResult,
  type PageRun,
  readItems,
  type PagingOptions,
  type RejectedItem,
} from '../paging'
import { probeRequest, probeWith, type ProbeResult } from '../probe'
import type { RateLimiter } from '../rate-limiter'
import type { TokenManager } from '../token-manager'
import { mapTranseuFreight } from './map'
import {
  TranseuFreightDetail,
  TranseuFreightDraft,
  TranseuFreightListItem,
  TranseuSelectedItem,
  transeuPageSize,
  type TranseuFreightDraftInput,
  type TranseuListField,
  type TranseuListFilter,
  type TranseuListName,
  type TranseuSortKey,
} from './wire'

export interface TranseuClientOptions {
  /** The API host (`https://api.platform.trans.eu`, or a simulator's). */
  baseUrl: string
  /** The app registration's api-key, sent as `Api-key` on every call. */
  apiKey: string
  tokens: TokenManager
  /** The API's limiter (15 a second per account). */
  limiter: RateLimiter
  log: Logger
  http?: HttpTuning
}

/** The list modifiers other than `page` and `fields` (doc). */
export interface TranseuListQuery {
  filter?: TranseuListFilter
  sortBy?: TranseuSortKey
  order?: 'asc' | 'desc'
  /** A reference-number fragment; the accepted list only. */
  search?: string
}

/**
 * `fields`: `{"id": true, "loading": true}` keeps only those, `{"publication": false}` drops
 * those. The id is always kept (paging needs it).
 */
export type TranseuFieldSelection = Partial<Record<TranseuListField, boolean>>

export interface TranseuPage<T> {
  page: number
  items: T[]
  /** Items the platform sent, rejected ones included; fewer than 30 means the last page. */
  sentCount: number
  rejected: RejectedItem[]
}

export interface TranseuClient {
  /** One page (1-based, 30 items) of a list, normalized. */
  listPage(
    list: TranseuListName,
    query: TranseuListQuery,
    page: number,
    signal?: AbortSignal,
  ): Promise<TranseuPage<NormalizedFreight>>
  /** One page of a list with a field selection, as the platform sent the selected keys. */
  selectionPage(
    list: TranseuListName,
    query: TranseuListQuery,
    fields: TranseuFieldSelection,
    page: number,
    signal?: AbortSignal,
  ): Promise<TranseuPage<TranseuSelectedItem>>
  /** Every page of a list, normalized, read in order with `lookahead` pages in flight. */
  freights(
    list: TranseuListName,
    query?: TranseuListQuery,
    options?: PagingOptions,
  ): PageRun<NormalizedFreight>
  /** Every page of a list with a field selection. */
  selections(
    list: TranseuListName,
    query: TranseuListQuery,
    fields: TranseuFieldSelection,
    options?: PagingOptions,
  ): PageRun<TranseuSelectedItem>
  /** Every freight of a list at once, with `shifted`, `duplicates` and rejected items. */
  listAll(
    list: TranseuListName,
    query?: TranseuListQuery,
    options?: PagingOptions,
  ): Promise<ListResult<NormalizedFreight>>
  /** One freight in full. */
  detail(id: number | string, signal?: AbortSignal): Promise<NormalizedFreight>
  /** Creates a draft (status `new`); checked against the documented rules before sending. */
  createDraft(draft: TranseuFreightDraftInput, signal?: AbortSignal): Promise<NormalizedFreight>
  /** Overwrites a never-published freight; a published one is a `conflict`. */
  updateDraft(
    id: number | string,
    draft: TranseuFreightDraftInput,
    signal?: AbortSignal,
  ): Promise<NormalizedFreight>
  /** Deletes a freight in status `new`; another status is a `conflict`, a missing one `not_found`. */
  deleteDraft(id: number | string, signal?: AbortSignal): Promise<void>
  /** One cheap authenticated call: ok, bad credentials, unreachable or provider error. */
  probe(signal?: AbortSignal): Promise<ProbeResult>
}

const listPaths: Readonly<Record<TranseuListName, string>> = {
  freights: '/ext/freights-api/v1/freights',
  accepted: '/ext/freights-api/v1/accepted',
  archive: '/ext/freights-api/v1/archive',
}
const freightPath = (id: number) => `/ext/freights-api/v1/freights/${id}`
const listAnswer = z.array(z.unknown())
/** A create answer: the detail (what the simulator sends) or, at least, the new id (assumed). */
const createdAnswer = z.union([TranseuFreightDetail, z.looseObject({ id: z.number().int() })])

export function createTranseuClient(options: TranseuClientOptions): TranseuClient {
  const http = createHttpClient({
    ...options.http,
    provider: 'transeu',
    baseUrl: options.baseUrl,
    log: options.log,
    limiter: options.limiter,
    headers: { 'Api-key': options.apiKey },
    authHint: 'Sign in to Trans.eu again in Accounts.',
  })

  /** A data call with a live bearer token; refreshed once after a 401. */
  const authed = <T>(
    request: (headers: Record<string, string>) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> =>
    options.tokens.withAccessToken((token) => request({ authorization: `Bearer ${token}` }), signal)

  const modifiers = (
    query: TranseuListQuery,
    page: number,
    fields?: TranseuFieldSelection,
  ): HttpRequest['query'] => ({
    filter:
      query.filter && Object.keys(query.filter).length > 0
        ? JSON.stringify(query.filter)
        : undefined,
    sortBy: query.sortBy,
    order: query.order,
    search: query.search !== undefined ? JSON.stringify({ value: query.search }) : undefined,
    page,
    fields: fields ? JSON.stringify(withId(fields)) : undefined,
  })

  async function fetchPage<T>(
    list: TranseuListName,
    query: TranseuListQuery,
    page: number,
    fields: TranseuFieldSelection | undefined,
    read: (item: unknown) => T,
    signal?: AbortSignal,
  ): Promise<TranseuPage<T>> {
    if (!Number.isInteger(page) || page < 1) {
      throw invalidRequest('transeu', 'page number', [
        { path: ['page'], message: 'The page must be a whole number, 1 or more.' },
      ])
    }
    const answer = await authed(
      (headers) =>
        http.json({
          method: 'GET',
          path: listPaths[list],
          query: modifiers(query, page, fields),
          headers,
          action: `list ${listNames[list]}`,
          schema: listAnswer,
          signal,
        }),
      signal,
    )
    const { items, rejected } = readItems(answer.data, page, read)
    if (rejected.length > 0) {
      options.log.warn(
        `Trans.eu list ${list} page ${page}: ${rejected.length} freights could not be read`,
        {
          provider: 'transeu',
          list,
          page,
          rejected: rejected.map((item) => ({ id: item.id, reason: item.reason })),
        },
      )
    }
    return { page, items, sentCount: answer.data.length, rejected }
  }

  const readFreight = (raw: unknown) => mapTranseuFreight(TranseuFreightListItem.parse(raw), raw)
  const readSelected = (raw: unknown) => TranseuSelectedItem.parse(raw)
  const asFetched = <T>(page: TranseuPage<T>): FetchedPage<T> => ({
    items: page.items,
    sentCount: page.sentCount,
    rejected: page.rejected,
  })

  const client: TranseuClient = {
    listPage: (list, query, page, signal) =>
      fetchPage(list, query, page, undefined, readFreight, signal),
    selectionPage: (list, query, fields, page, signal) =>
      fetchPage(list, query, page, fields, readSelected, signal),
    freights: (list, query = {}, paging = {}) =>
      runPages(
        {
          provider: 'transeu',
          pageSize: transeuPageSize,
          fetchPage: async (page, signal) =>
            asFetched(await fetchPage(list, query, page, undefined, readFreight, signal)),
          idOf: (freight) => freight.providerId,
        },
        paging,
      ),
    selections: (list, query, fields, paging = {}) =>
      runPages(
        {
          provider: 'transeu',
          pageSize: transeuPageSize,
          fetchPage: async (page, signal) =>
            asFetched(await fetchPage(list, query, page, fields, readSelected, signal)),
          idOf: (item) => String(item.id),
        },
        paging,
      ),
    listAll: (list, query = {}, paging = {}) => collectRun(client.freights(list, query, paging)),

    async detail(id, signal) {
      const freightId = numericId(id)
      const answer = await authed(
        (headers) =>
          http.json({
            method: 'GET',
            path: freightPath(freightId),
            headers,
            action: 'get the freight',
            schema: TranseuFreightDetail,
            signal,
          }),
        signal,
      )
      return mapTranseuFreight(answer.data, answer.raw)
    },

    async createDraft(draft, signal) {
      const body = checkedDraft(draft)
      const answer = await authed(
        (headers) =>
          http.json({
            method: 'POST',
            path: listPaths.freights,
            json: body,
            headers,
            action: 'create the draft',
            schema: createdAnswer,
            signal,
          }),
        signal,
      )
      const parsed = TranseuFreightDetail.safeParse(answer.raw)
      if (parsed.success) return mapTranseuFreight(parsed.data, answer.raw)
      return client.detail(answer.data.id, signal)
    },

    async updateDraft(id, draft, signal) {
      const freightId = numericId(id)
      const body = checkedDraft(draft)
      const answer = await authed(
        (headers) =>
          http.json({
            method: 'PUT',
            path: freightPath(freightId),
            json: body,
            headers,
            action: 'change the draft',
            // The answer to an overwrite is not documented: the detail, or nothing.
            schema: createdAnswer.optional(),
            statusKinds: { 403: 'conflict' },
            signal,
          }),
        signal,
      )
      const parsed = TranseuFreightDetail.safeParse(answer.raw)
      if (parsed.success) return mapTranseuFreight(parsed.data, answer.raw)
      return client.detail(freightId, signal)
    },

    async deleteDraft(id, signal) {
      const freightId = numericId(id)
      await authed(
        (headers) =>
          http.send({
            method: 'DELETE',
            path: freightPath(freightId),
            headers,
            action: 'delete the draft',
            // The platform answers 403 for a freight whose status forbids deleting it (doc).
            statusKinds: { 403: 'conflict' },
            signal,
          }),
        signal,
      )
    },

    probe: (signal) =>
      probeWith(
        'transeu',
        () =>
          authed(
            (headers) =>
              http.json({
                ...probeRequest,
                method: 'GET',
                path: listPaths.freights,
                query: { page: 1, fields: JSON.stringify({ id: true }) },
                headers,
                action: 'check the connection',
                schema: listAnswer,
                signal,
              }),
            signal,
          ),
        signal,
      ),
  }
  return client
}

const listNames: Readonly<Record<TranseuListName, string>> = {
  freights: 'active freights',
  accepted: 'accepted freights',
  archive: 'archived freights',
}

function withId(fields: TranseuFieldSelection): TranseuFieldSelection {
  if (fields.id === false) {
    throw invalidRequest('transeu', 'field selection', [
      { path: ['fields', 'id'], message: 'The id cannot be left out: Freightdesk needs it.' },
    ])
  }
  const keeps = Object.values(fields).some((keep) => keep === true)
  return keeps ? { ...fields, id: true } : fields
}

function checkedDraft(draft: TranseuFreightDraftInput): TranseuFreightDraft {
  const parsed = TranseuFreightDraft.safeParse(draft)
  if (!parsed.success) throw invalidRequest('transeu', 'draft', parsed.error.issues)
  return parsed.data
}

function numericId(id: number | string): number {
  const text = String(id)
  if (!/^\d{1,15}$/.test(text)) {
    throw new ProviderError({
      provider: 'transeu',
      kind: 'not_found',
      message: `Trans.eu has no freight "${text.slice(0, 40)}": its freight ids are numbers.`,
    })
  }
  return Number(text)
}
