import { describe, expect, it } from 'vitest'
import { isAbortError, isProviderError } from '../../../electron/main/providers/errors'
import {
  collectRun,
  readItems,
  runPages,
  type FetchedPage,
  type PageSource,
} from '../../../electron/main/providers/paging'

/** A list of ids served in pages of `size`, which a test may change between pages. */
function listSource(ids: string[], size = 3, options: { hasMore?: boolean } = {}) {
  const requested: number[] = []
  const source: PageSource<string> & { list: string[]; requested: number[] } = {
    provider: 'transeu',
    pageSize: size,
    list: ids,
    requested,
    idOf: (id) => id,
    fetchPage: (page) => {
      requested.push(page)
      const items = source.list.slice((page - 1) * size, page * size)
      const fetched: FetchedPage<string> = {
        items,
        sentCount: items.length,
        rejected: [],
        partial: [],
      }
      if (options.hasMore) fetched.hasMore = page * size < source.list.length
      return Promise.resolve(fetched)
    },
  }
  return source
}

const ids = (count: number, prefix = 'f') =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}`)

describe('runPages', () => {
  it('reads pages until the first short one, then checks page 1 again', async () => {
    const source = listSource(ids(8))
    const result = await collectRun(runPages(source))
    expect(result.items).toEqual(ids(8))
    expect(result).toMatchObject({ pages: 3, shifted: false, duplicates: 0, itemCount: 8 })
    expect(source.requested).toEqual([1, 2, 3, 1])
  })

  it('reads one extra, empty page when the list fills its last page exactly', async () => {
    const source = listSource(ids(6))
    const result = await collectRun(runPages(source, { recheckFirstPage: false }))
    expect(result.items).toEqual(ids(6))
    expect(source.requested).toEqual([1, 2, 3])
  })

  it('stops where an envelope says there is no next page', async () => {
    const source = listSource(ids(6), 3, { hasMore: true })
    await collectRun(runPages(source, { recheckFirstPage: false }))
    expect(source.requested).toEqual([1, 2])
  })

  it('keeps `lookahead` pages in flight and delivers them in order', async () => {
    const source = listSource(ids(20))
    let inFlight = 0
    let most = 0
    const slow: PageSource<string> = {
      ...source,
      fetchPage: async (page, signal) => {
        inFlight++
        most = Math.max(most, inFlight)
        await new Promise((resolve) => setTimeout(resolve, page % 2 === 0 ? 15 : 5))
        inFlight--
        return source.fetchPage(page, signal)
      },
    }
    const run = runPages(slow, { lookahead: 4, recheckFirstPage: false })
    const pages: number[] = []
    const items: string[] = []
    for await (const page of run) {
      pages.push(page.page)
      items.push(...page.items)
    }
    expect(pages).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(items).toEqual(ids(20))
    expect(most).toBe(4)
    // Pages 8, 9 and 10 were asked for speculatively before page 7 turned out to be the last.
    expect(run.summary?.requests).toBe(10)
  })

  it('drops ids it has seen and marks the run shifted when items move down', async () => {
    const source = listSource(ids(9))
    const run = runPages(source)
    const delivered: string[] = []
    for await (const page of run) {
      delivered.push(...page.items)
      // Two new items arrive at the top while the client reads.
      if (page.page === 1) source.list = ['new1', 'new2', ...source.list]
    }
    expect(new Set(delivered).size).toBe(delivered.length)
    expect(delivered).toEqual(expect.arrayContaining([...ids(9), 'new1', 'new2']))
    expect(run.summary).toMatchObject({ shifted: true, duplicates: 2 })
  })

  it('marks the run shifted when page 1 changed, even if no item showed twice', async () => {
    const source = listSource(ids(7))
    const run = runPages(source)
    for await (const page of run) {
      // An item of page 1 goes away (accepted elsewhere): page 2 and 3 shift up by one.
      if (page.page === 2) source.list = source.list.filter((id) => id !== 'f0')
    }
    expect(run.summary?.shifted).toBe(true)
  })

  it('gives up on a list that races ahead of the reader', async () => {
    const source = listSource(ids(30))
    let counter = 0
    const racing: PageSource<string> = {
      ...source,
      fetchPage: (page, signal) => {
        if (page > 1) source.list = [...ids(3, `n${counter++}-`), ...source.list]
        return source.fetchPage(page, signal)
      },
    }
    const error: unknown = await collectRun(runPages(racing)).catch((thrown: unknown) => thrown)
    expect(isProviderError(error) && error.kind).toBe('bad_response')
  })

  it('ignores a speculative page that fails past the end', async () => {
    const source = listSource(ids(4))
    const failing: PageSource<string> = {
      ...source,
      fetchPage: (page, signal) =>
        page > 2 ? Promise.reject(new Error('Invalid page.')) : source.fetchPage(page, signal),
    }
    const result = await collectRun(runPages(failing, { lookahead: 3 }))
    expect(result.items).toEqual(ids(4))
  })

  it('stops when cancelled and aborts what is in flight', async () => {
    const source = listSource(ids(30))
    const aborted: number[] = []
    const controller = new AbortController()
    const slow: PageSource<string> = {
      ...source,
      fetchPage: (page, signal) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => resolve(source.fetchPage(page, signal)), 30)
          signal.addEventListener('abort', () => {
            clearTimeout(timer)
            aborted.push(page)
            reject(signal.reason as Error)
          })
        }),
    }
    const seen: number[] = []
    const error: unknown = await (async () => {
      for await (const page of runPages(slow, { lookahead: 3, signal: controller.signal })) {
        seen.push(page.page)
        controller.abort()
      }
    })().catch((thrown: unknown) => thrown)
    expect(isAbortError(error)).toBe(true)
    expect(seen).toEqual([1])
    expect(aborted.sort()).toEqual([2, 3])
  })
})

describe('a shared lookahead', () => {
  it('is asked again before each page, so a list gets more pages in flight when another ends', async () => {
    const source = listSource(ids(30))
    const inFlight = new Set<number>()
    const held = new Map<number, () => void>()
    const controlled: PageSource<string> = {
      ...source,
      fetchPage: (page, signal) => {
        inFlight.add(page)
        return new Promise<FetchedPage<string>>((resolve) => {
          held.set(page, () => resolve(source.fetchPage(page, signal)))
        }).finally(() => inFlight.delete(page))
      },
    }
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5))
    let ahead = 2
    const iterator = runPages(controlled, { lookahead: () => ahead, recheckFirstPage: false })[
      Symbol.asyncIterator
    ]()
    const first = iterator.next()
    await settle()
    expect([...inFlight].sort((a, b) => a - b)).toEqual([1, 2])
    held.get(1)?.()
    expect((await first).value).toMatchObject({ page: 1 })
    // Another list ended: this one may now keep five pages in flight.
    ahead = 5
    const second = iterator.next()
    await settle()
    expect([...inFlight].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6])
    held.get(2)?.()
    await second
    await iterator.return?.(undefined)
  })
})

describe('readItems', () => {
  it('keeps readable items, reports those read in part, and rejects the others with their raw', () => {
    const raws = [{ id: 1, n: 2 }, { id: 2 }, 'x', { id: 3, n: 4, extra: true }]
    const { items, rejected, partial } = readItems(raws, 4, (raw) => {
      const value = raw as { id: number; n?: number; extra?: boolean }
      if (typeof value.n !== 'number') throw new Error('n is missing')
      return { item: value.n, oddities: value.extra ? ['extra: not in the documentation'] : [] }
    })
    expect(items).toEqual([2, 4])
    expect(rejected).toEqual([
      { page: 4, index: 1, id: '2', reasons: ['n is missing'], raw: raws[1] },
      { page: 4, index: 2, id: null, reasons: ['item: not an object'], raw: 'x' },
    ])
    expect(partial).toEqual([
      { page: 4, index: 3, id: '3', reasons: ['extra: not in the documentation'], raw: raws[3] },
    ])
  })
})
