/**
 * Reading every page of a provider's list: pages in order, up to `lookahead` requests in flight
 * (sync fetches ahead within the rate limit), stopping at the first short page (or where the
 * provider says there is no next page), and honest about lists that change while they are read.
 *
 * Items that shift between pages are never counted twice: an id seen on an earlier page is
 * dropped as a duplicate, and the run is marked `shifted`. After the last page the first page is
 * read once more (`recheckFirstPage`): if it changed, the run is marked `shifted` too, and items
 * new at the top are delivered. A shifted run may have missed items (one that moved from an
 * unread page onto a page already read), so sync must not mark unseen freights gone after it.
 */
import { z } from 'zod'
import type { Logger } from '../log'
import { ProviderError, providerLabels, type ProviderName } from './errors'
import { failureReasons } from './tolerant'

/** An item of a page that could not be read as documented, whole or in part. */
export interface ItemProblem {
  page: number
  /** Position on the page, 0-based. */
  index: number
  /** The provider's id, when it could be read. */
  id: string | null
  /** What could not be read, one line per field: `path: reason` (short values only). */
  reasons: string[]
  /** The item exactly as the provider sent it. */
  raw: unknown
}

/** An item a page held that could not be read (kept out of `items`, never dropped silently). */
export type RejectedItem = ItemProblem

/** An item that was kept, though some of its fields could not be read as documented. */
export type PartialItem = ItemProblem

/** One item as a client read it: the value, and what in it was not as documented. */
export interface ItemReading<T> {
  item: T
  /** `path: reason` lines; empty when the item was exactly as documented. */
  oddities: string[]
}

/** One page as a client fetched it. */
export interface FetchedPage<T> {
  /** The items that could be read, in the provider's order. */
  items: T[]
  /** How many items the provider sent (read or rejected): a page shorter than the size is last. */
  sentCount: number
  rejected: RejectedItem[]
  /** Items kept though read in part. */
  partial: PartialItem[]
  /** When the provider says whether another page follows (an envelope); absent when it does not. */
  hasMore?: boolean
}

export interface PageSource<T> {
  provider: ProviderName
  /** Items on a full page. */
  pageSize: number
  fetchPage: (page: number, signal: AbortSignal) => Promise<FetchedPage<T>>
  idOf: (item: T) => string
}

/** One page of a run, as the consumer gets it. */
export interface RunPage<T> {
  page: number
  /** Items not seen earlier in this run. */
  items: T[]
  /** Items of this page already delivered from an earlier page. */
  duplicates: number
  rejected: RejectedItem[]
  /** Items of `items` read in part. */
  partial: PartialItem[]
  /** True for the second reading of page 1 after the last page (its new items only). */
  recheck: boolean
}

export interface RunSummary {
  /** Pages read (the recheck not included). */
  pages: number
  /** Requests sent, speculative and recheck included. */
  requests: number
  /** Distinct items delivered. */
  itemCount: number
  duplicates: number
  rejected: number
  /** Items kept though read in part. */
  partial: number
  /** The list changed while it was read: sync must not conclude that unseen items are gone. */
  shifted: boolean
}

/** A run over every page: iterate it with `for await`; `summary` is set once it completed. */
export interface PageRun<T> extends AsyncIterable<RunPage<T>> {
  readonly summary: RunSummary | null
}

/** Every item of a list at once, with what the run noticed. */
export interface ListResult<T> extends RunSummary {
  items: T[]
  rejectedItems: RejectedItem[]
  partialItems: PartialItem[]
}

export interface PagingOptions {
  /**
   * Pages requested ahead of the one being read (1 = one at a time; at most 16). A function is
   * asked again before each page, so runs that share a budget can hand it on as others end.
   */
  lookahead?: number | (() => number)
  signal?: AbortSignal
  /** Read page 1 again after the last page to notice a list that changed (default true). */
  recheckFirstPage?: boolean
  /** A run stops with an error after this many pages (default 10,000). */
  maxPages?: number
}

