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
  type ItemReading,
  type ListResult,
  type PageRun,
  type PartialItem,
  readPageItems,
  type PagingOptions,
  type RejectedItem,
} from '../paging'
import { probeRequest, probeWith, type ProbeResult } from '../probe'
import type { RateLimiter } from '../rate-limiter'
import type { TokenManager } from '../token-manager'
import { oddityLines, readTolerant, tolerantAnswer } from '../tolerant'
import { mapTranseuFreight, readTranseuFreight } from './map'
import {
  TranseuFreightDetail,
  TranseuFreightDraft,
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
  /** Items kept though some of their fields could not be read as documented. */
  partial: PartialItem[]
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
/** A create or overwrite answer: the detail, or at least the id (assumed; not documented). */
const writtenAnswer = z.looseObject({ id: z.union([z.number().int(), z.string()]) })
/** doc: the request header of every data call names JSON both ways, GETs included. */
const jsonHeaders = { accept: 'application/json', 'content-type': 'application/json' }

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
    options.tokens.withAccessToken(
      (token) => request({ ...jsonHeaders, authorization: `Bearer ${token}` }),
      signal,
    )

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
    read: (item: unknown) => ItemReading<T>,
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
    const { items, rejected, partial } = readPageItems(answer.data, page, read, options.log, {
      message: (rejectedCount, partialCount) =>
        `Trans.eu list ${list} page ${page}: ${rejectedCount} freights could not be read, ${partialCount} were read in part`,
      details: { provider: 'transeu', list, page },
    })
    return { page, items, sentCount: answer.data.length, rejected, partial }
  }

  const readFreight = (raw: unknown) => readTranseuFreight(raw)
  const readSelected = (raw: unknown): ItemReading<TranseuSelectedItem> => {
    const reading = readTolerant(TranseuSelectedItem, raw)
    if (!reading.ok) throw reading.error
    return { item: reading.value, oddities: oddityLines(reading.oddities) }
  }
  const asFetched = <T>(page: TranseuPage<T>): FetchedPage<T> => ({
    items: page.items,
    sentCount: page.sentCount,
    rejected: page.rejected,
    partial: page.partial,
  })

  /** The written freight: from the answer when it holds one, else read back by id. */
  const freightFrom = (raw: unknown, id: number | string, signal?: AbortSignal) => {
    const reading = readTolerant(TranseuFreightDetail, raw)
    if (reading.ok) return Promise.resolve(mapTranseuFreight(reading.value, raw))
    return client.detail(id, signal)
  }

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
            schema: tolerantAnswer(TranseuFreightDetail),
            signal,
          }),
        signal,
      )
      const { value, oddities } = answer.data
      if (oddities.length > 0) {
        options.log.warn('Trans.eu freight read in part', {
          provider: 'transeu',
          id: value.id,
          fields: oddities.map((line) => line.split(':')[0]),
        })
      }
      return mapTranseuFreight(value, answer.raw, oddities)
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
            schema: writtenAnswer,
            signal,
          }),
        signal,
      )
      return freightFrom(answer.raw, answer.data.id, signal)
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
            schema: writtenAnswer.optional(),
            statusKinds: { 403: 'conflict' },
            signal,
          }),
        signal,
      )
      return freightFrom(answer.raw, freightId, signal)
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
