/**
 * The offline cache with 100,000 realistic freights: upsert against a plain prepared-statement
 * insert of the same rows (the floor), and p50/p95 of typical grid queries (a page of 100 rows,
 * the total count and the facet counts, as the grid asks for them together).
 */
import { statSync } from 'node:fs'
import { afterAll, beforeAll, describe, test } from 'vitest'
import type { NormalizedFreight } from '@shared/domain/freight'
import { FreightQuery, type FreightQueryInput } from '@shared/domain/freight-query'
import { openCache, type Cache } from '../electron/main/cache'
import {
  contentHash,
  deriveFreight,
  freightDataColumns,
  freightDetailColumns,
} from '../electron/main/cache/freight-rows'
import { silentLogger } from '../electron/main/log'
import { makeFreights } from '../test/support/freight-factory'
import { testAccounts, saveBareAccount } from '../test/support/cache'
import { makeTempDir } from '../test/support/temp-dir'
import { percentiles, recordFigure } from './support/figures'

const count = 100_000
const warmups = 3
const runs = 40

let temp: { dir: string; remove(): void }
let freights: NormalizedFreight[]
/** Freights grouped by the account they are stored in. */
let batches: Array<[string, NormalizedFreight[]]>

function openFresh(name: string): Cache {
  const cache = openCache({ file: `${temp.dir}/${name}.sqlite` }, { log: silentLogger })
  for (const account of testAccounts) saveBareAccount(cache, account)
  return cache
}

/** Wall-clock and CPU milliseconds of `run` (CPU time of this process, all its threads). */
interface Took {
  ms: number
  cpuMs: number
}

function measure(run: () => void): Took {
  const start = performance.now()
  const cpu = process.cpuUsage()
  run()
  const used = process.cpuUsage(cpu)
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 }
}

/**
 * Records a timing and its ratio to the floor, in wall-clock time and in CPU time. On a machine
 * shared with other work the CPU ratio is the steadier of the two: it does not count the time
 * other processes held the cores.
 */
function recordVsFloor(name: string, took: Took, floor: Took): void {
  recordFigure(`cache.${name}_100k`, { value: took.ms, unit: 'ms' })
  recordFigure(`cache.${name}_vs_floor`, { value: took.ms / floor.ms, unit: 'x', target: '<= 2' })
  recordFigure(`cache.${name}_vs_floor_cpu`, {
    value: took.cpuMs / floor.cpuMs,
    unit: 'x',
    target: '<= 2',
  })
}

beforeAll(() => {
  temp = makeTempDir('freightdesk-bench-')
  freights = makeFreights(count, 42)
  const byAccount = new Map<string, NormalizedFreight[]>(
    testAccounts.map((account) => [account.id, []]),
  )
  let transeu = 0
  for (const freight of freights) {
    const accountId =
      freight.provider === 'spotgo'
        ? 'spotgo-krakow'
        : transeu++ % 2 === 0
          ? 'transeu-krakow'
          : 'transeu-wroclaw'
    byAccount.get(accountId)!.push(freight)
  }
  batches = [...byAccount]
})

afterAll(() => temp.remove())

/** Typical grid queries: each is one `freights.query` with the facets, as the grid asks. */
const queries: Record<string, FreightQueryInput> = {
  default_sort_loading: {},
  active_only: { statuses: ['active'] },
  text_place_lodz: { text: 'lodz' },
  text_reference_prefix: { text: 'FR/2026/03/1' },
  loading_pl_one_week: {
    loading: { countries: ['PL'], dateFrom: '2026-03-02', dateTo: '2026-03-08' },
  },
  cooler_eur_over_1000_by_price: {
    truckBodies: ['cooler', 'isotherm'],
    price: { min: 1000, currencies: ['EUR'] },
    sort: [{ column: 'price', direction: 'desc' }],
  },
  transeu_account_open_by_created: {
    providers: ['transeu'],
    accountIds: ['transeu-krakow'],
    statuses: ['active', 'publishing', 'draft'],
    sort: [{ column: 'createdAt', direction: 'desc' }],
  },
  unloading_de_postal_4: {
    unloading: { countries: ['DE'], postalCodePrefix: '4' },
    sort: [{ column: 'unloadingStart', direction: 'asc' }],
  },
  loading_locality_wroc_solo: {
    loading: { locality: 'wroc' },
    vehicleSizes: ['solo'],
  },
  unseen_page_50_by_date_desc: {
    seen: false,
    offset: 4900,
    sort: [{ column: 'loadingDate', direction: 'desc' }],
  },
  with_gone_country_then_price: {
    includeGone: true,
    sort: [
      { column: 'loadingCountry', direction: 'asc' },
      { column: 'price', direction: 'desc' },
    ],
  },
  exchange_text_muller_by_reference: {
    publicationTypes: ['exchange'],
    text: 'müller',
    sort: [{ column: 'reference', direction: 'asc' }],
  },
  deep_page_offset_90000: { offset: 90_000, includeGone: true },
}

