/**
 * The sync's side of the cache: batch upserts and their counts, unchanged rows left alone,
 * gone and reappearing freights, annotations that survive every sync, one freight read back,
 * and the trigger-kept counts staying equal to a recount.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  publicationTypes,
  truckBodies,
  vehicleSizes,
  type NormalizedFreight,
  type TruckBody,
} from '@shared/domain/freight'
import { FreightQuery, type FreightQueryInput } from '@shared/domain/freight-query'
import type { Cache } from '../../../electron/main/cache'
import { openTestCache, testAccounts, type TestCache, saveBareAccount } from '../../support/cache'
import { makeFreight, makeFreights } from '../../support/freight-factory'

let opened: TestCache
let cache: Cache
let clock: number

beforeEach(() => {
  clock = Date.UTC(2026, 2, 1, 8)
  opened = openTestCache({ now: () => new Date(clock) })
  cache = opened.cache
  for (const account of testAccounts) saveBareAccount(cache, account)
})

afterEach(() => opened.remove())

/** Lets the cache's clock move on, so that times written by different calls differ. */
function later(minutes = 1): void {
  clock += minutes * 60_000
}

function transeu(count: number, seed: number): NormalizedFreight[] {
  return makeFreights(count, seed, { provider: 'transeu' })
}

function idOf(providerId: string, accountId = 'transeu-krakow'): number {
  return cache.db
    .prepare('SELECT id FROM freights WHERE account_id = ? AND provider_id = ?')
    .pluck()
    .get(accountId, providerId) as number
}

function total(input: FreightQueryInput = {}): number {
  return cache.queries.page(FreightQuery.parse(input)).total
}

function searchTotal(text: string): number {
  return total({ text, includeGone: true, includeHidden: true })
}

