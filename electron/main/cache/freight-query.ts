/** Runs compiled freight queries: a page of flat rows with its total, and the facet counts. */
import type Database from 'better-sqlite3'
import { truckBodies } from '@shared/domain/freight'
import type { FreightRow } from '@shared/domain/freight-columns'
import type {
  FacetCount,
  FreightFacets,
  FreightFilter,
  FreightPage,
  FreightQuery,
} from '@shared/domain/freight-query'
import { maskOf, valuesOf } from './bit-sets'
import { countryNumber, facetKeyParts } from './freight-rows'
import {
  compileCount,
  compileFacets,
  compilePage,
  type CompiledFacets,
  type CompiledStatement,
} from './query-compiler'

export interface FreightQueries {
  /** One page of rows and the total; with `withFacets`, also the facet counts, in one read. */
  page(query: FreightQuery): FreightPage
  facets(filter: FreightFilter): FreightFacets
  /** SQLite's plans for a query's statements (for tests and tuning). */
  explain(query: FreightQuery): { rows: string[]; count: string[]; facets: string[][] }
}

/** Statements are prepared once per distinct SQL text; filter shapes repeat, values do not matter. */
const maxCachedStatements = 500

/** How many freights share a facet key and a truck-body mask. */
type Group = [facetKey: number, truckBodyMask: number, count: number]
/** A count per facet key or per truck-body mask. */
type CountBy = [value: number, count: number]

/** The freight queries over `db`; each answer is read in one transaction, so it is consistent. */
export function createFreightQueries(db: Database.Database): FreightQueries {
  const prepared = new Map<string, Database.Statement>()

  function statement(sql: string): Database.Statement {
    let found = prepared.get(sql)
    if (!found) {
      if (prepared.size >= maxCachedStatements) prepared.clear()
      found = db.prepare(sql)
      prepared.set(sql, found)
    }
    return found
  }

  function all<T>({ sql, params }: CompiledStatement): T[] {
    return statement(sql)
      .raw(true)
      .all(...params) as T[]
  }

  function totalAndFacets(filter: FreightFilter): { total: number; facets: FreightFacets } {
    const compiled = compileFacets(filter)
    if (compiled.from === 'counts') {
      return countSummaries(
        all<CountBy>(compiled.byFacetKey),
        all<CountBy>(compiled.byTruckBodies),
        filter,
      )
    }
    const counted = compiled.byFacetKeyAndTruckBodies
    if (compiled.grouped) return countGroups(all<Group>(counted), filter)
    const [keysJson, masksJson] = all<[string, string]>(counted)[0]!
    const keys = JSON.parse(keysJson) as number[]
    const masks = JSON.parse(masksJson) as number[]
    // Thousands of hits share a few hundred pairs of facet key and mask: count the pairs first.
    const pairs = new Map<number, Map<number, number>>()
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      const mask = masks[i]!
      let byMask = pairs.get(key)
      if (!byMask) pairs.set(key, (byMask = new Map<number, number>()))
      byMask.set(mask, (byMask.get(mask) ?? 0) + 1)
    }
    const tally = new FacetTally(filter)
    for (const [key, byMask] of pairs) {
      for (const [mask, count] of byMask) tally.add(key, mask, count)
    }
    return tally.result()
  }

  function plan({ sql, params }: CompiledStatement): string[] {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>
    return rows.map((row) => row.detail)
  }

  const readPage = db.transaction((query: FreightQuery) => {
    const compiled = compilePage(query)
    const values = statement(compiled.rows.sql)
      .raw(true)
      .all(...compiled.rows.params) as unknown[][]
    let total: number
    let facets: FreightFacets | undefined
    if (query.withFacets) {
      ;({ total, facets } = totalAndFacets(query))
    } else {
      const count = compileCount(query)
      total = statement(count.sql)
        .pluck(true)
        .get(...count.params) as number
    }
    const keys = ['id', ...compiled.columns]
    const rows = values.map((cells) => {
      const row: Record<string, unknown> = {}
      for (let i = 0; i < keys.length; i++) {
        const decode = compiled.decoders[i]
        const value = cells[i] ?? null
        row[keys[i]!] = decode ? decode(value) : value
      }
      return row as FreightRow
    })
    const page: FreightPage = {
      rows,
      total,
      offset: query.offset,
      limit: query.limit,
      columns: compiled.columns,
    }
    if (facets) page.facets = facets
    return page
  })

  const readFacets = db.transaction((filter: FreightFilter) => totalAndFacets(filter).facets)

  return {
    page: (query) => readPage.deferred(query),
    facets: (filter) => readFacets.deferred(filter),
    explain(query) {
      return {
        rows: plan(compilePage(query).rows),
        count: plan(compileCount(query)),
        facets: facetStatements(compileFacets(query)).map(plan),
      }
    },
  }
}

function facetStatements(compiled: CompiledFacets): CompiledStatement[] {
  return compiled.from === 'freights'
    ? [compiled.byFacetKeyAndTruckBodies]
    : [compiled.byFacetKey, compiled.byTruckBodies]
}

const twoTo32 = 2 ** 32