/**
 * The floor: the very rows the upsert leaves in the cache (freight rows, details, count rows and
 * search rows), computed beforehand and written with plain prepared INSERTs in one transaction,
 * in the order the upsert writes them, into a fresh file with the same schema (indexes and
 * triggers included). All the upsert does beyond it is its own work: looking up each freight,
 * hashing it and mapping it to those rows.
 */
function measureFloor(): Took {
  const prepared = batches.map(([accountId, batch]) => ({
    accountId,
    rows: batch.map((freight) => ({ derived: deriveFreight(freight), hash: contentHash(freight) })),
  }))
  const floorCache = openFresh('floor')
  const db = floorCache.db
  const insert = db.prepare(
    `INSERT INTO freights (account_id, ${freightDataColumns.join(', ')}, content_hash,
       first_seen_at, last_seen_at, last_seen_run, changed_at)
     VALUES (?, ${freightDataColumns.map(() => '?').join(', ')}, ?, ?, ?, ?, ?)`,
  )
  const insertDetails = db.prepare(
    `INSERT INTO freight_details (freight_id, ${freightDetailColumns.join(', ')})
     VALUES (?, ${freightDetailColumns.map(() => '?').join(', ')})`,
  )
  const insertSearch = db.prepare('INSERT INTO freight_search (rowid, body) VALUES (?, ?)')
  const insertCounts = db.prepare(
    `INSERT INTO freight_counts (facet_key, truck_body_mask, gone, hidden, seen, account_id,
       freights) VALUES (?, ?, 0, 0, 0, ?, ?)`,
  )
  const countRows = new Map<string, [number, number, string, number]>()
  for (const { accountId, rows } of prepared) {
    for (const { derived } of rows) {
      const group = [derived.data.facet_key, derived.data.truck_body_mask, accountId] as const
      const key = group.join(' ')
      const counted = countRows.get(key)
      if (counted) counted[3]++
      else countRows.set(key, [group[0] as number, group[1] as number, accountId, 1])
    }
  }
  const at = Date.now()
  const floor = measure(() =>
    db.transaction(() => {
      const search: Array<[number, string]> = []
      for (const { accountId, rows } of prepared) {
        for (const { derived, hash } of rows) {
          const values = freightDataColumns.map((column) => derived.data[column])
          const id = Number(
            insert.run(accountId, ...values, hash, at, at, 'floor', at).lastInsertRowid,
          )
          insertDetails.run(id, ...freightDetailColumns.map((column) => derived.details[column]))
          search.push([id, derived.search])
        }
      }
      for (const row of countRows.values()) insertCounts.run(...row)
      for (const [id, body] of search) insertSearch.run(id, body)
    })(),
  )
  floorCache.close()
  return floor
}

