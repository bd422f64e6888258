/**
 * The SpotGo client for one account (one API key): the freight list (every page, tolerant of a
 * bare array), one freight, publish, change, withdraw (a freight already gone counts as
 * withdrawn), one public link for one or more freights, and a cheap probe. Every call sends
 * `X-Api-Key` and `x-api-version: 1.0`, goes through the key's rate limiter (100 a minute,
 * assumed) and is validated at the edge.
 */
import type { NormalizedFreight } from '@shared/domain/freight'
import type { FreightPriceChange } from '@shared/domain/sync'
import { canonicalInstant } from '@shared/domain/time'
import type { Logger } from '../../log'
import { invalidRequest } from '../errors'
import { createHttpClient, type HttpTuning } from '../http'
import {
  collectRun,
  readPageItems,
  runPages,
  type ListResult,
  type PageRun,
  type PagingOptions,
  type PartialItem,
  type RejectedItem,
} from '../paging'
import { probeRequest, probeWith, type ProbeResult } from '../probe'
import type { RateLimiter } from '../rate-limiter'
import { readTolerant, tolerantAnswer } from '../tolerant'
import { mapSpotGoFreight, readSpotGoFreight, spotGoPriceChangeSubmit } from './map'
import {
  formatTimeSpan,
  SpotGoFreight,
  SpotGoFreightCreated,
  SpotGoFreightListLoose,
  SpotGoFreightSubmit,
  SpotGoShareRequest,
  SpotGoShareResponse,
  spotGoMaxPageSize,
  type SpotGoFreightSubmitInput,
} from './wire'

export const spotGoHosts = {
  test: 'https://api-test.spotgo.eu',
  production: 'https://api.spotgo.eu',
} as const

export interface SpotGoClientOptions {
  /** The account's environment: `spotGoHosts.test`, `.production`, or a custom base URL. */
  baseUrl: string
  apiKey: string
  /** The API key's limiter (`providerRateLimits.spotgo`). */
  limiter: RateLimiter
  log: Logger
  http?: HttpTuning
}

export interface SpotGoPage {
  page: number
  freights: NormalizedFreight[]
  /** Items SpotGo sent, rejected ones included. */
  sentCount: number
  rejected: RejectedItem[]
  /** Items kept though some of their fields could not be read as expected. */
  partial: PartialItem[]
  /** From the envelope; null when the list came as a bare array. */
  totalCount: number | null
}

export interface SpotGoShareInput {
  freightIds: string[]
  /** How long the link lives: milliseconds, or a .NET TimeSpan ("08:00:00", "1.00:00:00"). */
  expiresIn: number | string
  /** The SpotGo user the link belongs to (the account's owner e-mail by default in the UI). */
  ownerEmail: string
}

export interface SpotGoShareLink {
  url: string
  /** UTC instant. */
  validUntil: string
}

export interface SpotGoClient {
  /** One page (1-based) of the account's freights, normalized. */
  listPage(page: number, pageSize?: number, signal?: AbortSignal): Promise<SpotGoPage>
  /** Every page, read in order with `lookahead` pages in flight. */
  freights(options?: PagingOptions & { pageSize?: number }): PageRun<NormalizedFreight>
  /** Every freight at once, with `shifted`, `duplicates` and rejected items. */
  listAll(options?: PagingOptions & { pageSize?: number }): Promise<ListResult<NormalizedFreight>>
  get(id: string, signal?: AbortSignal): Promise<NormalizedFreight>
  /** Publishes a freight; checked against the documented rules before sending. */
  create(freight: SpotGoFreightSubmitInput, signal?: AbortSignal): Promise<NormalizedFreight>
  /** Changes a freight (the same body as create); one that is no longer active is a conflict. */
  update(
    id: string,
    freight: SpotGoFreightSubmitInput,
    signal?: AbortSignal,
  ): Promise<NormalizedFreight>
  /**
   * Sets a new price: reads the freight as SpotGo holds it now and sends it back with only the
   * payment changed, so nothing changed elsewhere meanwhile is overwritten.
   */
  changePrice(
    id: string,
    change: FreightPriceChange,
    signal?: AbortSignal,
  ): Promise<NormalizedFreight>
  /** Withdraws a freight; one SpotGo no longer knows counts as withdrawn (`alreadyGone`). */
  delete(id: string, signal?: AbortSignal): Promise<{ alreadyGone: boolean }>
  /** One public link to one or more freights. */
  share(input: SpotGoShareInput, signal?: AbortSignal): Promise<SpotGoShareLink>
  /** One cheap authenticated call: ok, bad credentials, unreachable or provider error. */
  probe(signal?: AbortSignal): Promise<ProbeResult>
}

const freightsPath = '/api/v1/freights'
const freightPath = (id: string) => `${freightsPath}/${encodeURIComponent(id)}`