/** Full pages in a row that held nothing new before the run gives up on a list that races ahead. */
const maxStalePages = 3

/** A run over every page of `source`. */
export function runPages<T>(source: PageSource<T>, options: PagingOptions = {}): PageRun<T> {
  let summary: RunSummary | null = null
  const lookahead = () => {
    const wanted = typeof options.lookahead === 'function' ? options.lookahead() : options.lookahead
    return Math.min(16, Math.max(1, Math.floor(wanted ?? 1)))
  }
  const maxPages = options.maxPages ?? 10_000
  const label = providerLabels[source.provider]

  async function* pages(): AsyncGenerator<RunPage<T>> {
    const signal = options.signal
    const inFlight = new Map<number, { promise: Promise<FetchedPage<T>>; stop: AbortController }>()
    const seen = new Set<string>()
    const totals: RunSummary = {
      pages: 0,
      requests: 0,
      itemCount: 0,
      duplicates: 0,
      rejected: 0,
      partial: 0,
      shifted: false,
    }
    let firstPageIds: string[] = []
    let nextToRequest = 1
    let stalePages = 0

    const request = (page: number) => {
      const stop = new AbortController()
      const onAbort = () => stop.abort(signal?.reason)
      signal?.addEventListener('abort', onAbort, { once: true })
      const promise = source.fetchPage(page, stop.signal).finally(() => {
        signal?.removeEventListener('abort', onAbort)
      })
      // A speculative page may fail after the run ended; its failure matters only if it is read.
      promise.catch(() => undefined)
      inFlight.set(page, { promise, stop })
      totals.requests++
    }
    const fresh = (items: T[]) => {
      const kept: T[] = []
      let duplicates = 0
      for (const item of items) {
        const id = source.idOf(item)
        if (seen.has(id)) duplicates++
        else {
          seen.add(id)
          kept.push(item)
        }
      }
      return { kept, duplicates }
    }

    try {
      for (let page = 1; ; page++) {
        signal?.throwIfAborted()
        const ahead = lookahead()
        while (nextToRequest < page + ahead && nextToRequest <= maxPages) {
          request(nextToRequest++)
        }
        const pending = inFlight.get(page)
        if (!pending) throw new Error(`page ${page} was never requested`)
        const fetched = await pending.promise
        inFlight.delete(page)
        totals.pages++
        if (page === 1) firstPageIds = fetched.items.map(source.idOf)
        const { kept, duplicates } = fresh(fetched.items)
        totals.itemCount += kept.length
        totals.duplicates += duplicates
        totals.rejected += fetched.rejected.length
        totals.partial += fetched.partial.length
        if (duplicates > 0) totals.shifted = true
        yield {
          page,
          items: kept,
          duplicates,
          rejected: fetched.rejected,
          partial: fetched.partial,
          recheck: false,
        }

        const last =
          fetched.sentCount === 0 ||
          (fetched.hasMore === undefined ? fetched.sentCount < source.pageSize : !fetched.hasMore)
        if (last) break
        stalePages = kept.length === 0 && fetched.rejected.length === 0 ? stalePages + 1 : 0
        if (stalePages >= maxStalePages) {
          throw new ProviderError({
            provider: source.provider,
            kind: 'bad_response',
            message: `${label}'s list kept shifting while Freightdesk read it: ${maxStalePages} pages in a row held nothing new. Try again in a moment.`,
          })
        }
        if (page >= maxPages) {
          throw new ProviderError({
            provider: source.provider,
            kind: 'bad_response',
            message: `${label}'s list did not end after ${maxPages} pages. Narrow it with filters, or report it if it keeps happening.`,
          })
        }
      }
      for (const { stop } of inFlight.values())
        stop.abort(new DOMException('Not needed.', 'AbortError'))
      inFlight.clear()

      if ((options.recheckFirstPage ?? true) && totals.pages > 1) {
        signal?.throwIfAborted()
        totals.requests++
        const again = await source.fetchPage(1, signal ?? new AbortController().signal)
        const ids = again.items.map(source.idOf)
        if (ids.length !== firstPageIds.length || ids.some((id, i) => id !== firstPageIds[i])) {
          totals.shifted = true
        }
        const { kept, duplicates } = fresh(again.items)
        totals.itemCount += kept.length
        // Rejected and partial items of page 1 were reported with its first reading.
        if (kept.length > 0) {
          yield { page: 1, items: kept, duplicates, rejected: [], partial: [], recheck: true }
        }
      }
      summary = totals
    } finally {
      for (const { stop } of inFlight.values())
        stop.abort(new DOMException('Stopped.', 'AbortError'))
    }
  }

  return {
    get summary() {
      return summary
    },
    [Symbol.asyncIterator]: pages,
  }
}