/** Whether two bit masks (up to 52 bits) share a bit; JavaScript's `&` only sees 32 bits. */
function sharesBit(a: number, b: number): boolean {
  return (
    ((a >>> 0) & (b >>> 0)) !== 0 ||
    ((Math.floor(a / twoTo32) >>> 0) & (Math.floor(b / twoTo32) >>> 0)) !== 0
  )
}

/** Where one facet key stands against the status, provider and country filters. */
interface KeyTests {
  status: string
  provider: string
  country: string
  inStatus: boolean
  inProvider: boolean
  inCountry: boolean
}

/**
 * Adds up freights (or groups of them) by facet key and truck-body mask into the total and the
 * four facets of a filter: each facet counts what passes every facet filter except its own, the
 * total what passes all four. Tests are made once per distinct facet key, and truck-body masks are
 * spread over their bodies once per distinct mask.
 */
class FacetTally {
  private readonly statuses: ReadonlySet<string> | null
  private readonly providers: ReadonlySet<string> | null
  private readonly countries: ReadonlySet<number> | null
  private readonly bodies: number | null
  private readonly keys = new Map<number, KeyTests>()
  private readonly status = new Map<string, number>()
  private readonly provider = new Map<string, number>()
  private readonly country = new Map<string, number>()
  private readonly masks = new Map<number, number>()
  private total = 0

  constructor(filter: FreightFilter) {
    this.statuses = filter.statuses?.length ? new Set(filter.statuses) : null
    this.providers = filter.providers?.length ? new Set(filter.providers) : null
    this.countries = filter.loading?.countries?.length
      ? new Set(filter.loading.countries.map(countryNumber))
      : null
    this.bodies = filter.truckBodies?.length ? maskOf(filter.truckBodies, truckBodies) : null
  }

  private tests(key: number): KeyTests {
    let tests = this.keys.get(key)
    if (!tests) {
      const parts = facetKeyParts(key)
      tests = {
        ...parts,
        inStatus: !this.statuses || this.statuses.has(parts.status),
        inProvider: !this.providers || this.providers.has(parts.provider),
        inCountry: !this.countries || this.countries.has(Math.floor(key / 64)),
      }
      this.keys.set(key, tests)
    }
    return tests
  }

  /** Counts `count` freights of `key` and `mask`. */
  add(key: number, mask: number, count: number): void {
    const { status, provider, country, inStatus, inProvider, inCountry } = this.tests(key)
    const inBodies = this.bodies === null || sharesBit(mask, this.bodies)
    if (inProvider && inCountry && inBodies) increment(this.status, status, count)
    if (inStatus && inCountry && inBodies) increment(this.provider, provider, count)
    if (inStatus && inProvider && inBodies) increment(this.country, country, count)
    if (inStatus && inProvider && inCountry) {
      increment(this.masks, mask, count)
      if (inBodies) this.total += count
    }
  }

  /** Counts freights of `key` whose truck bodies are already known to pass the filter. */
  addKey(key: number, count: number): void {
    const { status, provider, country, inStatus, inProvider, inCountry } = this.tests(key)
    if (inProvider && inCountry) increment(this.status, status, count)
    if (inStatus && inCountry) increment(this.provider, provider, count)
    if (inStatus && inProvider) increment(this.country, country, count)
    if (inStatus && inProvider && inCountry) this.total += count
  }

  /** Counts freights of `mask` that are already known to pass the other facet filters. */
  addMask(mask: number, count: number): void {
    increment(this.masks, mask, count)
  }

  result(): { total: number; facets: FreightFacets } {
    const truckBody = new Map<string, number>()
    for (const [mask, count] of this.masks) {
      for (const body of valuesOf(mask, truckBodies)) increment(truckBody, body, count)
    }
    return {
      total: this.total,
      facets: {
        status: sorted(this.status),
        provider: sorted(this.provider),
        truckBody: sorted(truckBody),
        loadingCountry: sorted(this.country),
      },
    }
  }
}

function increment<K>(counts: Map<K, number>, key: K, count: number): void {
  counts.set(key, (counts.get(key) ?? 0) + count)
}

/** Most frequent first, then by value. Zero counts are left out. */
function sorted(counts: Map<string, number>): FacetCount[] {
  return [...counts]
    .filter(([, count]) => count > 0)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
}

/** The total and the facets of `filter` from groups of freights passing its other filters. */
export function countGroups(
  groups: readonly Group[],
  filter: FreightFilter,
): { total: number; facets: FreightFacets } {
  const tally = new FacetTally(filter)
  for (const [key, mask, count] of groups) tally.add(key, mask, count)
  return tally.result()
}

/**
 * The total and the facets of `filter` from `freight_counts`: counts per facet key (the truck-body
 * filter already applied) and per truck-body mask (the status, provider and country filters
 * already applied).
 */
export function countSummaries(
  byFacetKey: readonly CountBy[],
  byTruckBodies: readonly CountBy[],
  filter: FreightFilter,
): { total: number; facets: FreightFacets } {
  const tally = new FacetTally(filter)
  for (const [key, count] of byFacetKey) tally.addKey(key, count)
  for (const [mask, count] of byTruckBodies) tally.addMask(mask, count)
  return tally.result()
}