/** The trigger-kept counts equal a recount of the freights. */
function expectCountsMatchFreights(): void {
  const kept = cache.db
    .prepare(
      `SELECT facet_key, truck_body_mask, gone, hidden, seen, account_id, freights
       FROM freight_counts ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all()
  const recounted = cache.db
    .prepare(
      `SELECT facet_key, truck_body_mask, gone_at IS NOT NULL AS gone, local_hidden AS hidden,
         local_seen AS seen, account_id, count(*) AS freights
       FROM freights GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all()
  expect(kept).toEqual(recounted)
}

/** The freight as the cache should give it back: sets in vocabulary order. */
function asStored(freight: NormalizedFreight): NormalizedFreight {
  const ordered = <T extends string>(values: readonly T[], vocabulary: readonly T[]) =>
    vocabulary.filter((value) => values.includes(value))
  return {
    ...freight,
    truckBodies: ordered(freight.truckBodies, truckBodies),
    vehicleSizes: ordered(freight.vehicleSizes, vehicleSizes),
    publication: {
      ...freight.publication,
      types: ordered(freight.publication.types, publicationTypes),
    },
  }
}

describe('upsertBatch', () => {
  it('counts inserted, changed and unchanged freights', () => {
    const first = transeu(20, 1)
    expect(cache.freights.upsertBatch('transeu-krakow', 'run-1', first)).toEqual({
      inserted: 20,
      changed: 0,
      unchanged: 0,
      reappeared: 0,
    })
    const second = [
      ...first.slice(0, 15),
      ...first.slice(15).map((freight, index) => ({ ...freight, reference: `FR/NEW/${index}` })),
      ...transeu(5, 2),
    ]
    expect(cache.freights.upsertBatch('transeu-krakow', 'run-2', second)).toEqual({
      inserted: 5,
      changed: 5,
      unchanged: 15,
      reappeared: 0,
    })
    expect(total({ includeGone: true })).toBe(25)
    expectCountsMatchFreights()
  })

  it('does not rewrite an unchanged freight, only notes that the run saw it', () => {
    const [freight] = transeu(1, 3)
    cache.freights.upsertBatch('transeu-krakow', 'run-1', [freight!])
    const id = idOf(freight!.providerId)
    const before = cache.freights.get(id)!.freight
    // A change the sync did not make: if the row were rewritten, it would be undone.
    cache.db.prepare("UPDATE freights SET status_raw = 'left alone' WHERE id = ?").run(id)
    later()
    const counts = cache.freights.upsertBatch('transeu-krakow', 'run-2', [freight!])
    expect(counts.unchanged).toBe(1)
    const after = cache.freights.get(id)!.freight
    expect(after.statusRaw).toBe('left alone')
    expect(after.changedAt).toBe(before.changedAt)
    expect(after.firstSeenAt).toBe(before.firstSeenAt)
    expect(after.lastSeenAt).toBe(new Date(clock).toISOString())
    expect(cache.db.prepare('SELECT last_seen_run FROM freights').pluck().get()).toBe('run-2')
  })

  it('rewrites a changed freight with everything it now says, search text included', () => {
    const [freight] = transeu(1, 4)
    cache.freights.upsertBatch('transeu-krakow', 'run-1', [freight!])
    const id = idOf(freight!.providerId)
    const changed: NormalizedFreight = {
      ...freight!,
      reference: 'FR/2026/04/NEW1',
      price: { value: 1234, currency: 'PLN', paymentTermDays: 30 },
      raw: { id: Number(freight!.providerId), changed: true },
    }
    later()
    expect(cache.freights.upsertBatch('transeu-krakow', 'run-2', [changed]).changed).toBe(1)
    const stored = cache.freights.get(id)!.freight
    expect(stored.reference).toBe('FR/2026/04/NEW1')
    expect(stored.price).toEqual({ value: 1234, currency: 'PLN', paymentTermDays: 30 })
    expect(stored.raw).toEqual({ id: Number(freight!.providerId), changed: true })
    expect(stored.changedAt).toBe(new Date(clock).toISOString())
    expect(searchTotal('fr202604new1')).toBe(1)
    expect(searchTotal(freight!.reference!)).toBe(0)
  })

  it('gives every field back as it was stored', () => {
    const freights = makeFreights(60, 5)
    const spotgo = freights.filter((freight) => freight.provider === 'spotgo')
    const trans = freights.filter((freight) => freight.provider === 'transeu')
    cache.freights.upsertBatch('spotgo-krakow', 'run-1', spotgo)
    cache.freights.upsertBatch('transeu-krakow', 'run-1', trans)
    for (const freight of freights) {
      const account = freight.provider === 'spotgo' ? 'spotgo-krakow' : 'transeu-krakow'
      const detail = cache.freights.get(idOf(freight.providerId, account))!
      const { id, accountId, firstSeenAt, lastSeenAt, changedAt, goneAt, ...normalized } =
        detail.freight
      expect(normalized).toEqual(asStored(freight))
      expect(accountId).toBe(account)
      expect(id).toBe(detail.annotation.freightId)
      expect([firstSeenAt, lastSeenAt, changedAt]).toEqual(
        Array(3).fill(new Date(clock).toISOString()),
      )
      expect(goneAt).toBeNull()
    }
  })

  it('keeps a freight without price, temperature, coordinates or contacts as it is', () => {
    const bare = makeFreight({
      provider: 'transeu',
      price: null,
      temperature: null,
      contacts: [],
      reference: null,
      externalNumber: null,
      updatedAt: null,
      transportType: null,
      truckBodies: [],
      vehicleSizes: [],
      dimensions: { length: null, width: null, height: null, volume: null },
      capacity: null,
      loadingMeters: null,
      publication: { state: 'unpublished', types: [] },
      raw: [1, 'two', { three: null }],
    })
    bare.loading = {
      ...bare.loading,
      place: {
        country: bare.loading.place.country,
        postalCode: bare.loading.place.postalCode,
        locality: bare.loading.place.locality,
      },
    }
    cache.freights.upsertBatch('transeu-krakow', 'run-1', [bare])
    const { freight } = cache.freights.get(idOf(bare.providerId))!
    expect(freight.loading).toEqual(bare.loading)
    expect(freight.raw).toEqual([1, 'two', { three: null }])
    expect(freight.contacts).toEqual([])
    expect(freight.price).toBeNull()
    expect(freight.temperature).toBeNull()
  })

  it('changes nothing when one freight of the batch cannot be stored', () => {
    const good = transeu(5, 6)
    cache.freights.upsertBatch('transeu-krakow', 'run-1', good.slice(0, 2))
    const bad = { ...good[4]!, truckBodies: ['spaceship' as TruckBody] }
    expect(() =>
      cache.freights.upsertBatch('transeu-krakow', 'run-2', [
        { ...good[0]!, status: 'archived' },
        good[2]!,
        good[3]!,
        bad,
      ]),
    ).toThrow(/spaceship/)
    expect(total({ includeGone: true })).toBe(2)
    expect(cache.freights.get(idOf(good[0]!.providerId))!.freight.status).toBe(good[0]!.status)
    expect(cache.db.prepare('SELECT count(*) FROM freight_search').pluck().get()).toBe(2)
    expectCountsMatchFreights()
  })

  it('refuses an unknown account, a run without id, and freights of another provider', () => {
    const [freight] = transeu(1, 7)
    expect(() => cache.freights.upsertBatch('nobody', 'run-1', [freight!])).toThrow(/account/)
    expect(() => cache.freights.upsertBatch('transeu-krakow', '', [freight!])).toThrow(/run/)
    expect(() => cache.freights.upsertBatch('spotgo-krakow', 'run-1', [freight!])).toThrow(
      /transeu/,
    )
    saveBareAccount(cache, { id: 'crego-1', provider: 'crego', name: 'Crego' })
    expect(() => cache.freights.upsertBatch('crego-1', 'run-1', [freight!])).toThrow(/crego/)
    expect(total({ includeGone: true })).toBe(0)
  })

  it('stores a freight listed twice in one batch once, as last listed', () => {
    const [freight] = transeu(1, 8)
    const counts = cache.freights.upsertBatch('transeu-krakow', 'run-1', [
      freight!,
      { ...freight!, reference: 'FR/TWICE/2' },
    ])
    expect(counts).toEqual({ inserted: 1, changed: 1, unchanged: 0, reappeared: 0 })
    expect(total()).toBe(1)
    expect(searchTotal('frtwice2')).toBe(1)
    expect(cache.db.prepare('SELECT count(*) FROM freight_search').pluck().get()).toBe(1)
    expectCountsMatchFreights()
  })

  it('stores a batch larger than one chunk, with repeats inside and across chunks, exactly', () => {
    const listed = transeu(1200, 12)
    const batch = [
      ...listed.slice(0, 700),
      { ...listed[3]!, reference: 'FR/AGAIN/3' },
      listed[699]!,
      ...listed.slice(700),
      { ...listed[1100]!, status: 'archived' as const, statusRaw: 'closed' },
    ]
    expect(cache.freights.upsertBatch('transeu-krakow', 'run-1', batch)).toEqual({
      inserted: 1200,
      changed: 2,
      unchanged: 1,
      reappeared: 0,
    })
    expect(cache.db.prepare('SELECT count(*) FROM freights').pluck().get()).toBe(1200)
    expectCountsMatchFreights()
    expect(total({ includeGone: true })).toBe(1200)
    expect(searchTotal('fragain3')).toBe(1)
    expect(total({ statuses: ['archived'], text: listed[1100]!.providerId })).toBe(1)
    expect(cache.db.prepare('SELECT count(*) FROM freight_search').pluck().get()).toBe(1200)
    expectCountsMatchFreights()
  })

  it('keeps the same provider id apart in two accounts', () => {
    const [freight] = transeu(1, 9)
    cache.freights.upsertBatch('transeu-krakow', 'run-1', [freight!])
    cache.freights.upsertBatch('transeu-wroclaw', 'run-1', [freight!])
    expect(total()).toBe(2)
    expect(idOf(freight!.providerId, 'transeu-krakow')).not.toBe(
      idOf(freight!.providerId, 'transeu-wroclaw'),
    )
  })
})

describe('markGone', () => {
  it('marks what a complete run did not see, and nothing of other accounts', () => {
    const freights = transeu(10, 10)
    cache.freights.upsertBatch('transeu-krakow', 'run-1', freights)
    cache.freights.upsertBatch('transeu-wroclaw', 'run-1', transeu(4, 11))
    later()
    cache.freights.upsertBatch('transeu-krakow', 'run-2', freights.slice(0, 7))
    expect(cache.freights.markGone('transeu-krakow', 'run-2')).toBe(3)
    expect(total()).toBe(7 + 4)
    expect(total({ includeGone: true })).toBe(14)
    const gone = cache.freights.get(idOf(freights[9]!.providerId))!.freight
    expect(gone.goneAt).toBe(new Date(clock).toISOString())
    expect(cache.freights.get(idOf(freights[0]!.providerId))!.freight.goneAt).toBeNull()
    // Marking again changes nothing: the gone stay gone since their first marking.
    later()
    expect(cache.freights.markGone('transeu-krakow', 'run-2')).toBe(0)
    expect(cache.freights.get(idOf(freights[9]!.providerId))!.freight.goneAt).toBe(gone.goneAt)
    expectCountsMatchFreights()
  })

  it('brings a gone freight back when a later run lists it again', () => {
    const freights = transeu(3, 12)
    cache.freights.upsertBatch('transeu-krakow', 'run-1', freights)
    cache.freights.upsertBatch('transeu-krakow', 'run-2', freights.slice(0, 2))
    cache.freights.markGone('transeu-krakow', 'run-2')
    expect(total()).toBe(2)
    const counts = cache.freights.upsertBatch('transeu-krakow', 'run-3', freights)
    expect(counts).toEqual({ inserted: 0, changed: 0, unchanged: 3, reappeared: 1 })
    expect(total()).toBe(3)
    expect(cache.freights.get(idOf(freights[2]!.providerId))!.freight.goneAt).toBeNull()
    // It also comes back when it changed while it was gone.
    cache.freights.upsertBatch('transeu-krakow', 'run-4', freights.slice(1))
    cache.freights.markGone('transeu-krakow', 'run-4')
    const changed = { ...freights[0]!, status: 'archived' as const }
    expect(cache.freights.upsertBatch('transeu-krakow', 'run-5', [changed])).toMatchObject({
      changed: 1,
      reappeared: 1,
    })
    expect(total({ statuses: ['archived'] })).toBe(1)
    expectCountsMatchFreights()
  })

  it('marks everything gone after a complete run that listed nothing, and deletes nothing', () => {
    cache.freights.upsertBatch('transeu-krakow', 'run-1', transeu(5, 13))
    expect(cache.freights.markGone('transeu-krakow', 'run-2')).toBe(5)
    expect(total()).toBe(0)
    expect(total({ includeGone: true })).toBe(5)
    expect(cache.db.prepare('SELECT count(*) FROM freight_details').pluck().get()).toBe(5)
  })
})

describe('annotations', () => {
  it('survive a sync that rewrites the freight, and stay searchable', () => {
    const [freight] = transeu(1, 14)
    cache.freights.upsertBatch('transeu-krakow', 'run-1', [freight!])
    const id = idOf(freight!.providerId)
    const { annotations } = cache.freights.annotate([id], {
      seen: true,
      hidden: true,
      note: 'Zadzwonić do Pana Żółkiewskiego',
      tags: ['pilne', 'ADR'],
    })
    expect(annotations).toMatchObject([{ freightId: id, seen: true, hidden: true }])
    cache.freights.upsertBatch('transeu-krakow', 'run-2', [
      { ...freight!, status: 'archived', reference: 'FR/CHANGED/1' },
    ])
    const detail = cache.freights.get(id)!
    expect(detail.freight.status).toBe('archived')
    expect(detail.annotation).toMatchObject({
      seen: true,
      hidden: true,
      note: 'Zadzwonić do Pana Żółkiewskiego',
      tags: ['pilne', 'ADR'],
    })
    expect(searchTotal('zolkiewskiego')).toBe(1)
    expect(searchTotal('adr')).toBe(1)
    expect(total()).toBe(0)
    expect(total({ includeHidden: true, seen: true })).toBe(1)
    expectCountsMatchFreights()
  })

  it('changes only the fields named, and replaces the search text of a new note', () => {
    const freights = transeu(3, 15)
    cache.freights.upsertBatch('transeu-krakow', 'run-1', freights)
    const ids = freights.map((freight) => idOf(freight.providerId))
    cache.freights.annotate(ids, { note: 'rampa cztery' })
    later()
    const { annotations } = cache.freights.annotate([ids[0]!], { seen: true })
    expect(annotations[0]).toMatchObject({ note: 'rampa cztery', seen: true, hidden: false })
    expect(annotations[0]!.updatedAt).toBe(new Date(clock).toISOString())
    expect(searchTotal('cztery')).toBe(3)
    cache.freights.annotate([ids[1]!], { note: 'rampa piec' })
    expect(searchTotal('cztery')).toBe(2)
    expect(searchTotal('piec')).toBe(1)
    expect(cache.freights.get(ids[2]!)!.annotation.tags).toEqual([])
  })

  it('changes nothing when one of the freights is not cached', () => {
    const [freight] = transeu(1, 16)
    cache.freights.upsertBatch('transeu-krakow', 'run-1', [freight!])
    const id = idOf(freight!.providerId)
    expect(cache.freights.annotate([id, 999_999], { seen: true })).toEqual({
      annotations: [],
      missing: [999_999],
    })
    expect(cache.freights.get(id)!.annotation.seen).toBe(false)
  })

  it('reads an unannotated freight as unseen, visible and without note', () => {
    const [freight] = transeu(1, 17)
    cache.freights.upsertBatch('transeu-krakow', 'run-1', [freight!])
    const id = idOf(freight!.providerId)
    expect(cache.freights.get(id)!.annotation).toEqual({
      freightId: id,
      seen: false,
      hidden: false,
      note: '',
      tags: [],
      updatedAt: null,
    })
    expect(cache.freights.get(id + 1000)).toBeNull()
  })
})

describe('accounts', () => {
  it('lists every account that owns freights by name, for the account filter', () => {
    saveBareAccount(cache, { id: 'transeu-krakow', provider: 'transeu', name: 'Kraków (main)' })
    expect(cache.accounts.names().map((account) => account.id)).toEqual([
      'transeu-krakow',
      'spotgo-krakow',
      'transeu-krakow'.replace('krakow', 'wroclaw'),
    ])
  })

  it('removing an account removes its freights, details, annotations, search rows and counts', () => {
    const freights = transeu(6, 18)
    cache.freights.upsertBatch('transeu-krakow', 'run-1', freights)
    cache.freights.upsertBatch('transeu-wroclaw', 'run-1', transeu(2, 19))
    cache.freights.annotate([idOf(freights[0]!.providerId)], { note: 'x', seen: true })
    cache.db.prepare("DELETE FROM accounts WHERE id = 'transeu-krakow'").run()
    const count = (table: string) =>
      cache.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
    expect(count('freights')).toBe(2)
    expect(count('freight_details')).toBe(2)
    expect(count('freight_annotations')).toBe(0)
    expect(count('freight_search')).toBe(2)
    expect(total({ includeGone: true, includeHidden: true })).toBe(2)
    expectCountsMatchFreights()
  })
})
