/**
 * The grid's rows, fetched page by page: only blocks of 100 rows around the visible window are
 * asked of main, cached in an LRU keyed by query and block, with the total from the query. A new
 * query gets a new request generation; answers of an older generation are dropped. While the
 * first rows of a new query load, the previous rows stay on screen (marked busy) instead of
 * flashing empty.
 */
import { create } from 'zustand'
import type { FreightRow } from '@shared/domain/freight-columns'
import type { FreightQueryInput } from '@shared/domain/freight-query'
import { call, errorMessage } from '../../api/client'
import { useFacets } from './facets-store'

export const blockSize = 100
/** Rows fetched beyond each edge of the visible window. */
const marginRows = 100
const maxBlocks = 80
const maxParallel = 3

/** A query without its page: filters, sort and columns. */
export type RowsRequest = Omit<FreightQueryInput, 'offset' | 'limit'>

interface Block {
  rows: FreightRow[]
  /** The cache revision it was read at; older blocks are shown but fetched again. */
  revision: number
}

export interface RowsState {
  /** The query whose rows are on screen. */
  shownKey: string
  /** The query asked for; differs from `shownKey` while its first rows load. */
  wantedKey: string
  /** The search text of the shown query (the search box may be ahead of the rows on screen). */
  shownSearch: string
  /** Matching freights of the shown query; null before the first answer. */
  total: number | null
  /** Bumps whenever cached rows change, so the grid re-renders. */
  version: number
  error: string | null
}

export const useRows = create<RowsState>(() => ({
  shownKey: '',
  wantedKey: '',
  shownSearch: '',
  total: null,
  version: 0,
  error: null,
}))

/** A map that forgets its least recently used entries beyond `limit`. */
class Lru<V> {
  private readonly entries = new Map<string, V>()
  constructor(private readonly limit: number) {}
  peek(key: string): V | undefined {
    return this.entries.get(key)
  }
  touch(key: string): void {
    const value = this.entries.get(key)
    if (value === undefined) return
    this.entries.delete(key)
    this.entries.set(key, value)
  }
  set(key: string, value: V): void {
    this.entries.delete(key)
    this.entries.set(key, value)
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.entries.delete(oldest)
    }
  }
  get size(): number {
    return this.entries.size
  }
}

const blocks = new Lru<Block>(maxBlocks)
const totals = new Lru<number>(200)
const inflight = new Set<string>()
let current: { key: string; request: RowsRequest } | null = null
let generation = 0
let revision = 0
let active = 0
let range = { start: 0, end: 50 }
/** The filter (key and request) whose facet counts the next visible page should bring along. */
let facetsWanted: string | null = null

const blockKey = (key: string, index: number) => `${key}#${index}`

/**
 * Asks for `request` (identified by `key`); `fromTop` starts its window at the first row.
 * `facetsKey` names its filter: when the facet counts on screen are for another filter, the
 * first visible page asks for them too (`withFacets`, one read in main for both).
 */
export function setRowsQuery(
  key: string,
  request: RowsRequest,
  fromTop: boolean,
  facetsKey: string,
): void {
  if (useFacets.getState().filterKey !== facetsKey) facetsWanted = facetsKey
  if (current?.key === key) {
    facetsWanted = null
    return
  }
  current = { key, request }
  generation++
  if (fromTop) range = { start: 0, end: range.end - range.start }
  useRows.setState({ wantedKey: key, error: null })
  const first = blocks.peek(blockKey(key, Math.floor(range.start / blockSize)))
  if (first) show(key)
  pump()
  // Rows from the block cache need no page: the counts are asked for alone.
  if (facetsWanted !== null) {
    const { sort: _sort, columns: _columns, withFacets: _withFacets, ...filter } = request
    void useFacets.getState().load(filter, facetsWanted)
    facetsWanted = null
  }
}

/** The rows now visible (first and last index); fetches what is missing around them. */
export function setVisibleRange(start: number, end: number): void {
  if (start === range.start && end === range.end) return
  range = { start, end }
  pump()
}

/** The row at `index` of the shown query, if its block is loaded. */
export function rowAt(index: number): FreightRow | undefined {
  const block = blocks.peek(blockKey(useRows.getState().shownKey, Math.floor(index / blockSize)))
  return block?.rows[index % blockSize]
}

/** Cached freights changed: rows on screen stay until their fresh copies arrive. */
export function refreshRows(): void {
  revision++
  facetsWanted = useFacets.getState().filterKey || null
  useRows.setState({ error: null })
  pump()
}