/** Reads a whole run into one result. */
export async function collectRun<T>(run: PageRun<T>): Promise<ListResult<T>> {
  const items: T[] = []
  const rejectedItems: RejectedItem[] = []
  const partialItems: PartialItem[] = []
  for await (const page of run) {
    items.push(...page.items)
    rejectedItems.push(...page.rejected)
    partialItems.push(...page.partial)
  }
  const summary = run.summary as RunSummary
  return { ...summary, items, rejectedItems, partialItems }
}

/**
 * Reads each item of a page on its own: one unreadable item is reported as rejected (with its id
 * when it has one, and which fields were wrong) instead of failing the whole page; one read in
 * part is kept and reported as partial.
 */
export function readItems<T>(
  raws: readonly unknown[],
  page: number,
  read: (raw: unknown) => ItemReading<T>,
): { items: T[]; rejected: RejectedItem[]; partial: PartialItem[] } {
  const items: T[] = []
  const rejected: RejectedItem[] = []
  const partial: PartialItem[] = []
  raws.forEach((raw, index) => {
    let reading: ItemReading<T>
    try {
      reading = read(raw)
    } catch (error) {
      rejected.push({ page, index, id: rawId(raw), reasons: rejectionReasons(error, raw), raw })
      return
    }
    items.push(reading.item)
    if (reading.oddities.length > 0) {
      partial.push({ page, index, id: rawId(raw), reasons: reading.oddities, raw })
    }
  })
  return { items, rejected, partial }
}

/**
 * Reads each item of a page (as `readItems`) and logs where the items it could not read, whole
 * or in part, are (never their values).
 */
export function readPageItems<T>(
  raws: readonly unknown[],
  page: number,
  read: (raw: unknown) => ItemReading<T>,
  log: Pick<Logger, 'warn'>,
  problems: {
    message: (rejected: number, partial: number) => string
    details: Record<string, unknown>
  },
): { items: T[]; rejected: RejectedItem[]; partial: PartialItem[] } {
  const result = readItems(raws, page, read)
  const { rejected, partial } = result
  if (rejected.length > 0 || partial.length > 0) {
    log.warn(problems.message(rejected.length, partial.length), {
      ...problems.details,
      rejected: problemSummary(rejected),
      partial: problemSummary(partial),
    })
  }
  return result
}

/** Where a page's problem items are, for a log line (never their values). */
export function problemSummary(
  items: readonly ItemProblem[],
): Array<{ id: string | null; fields: string[] }> {
  return items.map((item) => ({
    id: item.id,
    fields: item.reasons.map((reason) => reason.split(':')[0] ?? ''),
  }))
}

function rawId(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null
  const id = (raw as { id?: unknown }).id
  return typeof id === 'number' || typeof id === 'string' ? String(id).slice(0, 100) : null
}

function rejectionReasons(error: unknown, raw: unknown): string[] {
  if (error instanceof z.ZodError) return failureReasons(error, raw)
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return ['item: not an object']
  }
  return [error instanceof Error ? error.message : 'unreadable']
}
