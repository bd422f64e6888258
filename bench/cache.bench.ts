/**
 * The offline cache with 100,000 realistic freights: upsert against a plain prepared-statement
 * insert of the same rows (the floor), and p50/p95 of typical grid queries (a page of 100 rows,
 * the total count and the facet counts, as the grid asks for them together).
 */
import { statSync } from 'node:fs'
import { afterAll, beforeAll, describe, test } from 'vitest'
import type { NormalizedFreight } from '@shared/domain/freight'
import { FreightFilter, FreightQuery, type FreightQueryInput } from '@shared/domain/freight-query'
import { openCache, type Cache } from '../electron/main/cache'
import {
  contentHash,
  freightDataColumns,
  searchDocument,
  toDataRow,
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
  const byAccount = new Map<string, NormalizedFreight[]>()
  let transeu = 0
  for (const freight of freights) {
    const accountId =
      freight.provider === 'spotgo'
        ? 'spotgo-krakow'
        : transeu++ % 2 === 0
          ? 'transeu-krakow'
          : 'transeu-wroclaw'
    byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), freight])
  }
  batches = [...byAccount]
})

afterAll(() => temp.remove())

describe('cache', () => {
  let cache: Cache

  test('upsert 100,000 freights against the plain-insert floor', () => {
    // The floor: the very rows the upsert writes (freight rows, payloads, search rows), computed
    // beforehand and inserted with plain prepared statements in one transaction.
    const prepared = batches.map(([accountId, batch]) => ({
      accountId,
      rows: batch.map((freight) => {
        const row = toDataRow(freight)
        return { row, hash: contentHash(row), search: searchDocument(row, null, freight.contacts) }
      }),
    }))
    const floorCache = openFresh('floor')
    const db = floorCache.db
    const columns = freightDataColumns.join(', ')
    const insert = db.prepare(
      `INSERT INTO freights (account_id, ${columns}, content_hash, first_seen_at, last_seen_at,
         last_seen_run, changed_at) VALUES (?, ${freightDataColumns.map(() => '?').join(', ')}, ?, ?, ?, ?, ?)`,
    )
    const insertPayload = db.prepare('INSERT INTO freight_payloads (freight_id, raw) VALUES (?, ?)')
    const insertSearch = db.prepare('INSERT INTO freight_search (rowid, body) VALUES (?, ?)')
    const at = new Date().toISOString()
    const floorMs = time(() =>
      db.transaction(() => {
        // Table by table: the fastest plain order (FTS5 prefers its rows together).
        const ids: number[][] = prepared.map(({ accountId, rows }) =>
          rows.map(({ row, hash }) => {
            const values = freightDataColumns.map((column) => row[column])
            return Number(
              insert.run(accountId, ...values, hash, at, at, 'floor', at).lastInsertRowid,
            )
          }),
        )
        prepared.forEach(({ rows }, batch) =>
          rows.forEach(({ row }, index) => insertPayload.run(ids[batch]![index]!, row.raw)),
        )
        prepared.forEach(({ rows }, batch) =>
          rows.forEach(({ search }, index) => insertSearch.run(ids[batch]![index]!, search)),
        )
      })(),
    )
    floorCache.close()

    cache = openFresh('cache')
    // One batch (one transaction) per account: freights of three accounts.
    const insertMs = time(() => {
      for (const [accountId, batch] of batches) cache.freights.upsertBatch(accountId, 'run-1', batch)
    })
    const unchangedMs = time(() => {
      for (const [accountId, batch] of batches)
        cache.freights.upsertBatch(accountId, 'run-2', batch)
    })
    // A realistic re-sync: one freight in ten changed its status or price since the last run.
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
    // longer saw one freight in twenty.
    const ids = cache.db.prepare('SELECT id FROM freights ORDER BY id').pluck().all() as number[]
    cache.freights.annotate(
      ids.filter((id) => id % 10 === 0),
      { seen: true },
    )
    cache.freights.annotate(
      ids.filter((id) => id % 97 === 0),
      { hidden: true },
    )
    cache.freights.annotate(
      ids.filter((id) => id % 50 === 0),
      {
        note: 'Klient prosi o awizację; rampa 4',
        tags: ['pilne'],
      },
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

    for (const [name, input] of Object.entries(queries)) {
      const query = FreightQuery.parse(input)
      const filter = FreightFilter.parse(
        Object.fromEntries(
          Object.entries(input).filter(
            ([key]) => !['sort', 'offset', 'limit', 'columns'].includes(key),
          ),
        ),
      )
      const samples: number[] = []
      for (let run = 0; run < warmups + runs; run++) {
        const ms = time(() => {
          cache.queries.page(query)
          cache.queries.facets(filter)
        })
        if (run >= warmups) samples.push(ms)
      }
      const { p50, p95 } = percentiles(samples)
      recordFigure(`cache.query.${name}.p50`, { value: p50, unit: 'ms' })
      recordFigure(`cache.query.${name}.p95`, { value: p95, unit: 'ms', target: '< 25' })
    }
    cache.close()
  })
})