export function createSpotGoClient(options: SpotGoClientOptions): SpotGoClient {
  const http = createHttpClient({
    ...options.http,
    provider: 'spotgo',
    baseUrl: options.baseUrl,
    log: options.log,
    limiter: options.limiter,
    headers: { 'X-Api-Key': options.apiKey, 'x-api-version': '1.0' },
    authHint: 'Check the SpotGo API key in Accounts.',
  })

  async function listPage(
    page: number,
    pageSize = spotGoMaxPageSize,
    signal?: AbortSignal,
  ): Promise<SpotGoPage> {
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1) {
      throw invalidRequest('spotgo', 'page', [
        { path: ['page'], message: 'Page and page size are whole numbers, 1 or more.' },
      ])
    }
    const answer = await http.json({
      method: 'GET',
      path: freightsPath,
      query: { page, pageSize },
      action: 'list freights',
      schema: SpotGoFreightListLoose,
      signal,
    })
    const { items, rejected, partial } = readPageItems(
      answer.data.items,
      page,
      readSpotGoFreight,
      options.log,
      {
        message: (rejectedCount, partialCount) =>
          `SpotGo list page ${page}: ${rejectedCount} freights could not be read, ${partialCount} were read in part`,
        details: { provider: 'spotgo', page },
      },
    )
    return {
      page,
      freights: items,
      sentCount: answer.data.items.length,
      rejected,
      partial,
      totalCount: answer.data.totalCount ?? null,
    }
  }

  /** The new or changed freight: from the answer when it is one, else read back by id. */
  async function freightFrom(
    answer: { raw: unknown },
    id: string,
    signal?: AbortSignal,
  ): Promise<NormalizedFreight> {
    const reading = readTolerant(SpotGoFreight, answer.raw)
    if (reading.ok) return mapSpotGoFreight(reading.value, answer.raw)
    return client.get(id, signal)
  }

  const checked = (freight: SpotGoFreightSubmitInput): SpotGoFreightSubmit => {
    const parsed = SpotGoFreightSubmit.safeParse(freight)
    if (!parsed.success) throw invalidRequest('spotgo', 'freight', parsed.error.issues)
    return parsed.data
  }

  const client: SpotGoClient = {
    listPage,
    freights(paging = {}) {
      const pageSize = paging.pageSize ?? spotGoMaxPageSize
      let firstPageIds: string | null = null
      return runPages(
        {
          provider: 'spotgo',
          pageSize,
          idOf: (freight) => freight.providerId,
          fetchPage: async (page, signal) => {
            const fetched = await listPage(page, pageSize, signal)
            const ids = fetched.freights.map((freight) => freight.providerId).join('\n')
            if (page === 1) firstPageIds = ids
            if (fetched.totalCount === null && page > 1 && ids === firstPageIds) {
              // A bare array that ignores `page`: the first page was the whole list.
              return { items: [], sentCount: 0, rejected: [], partial: [] }
            }
            return {
              items: fetched.freights,
              sentCount: fetched.sentCount,
              rejected: fetched.rejected,
              partial: fetched.partial,
              ...(fetched.totalCount !== null
                ? { hasMore: page * pageSize < fetched.totalCount }
                : {}),
            }
          },
        },
        paging,
      )
    },
    listAll: (paging = {}) => collectRun(client.freights(paging)),

    async get(id, signal) {
      const answer = await http.json({
        method: 'GET',
        path: freightPath(id),
        action: 'get the freight',
        schema: tolerantAnswer(SpotGoFreight),
        signal,
      })
      return mapSpotGoFreight(answer.data.value, answer.raw, answer.data.oddities)
    },

    async create(freight, signal) {
      const answer = await http.json({
        method: 'POST',
        path: freightsPath,
        json: checked(freight),
        action: 'publish the freight',
        schema: SpotGoFreightCreated,
        signal,
      })
      return freightFrom(answer, answer.data.id, signal)
    },

    async update(id, freight, signal) {
      const answer = await http.json({
        method: 'PUT',
        path: freightPath(id),
        json: checked(freight),
        action: 'change the freight',
        // The answer to a change is not documented: a freight, or nothing (then it is read back).
        schema: SpotGoFreightCreated.optional(),
        signal,
      })
      return freightFrom(answer, id, signal)
    },

    async changePrice(id, change, signal) {
      // The freight goes back exactly as SpotGo holds it, but for its payment.
      const current = await http.json({
        method: 'GET',
        path: freightPath(id),
        action: 'read the freight before changing its price',
        schema: tolerantAnswer(SpotGoFreight),
        signal,
      })
      return client.update(id, spotGoPriceChangeSubmit(current.raw, change), signal)
    },

    async delete(id, signal) {
      const answer = await http.send({
        method: 'DELETE',
        path: freightPath(id),
        action: 'withdraw the freight',
        accept: [200, 202, 204, 404],
        signal,
      })
      return { alreadyGone: answer.status === 404 }
    },

    async share(input, signal) {
      const request = {
        freightIds: input.freightIds,
        urlExpirationTime:
          typeof input.expiresIn === 'number'
            ? formatTimeSpan(Math.max(0, input.expiresIn))
            : input.expiresIn,
        ownerEmail: input.ownerEmail,
      }
      const parsed = SpotGoShareRequest.safeParse(request)
      if (!parsed.success) throw invalidRequest('spotgo', 'share link', parsed.error.issues)
      if (parsed.data.urlExpirationTime === '00:00:00') {
        throw invalidRequest('spotgo', 'share link', [
          { path: ['urlExpirationTime'], message: 'The link must live at least one second.' },
        ])
      }
      const answer = await http.json({
        method: 'POST',
        path: `${freightsPath}/share`,
        json: parsed.data,
        action: 'create the share link',
        schema: tolerantAnswer(SpotGoShareResponse),
        signal,
      })
      const { value } = answer.data
      return { url: value.url, validUntil: canonicalInstant(value.validUntil) }
    },

    probe: (signal) =>
      probeWith(
        'spotgo',
        () =>
          http.json({
            ...probeRequest,
            method: 'GET',
            path: freightsPath,
            query: { page: 1, pageSize: 1 },
            action: 'check the connection',
            schema: SpotGoFreightListLoose,
            signal,
          }),
        signal,
      ),
  }
  return client
}