/** The ids of rows `start`..`end` (inclusive) of the shown query, fetching what is not loaded. */
export async function idsInRange(start: number, end: number): Promise<number[]> {
  const key = useRows.getState().shownKey
  const request = current?.key === key ? current.request : null
  const ids: number[] = []
  let index = start
  while (index <= end) {
    const block = blocks.peek(blockKey(key, Math.floor(index / blockSize)))
    const row = block?.rows[index % blockSize]
    if (row) {
      ids.push(row.id)
      index++
      continue
    }
    if (!request) break
    const limit = Math.min(1000, end - index + 1)
    const page = await call('freights.query', {
      ...request,
      columns: ['id'],
      offset: index,
      limit,
    })
    ids.push(...page.rows.map((each) => each.id))
    if (page.rows.length < limit) break
    index += limit
  }
  return ids
}

function show(key: string): void {
  const state = useRows.getState()
  useRows.setState({
    shownKey: key,
    shownSearch:
      key === state.shownKey ? state.shownSearch : ((JSON.parse(key) as RowsRequest).text ?? ''),
    total: totals.peek(key) ?? state.total,
    version: state.version + 1,
  })
}

/**
 * Blocks to fetch for the current window. The visible blocks come first and alone: margins are
 * asked for only once every visible block is in, so a new filter's first rows never wait in main
 * behind margin pages (main answers one query at a time).
 */
function missingBlocks(): number[] {
  if (!current) return []
  const key = current.key
  const total = totals.peek(key)
  const lastRow = total === undefined ? range.end : Math.min(range.end + marginRows, total - 1)
  const visibleFirst = Math.floor(range.start / blockSize)
  const visibleLast = Math.max(
    visibleFirst,
    Math.floor(Math.min(range.end, Math.max(lastRow, 0)) / blockSize),
  )
  const stale = (index: number) => {
    const cacheKey = blockKey(key, index)
    const block = blocks.peek(cacheKey)
    if (block) blocks.touch(cacheKey)
    return !block || block.revision !== revision
  }
  const visible: number[] = []
  for (let index = visibleFirst; index <= visibleLast; index++) visible.push(index)
  const visibleMissing = visible.filter(stale)
  if (visibleMissing.length > 0) {
    return visibleMissing.filter((index) => !inflight.has(blockKey(key, index)))
  }
  const firstBlock = Math.max(0, Math.floor((range.start - marginRows) / blockSize))
  const lastBlock = Math.max(0, Math.floor(Math.max(lastRow, 0) / blockSize))
  const margins: number[] = []
  for (let index = firstBlock; index <= lastBlock; index++) {
    if (index < visibleFirst || index > visibleLast) margins.push(index)
  }
  const distance = (index: number) =>
    index < visibleFirst ? visibleFirst - index : index - visibleLast
  margins.sort((a, b) => distance(a) - distance(b))
  return margins.filter((index) => stale(index) && !inflight.has(blockKey(key, index)))
}

function pump(): void {
  while (active < maxParallel) {
    const next = missingBlocks()[0]
    if (next === undefined) return
    void fetchBlock(next)
  }
}

async function fetchBlock(index: number): Promise<void> {
  if (!current) return
  const { key, request } = current
  const asked = { generation, revision }
  const cacheKey = blockKey(key, index)
  const facetsKey = index === Math.floor(range.start / blockSize) ? facetsWanted : null
  if (facetsKey) facetsWanted = null
  inflight.add(cacheKey)
  active++
  try {
    const page = await call('freights.query', {
      ...request,
      offset: index * blockSize,
      limit: blockSize,
      withFacets: facetsKey !== null,
    })
    if (facetsKey && page.facets) useFacets.getState().show(page.facets, facetsKey)
    // An answer to an older query: its rows would belong to filters no longer on screen.
    if (asked.generation !== generation) return
    blocks.set(cacheKey, { rows: page.rows, revision: asked.revision })
    totals.set(key, page.total)
    const state = useRows.getState()
    const visibleBlock = Math.floor(range.start / blockSize)
    if (state.shownKey !== key) {
      if (index === visibleBlock || page.total <= index * blockSize) show(key)
    } else {
      useRows.setState({ total: page.total, version: state.version + 1 })
    }
  } catch (error) {
    if (facetsKey && facetsWanted === null) facetsWanted = facetsKey
    if (asked.generation === generation) useRows.setState({ error: errorMessage(error) })
  } finally {
    inflight.delete(cacheKey)
    active--
    if (!useRows.getState().error) pump()
  }
}
