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

/** One group of the aggregate: facet key, truck-body mask, how many freights. */
type Group = [facetKey: number, truckBodyMask: number, count: number]
/** A count per facet key or per truck-body mask. */
type CountBy = [value: number, count: number]

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
    if (compiled.from === 'freights') {
      const statement = compiled.byFacetKeyAndTruckBodies
      const groups = compiled.grouped
        ? all<Group>(statement)
        : groupArrays(all<[string, string]>(statement)[0]!)
      return countGroups(groups, filter)
    }
    return countSummaries(
      all<CountBy>(compiled.byFacetKey),
      all<CountBy>(compiled.byTruckBodies),
      filter,
    )
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

  return {
    page: (query) => readPage.deferred(query),
    facets: (filter) => db.transaction(() => totalAndFacets(filter).facets).deferred(),
    explain(query) {
      return {
        rows: plan(compilePage(query).rows),
        count: plan(compileCount(query)),
        facets: facetStatements(compileFacets(query)).map(plan),
      }
    },
  }
}

/** Counts freights, given as JSON arrays of facet keys and truck-body masks, into groups. */
function groupArrays([keysJson, masksJson]: readonly [string, string]): Group[] {
  const keys = JSON.parse(keysJson) as number[]
  const masks = JSON.parse(masksJson) as number[]
  const byKey = new Map<number, Map<number, number>>()
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    const mask = masks[i]!
    let byMask = byKey.get(key)
    if (!byMask) byKey.set(key, (byMask = new Map<number, number>()))
    byMask.set(mask, (byMask.get(mask) ?? 0) + 1)
  }
  const groups: Group[] = []
  for (const [key, byMask] of byKey) {
    for (const [mask, count] of byMask) groups.push([key, mask, count])
  }
  return groups
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

/** The status, provider and country filters of a facet query, as tests on a facet key. */
function facetKeyTests(filter: FreightFilter) {
  const statuses = filter.statuses?.length ? new Set<string>(filter.statuses) : null
  const providerSet = filter.providers?.length ? new Set<string>(filter.providers) : null
  const countries = filter.loading?.countries?.length
    ? new Set(filter.loading.countries.map(countryNumber))
    : null
  return (key: number) => {
    const parts = facetKeyParts(key)
    return {
      parts,
      inStatus: !statuses || statuses.has(parts.status),
      inProvider: !providerSet || providerSet.has(parts.provider),
      inCountry: !countries || countries.has(Math.floor(key / 64)),
    }
  }
}

class Tally {
  readonly counts = new Map<string, number>()

  add(value: string, count: number): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + count)
  }

  addMask(mask: number, count: number): void {
    for (const body of valuesOf(mask, truckBodies)) this.add(body, count)
  }

  /** Most frequent first, then by value. Zero counts are left out. */
  sorted(): FacetCount[] {
    return [...this.counts]
      .filter(([, count]) => count > 0)
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
  }
}

/**
 * The total and the facets of `filter` from the freights' groups (every filter but the four facet
 * filters applied): each facet counts the groups that pass every facet filter except its own; the
 * total counts those that pass all four.
 */
export function countGroups(
  groups: readonly Group[],
  filter: FreightFilter,
): { total: number; facets: FreightFacets } {
  const test = facetKeyTests(filter)
  const bodies = filter.truckBodies?.length ? maskOf(filter.truckBodies, truckBodies) : null
  const [status, provider, country, truckBody] = [
    new Tally(),
    new Tally(),
    new Tally(),
    new Tally(),
  ]
  let total = 0
  for (const [key, mask, count] of groups) {
    const { parts, inStatus, inProvider, inCountry } = test(key)
    const inBodies = bodies === null || sharesBit(mask, bodies)
    if (inProvider && inCountry && inBodies) status.add(parts.status, count)
    if (inStatus && inCountry && inBodies) provider.add(parts.provider, count)
    if (inStatus && inProvider && inBodies) country.add(parts.country, count)
    if (inStatus && inProvider && inCountry) {
      truckBody.addMask(mask, count)
      if (inBodies) total += count
    }
  }
  return { total, facets: facetsOf(status, provider, country, truckBody) }
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
  const test = facetKeyTests(filter)
  const [status, provider, country, truckBody] = [
    new Tally(),
    new Tally(),
    new Tally(),
    new Tally(),
  ]
  let total = 0
  for (const [key, count] of byFacetKey) {
    const { parts, inStatus, inProvider, inCountry } = test(key)
    if (inProvider && inCountry) status.add(parts.status, count)
    if (inStatus && inCountry) provider.add(parts.provider, count)
    if (inStatus && inProvider) country.add(parts.country, count)
    if (inStatus && inProvider && inCountry) total += count
  }
  for (const [mask, count] of byTruckBodies) truckBody.addMask(mask, count)
  return { total, facets: facetsOf(status, provider, country, truckBody) }
}

function facetsOf(status: Tally, provider: Tally, country: Tally, truckBody: Tally): FreightFacets {
  return {
    status: status.sorted(),
    provider: provider.sorted(),
    truckBody: truckBody.sorted(),
    loadingCountry: country.sorted(),
  }
}
