/**
 * Builds a cache file the way the app's own code fills it (openCache, accounts, upsertBatch,
 * markGone, annotate), for end-to-end tests and benchmarks that start a web host on it. Freights
 * come from the deterministic factory; some are gone (a later complete run did not list them),
 * some hidden, seen or annotated, and the last ones arrive in a later sync, so "new since you last
 * looked" has something to mark. Returns what each freight became, for the query oracle.
 */
import type { NormalizedFreight } from '@shared/domain/freight'
import { FreightQuery, maxPageSize } from '@shared/domain/freight-query'
import { openCache } from '../../electron/main/cache'
import { silentLogger } from '../../electron/main/log'
import { seedCache, testAccounts } from './cache'
import { makeFreights } from './freight-factory'
import type { OracleEntry } from './freight-oracle'
import { seededNote, seededTag, seedTimes } from './seed-constants'

export { seededNote, seedTimes }

export interface SeedOptions {
  count: number
  seed: number
  /** Every n-th freight of the first sync is not listed by the second, complete run: gone. */
  goneEvery?: number
  /** Every n-th freight is hidden by the dispatcher. */
  hiddenEvery?: number
  /** Every n-th freight was opened (seen). */
  seenEvery?: number
  /** Every n-th freight carries a note and a tag. */
  noteEvery?: number
  /** How many of the `count` freights arrive only in the later sync. */
  late?: number
}

/** An oracle entry plus when the cache first stored it. */
export interface SeededEntry extends OracleEntry {
  firstSeenAt: string
}

export interface SeededCache {
  file: string
  entries: SeededEntry[]
}

export function buildSeededCache(dataDir: string, options: SeedOptions): SeededCache {
  let clock = new Date(seedTimes.firstSync)
  const cache = openCache({ dataDir }, { log: silentLogger, now: () => clock })
  try {
    const freights = makeFreights(options.count, options.seed)
    const late = options.late ?? 0
    const first = freights.slice(0, freights.length - late)
    const later = freights.slice(freights.length - late)
    const accountOf = seedCache(cache, first, 'first')

    const goneEvery = options.goneEvery ?? 0
    if (goneEvery > 0) {
      clock = new Date(Date.parse(seedTimes.firstSync) + 3_600_000)
      const listed = new Map<string, NormalizedFreight[]>()
      first.forEach((freight, index) => {
        const accountId = accountOf.get(freight.providerId)!
        if (!listed.has(accountId)) listed.set(accountId, [])
        if (index % goneEvery !== goneEvery - 1) listed.get(accountId)!.push(freight)
      })
      for (const [accountId, batch] of listed) {
        cache.freights.upsertBatch(accountId, 'second', batch)
        cache.freights.markGone(accountId, 'second')
      }
    }

    if (later.length > 0) {
      clock = new Date(seedTimes.laterSync)
      const byAccount = new Map<string, NormalizedFreight[]>()
      later.forEach((freight, index) => {
        const accounts = testAccounts.filter((account) => account.provider === freight.provider)
        const account = accounts[index % accounts.length]!
        accountOf.set(freight.providerId, account.id)
        if (!byAccount.has(account.id)) byAccount.set(account.id, [])
        byAccount.get(account.id)!.push(freight)
      })
      for (const [accountId, batch] of byAccount) {
        cache.freights.upsertBatch(accountId, 'later', batch)
      }
    }

    // What the cache made of each freight, read through its query API (not its tables).
    const stored = new Map<
      string,
      {
        id: number
        goneAt: string | null
        firstSeenAt: string
        lastSeenAt: string
        changedAt: string
      }
    >()
    for (let offset = 0; ; offset += maxPageSize) {
      const page = cache.queries.page(
        FreightQuery.parse({
          includeGone: true,
          includeHidden: true,
          sort: [{ column: 'id', direction: 'asc' }],
          columns: ['accountId', 'providerId', 'goneAt', 'firstSeenAt', 'lastSeenAt', 'changedAt'],
          offset,
          limit: maxPageSize,
        }),
      )
      for (const row of page.rows) {
        stored.set(`${String(row.accountId)}/${String(row.providerId)}`, {
          id: row.id,
          goneAt: row.goneAt ?? null,
          firstSeenAt: String(row.firstSeenAt),
          lastSeenAt: String(row.lastSeenAt),
          changedAt: String(row.changedAt),
        })
      }
      if (page.rows.length < maxPageSize) break
    }
    const names = new Map(testAccounts.map((account) => [account.id, account.name]))

    const entries: SeededEntry[] = freights.map((freight) => {
      const accountId = accountOf.get(freight.providerId)!
      const row = stored.get(`${accountId}/${freight.providerId}`)!
      return {
        id: row.id,
        accountId,
        accountName: names.get(accountId)!,
        freight,
        seen: false,
        hidden: false,
        note: '',
        tags: [],
        goneAt: row.goneAt,
        firstSeenAt: row.firstSeenAt,
        lastSeenAt: row.lastSeenAt,
        changedAt: row.changedAt,
      }
    })

    const every = (n: number | undefined, index: number) =>
      n !== undefined && n > 0 && index % n === n - 1
    entries.forEach((entry, index) => {
      const patch: { seen?: boolean; hidden?: boolean; note?: string; tags?: string[] } = {}
      if (every(options.hiddenEvery, index)) patch.hidden = true
      if (every(options.seenEvery, index)) patch.seen = true
      if (every(options.noteEvery, index)) {
        patch.note = seededNote(index)
        patch.tags = [seededTag]
      }
      if (Object.keys(patch).length === 0) return
      cache.freights.annotate([entry.id], patch)
      entry.hidden = patch.hidden ?? false
      entry.seen = patch.seen ?? false
      entry.note = patch.note ?? ''
      entry.tags = patch.tags ?? []
    })
    return { file: cache.file, entries }
  } finally {
    cache.close()
  }
}