describe('cache', () => {
  let cache: Cache

  test('upsert 100,000 freights against the plain-insert floor', () => {
    const floor = measureFloor()
    // The floor's precomputed rows are garbage by now; collect them before the upsert is timed,
    // so that it does not pay for them.
    globalThis.gc?.()

    cache = openFresh('cache')
    // One batch (one transaction) per account: freights of three accounts.
    const inserted = measure(() => {
      for (const [accountId, batch] of batches)
        cache.freights.upsertBatch(accountId, 'run-1', batch)
    })
    const unchanged = measure(() => {
      for (const [accountId, batch] of batches)
        cache.freights.upsertBatch(accountId, 'run-2', batch)
    })
    // A realistic re-sync: one freight in ten changed its status word or price since the last run.
    const resync = batches.map(
      ([accountId, batch]) =>
        [
          accountId,
          batch.map((freight, index) =>
            index % 10 === 0
              ? {
                  ...freight,
                  statusRaw: `${freight.statusRaw} `,
                  price: freight.price && { ...freight.price, value: freight.price.value + 10 },
                }
              : freight,
          ),
        ] as const,
    )
    const resynced = measure(() => {
      for (const [accountId, batch] of resync) cache.freights.upsertBatch(accountId, 'run-3', batch)
    })
    // How a sync really writes: one transaction per page of 100.
    const pageMs: number[] = []
    for (const [accountId, batch] of batches) {
      for (let offset = 0; offset < batch.length; offset += 100) {
        const page = batch.slice(offset, offset + 100)
        pageMs.push(measure(() => cache.freights.upsertBatch(accountId, 'run-4', page)).ms)
      }
    }

    recordFigure('cache.floor_insert_100k', { value: floor.ms, unit: 'ms' })
    recordFigure('cache.floor_insert_100k_cpu', { value: floor.cpuMs, unit: 'ms' })
    recordVsFloor('upsert_insert', inserted, floor)
    recordVsFloor('upsert_unchanged', unchanged, floor)
    recordVsFloor('upsert_resync_10pct_changed', resynced, floor)
    recordFigure('cache.upsert_page_of_100_p95', { value: percentiles(pageMs).p95, unit: 'ms' })

    // What the dispatcher did locally: a tenth seen, a few hidden or noted; and a run that no
    // longer saw one freight in seven of one account.
    const ids = cache.db.prepare('SELECT id FROM freights ORDER BY id').pluck().all() as number[]
    const annotate = (chosen: number[], patch: Parameters<Cache['freights']['annotate']>[1]) => {
      for (let start = 0; start < chosen.length; start += 1000) {
        cache.freights.annotate(chosen.slice(start, start + 1000), patch)
      }
    }
    annotate(
      ids.filter((id) => id % 10 === 0),
      { seen: true },
    )
    annotate(
      ids.filter((id) => id % 97 === 0),
      { hidden: true },
    )
    annotate(
      ids.filter((id) => id % 50 === 0),
      { note: 'Klient prosi o awizację; rampa 4', tags: ['pilne'] },
    )
    const [goneAccount, goneBatch] = batches[1]!
    cache.freights.upsertBatch(
      goneAccount,
      'run-5',
      goneBatch.filter((_, index) => index % 7 !== 0),
    )
    cache.freights.markGone(goneAccount, 'run-5')
    cache.close()
    recordFigure('cache.file_size_100k', {
      value: statSync(`${temp.dir}/cache.sqlite`).size / 1024 / 1024,
      unit: 'MB',
    })
  })

  test('typical grid queries over 100,000 freights (page of 100 + total + facets)', () => {
    let reopened!: Cache
    const opening = measure(() => {
      reopened = openCache({ file: `${temp.dir}/cache.sqlite` }, { log: silentLogger })
    })
    recordFigure('cache.open_with_integrity_check_100k', { value: opening.ms, unit: 'ms' })
    cache = reopened

    for (const [name, input] of Object.entries(queries)) {
      const query = FreightQuery.parse({ ...input, withFacets: true })
      const samples: number[] = []
      const cpuSamples: number[] = []
      for (let run = 0; run < warmups + runs; run++) {
        const took = measure(() => cache.queries.page(query))
        if (run < warmups) continue
        samples.push(took.ms)
        cpuSamples.push(took.cpuMs)
      }
      const { p50, p95 } = percentiles(samples)
      recordFigure(`cache.query.${name}.p50`, { value: p50, unit: 'ms' })
      recordFigure(`cache.query.${name}.p95`, { value: p95, unit: 'ms', target: '< 25' })
      recordFigure(`cache.query.${name}.cpu_p95`, {
        value: percentiles(cpuSamples).p95,
        unit: 'ms',
      })
    }
    cache.close()
  })
})
