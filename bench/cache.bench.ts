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
import { testAccounts } from '../test/support/cache'
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
  for (const account of testAccounts) cache.freights.saveAccount(account)
  return cache
}

function time(run: () => void): number {
  const start = performance.now()
  run()
  return performance.now() - start
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
 * The floor: the very rows the upsert writes (freight rows, details, search rows), computed
 * beforehand and inserted with plain prepared statements in one transaction, in the order the
 * upsert writes them, into a fresh file with the same schema (indexes and triggers included).
 */
function measureFloor(): number {
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
  const at = Date.now()
  const floorMs = time(() =>
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
      for (const [id, body] of search) insertSearch.run(id, body)
    })(),
  )
  floorCache.close()
  return floorMs
}

describe('cache', () => {
  let cache: Cache

  test('upsert 100,000 freights against the plain-insert floor', () => {
    const floorMs = measureFloor()
    // The floor's precomputed rows are garbage by now; collect them before the upsert is timed,
    // so that it does not pay for them.
    globalThis.gc?.()

    cache = openFresh('cache')
    // One batch (one transaction) per account: freights of three accounts.
    const insertMs = time(() => {
      for (const [accountId, batch] of batches)
        cache.freights.upsertBatch(accountId, 'run-1', batch)
    })
    const unchangedMs = time(() => {
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
    const resyncMs = time(() => {
      for (const [accountId, batch] of resync) cache.freights.upsertBatch(accountId, 'run-3', batch)
    })
    // How a sync really writes: one transaction per page of 100.
    const pageMs: number[] = []
    for (const [accountId, batch] of batches) {
      for (let offset = 0; offset < batch.length; offset += 100) {
        const page = batch.slice(offset, offset + 100)
        pageMs.push(time(() => cache.freights.upsertBatch(accountId, 'run-4', page)))
      }
    }

    recordFigure('cache.floor_insert_100k', { value: floorMs, unit: 'ms' })
    recordFigure('cache.upsert_insert_100k', { value: insertMs, unit: 'ms' })
    recordFigure('cache.upsert_insert_vs_floor', {
      value: insertMs / floorMs,
      unit: 'x',
      target: '<= 2',
    })
    recordFigure('cache.upsert_unchanged_100k', { value: unchangedMs, unit: 'ms' })
    recordFigure('cache.upsert_unchanged_vs_floor', {
      value: unchangedMs / floorMs,
      unit: 'x',
      target: '<= 2',
    })
    recordFigure('cache.upsert_resync_10pct_changed_100k', { value: resyncMs, unit: 'ms' })
    recordFigure('cache.upsert_resync_vs_floor', {
      value: resyncMs / floorMs,
      unit: 'x',
      target: '<= 2',
    })
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
    const openMs = time(() => {
      reopened = openCache({ file: `${temp.dir}/cache.sqlite` }, { log: silentLogger })
    })
    recordFigure('cache.open_with_integrity_check_100k', { value: openMs, unit: 'ms' })
    cache = reopened

    for (const [name, input] of Object.entries(queries)) {
      const query = FreightQuery.parse({ ...input, withFacets: true })
      const samples: number[] = []
      for (let run = 0; run < warmups + runs; run++) {
        const ms = time(() => cache.queries.page(query))
        if (run >= warmups) samples.push(ms)
      }
      const { p50, p95 } = percentiles(samples)
      recordFigure(`cache.query.${name}.p50`, { value: p50, unit: 'ms' })
      recordFigure(`cache.query.${name}.p95`, { value: p95, unit: 'ms', target: '< 25' })
    }
    cache.close()
  })
})
