import type Database from 'better-sqlite3'
import type { NormalizedFreight, Provider } from '@shared/domain/freight'
import { openCache, type Cache } from '../../electron/main/cache'
import type { Logger } from '../../electron/main/log'
import type { OracleEntry } from './freight-oracle'
import { createRecordingLogger } from './recording-logger'
import { makeTempDir } from './temp-dir'

export interface TestAccount {
  id: string
  provider: Provider
  name: string
}

/** Two Trans.eu accounts and one SpotGo account, as a forwarding office might have. */
export const testAccounts: readonly TestAccount[] = [
  { id: 'spotgo-krakow', provider: 'spotgo', name: 'SpotGo Kraków' },
  { id: 'transeu-krakow', provider: 'transeu', name: 'Trans.eu Kraków' },
  { id: 'transeu-wroclaw', provider: 'transeu', name: 'Trans.eu Wrocław' },
]

/**
 * Files an account row that owns freights and nothing else (no settings, no secrets): what an
 * account removed with its freights kept leaves behind, and all the cache's own tests need.
 */
export function saveBareAccount(
  target: Cache | Database.Database,
  account: { id: string; provider: Provider | 'crego'; name: string },
  createdAt = '2026-01-01T00:00:00.000Z',
): void {
  const db = 'db' in target ? target.db : target
  db.prepare(
    `INSERT INTO accounts (id, provider, name, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
  ).run(account.id, account.provider, account.name, createdAt)
}

export interface TestCache {
  cache: Cache
  dir: string
  log: ReturnType<typeof createRecordingLogger>
  /** Closes the cache and removes its folder. */
  remove(): void
}

/** A real cache file in a fresh temporary folder. */
export function openTestCache(options: { now?: () => Date; log?: Logger } = {}): TestCache {
  const temp = makeTempDir('freightdesk-cache-')
  const log = createRecordingLogger()
  const cache = openCache(
    { dataDir: temp.dir },
    { log: options.log ?? log, ...(options.now ? { now: options.now } : {}) },
  )
  return {
    cache,
    dir: temp.dir,
    log,
    remove() {
      cache.close()
      temp.remove()
    },
  }
}

/** Which account each freight went to, by provider id. */
export type AccountOf = Map<string, string>

/**
 * Creates the test accounts and stores `freights` in them: SpotGo freights in the SpotGo account,
 * Trans.eu freights alternately in the two Trans.eu accounts. One batch per account.
 */
export function seedCache(
  cache: Cache,
  freights: readonly NormalizedFreight[],
  runId = 'seed',
): AccountOf {
  for (const account of testAccounts) saveBareAccount(cache, account)
  const batches = new Map<string, NormalizedFreight[]>()
  const accountOf: AccountOf = new Map()
  let transeuIndex = 0
  for (const freight of freights) {
    const accounts = testAccounts.filter((account) => account.provider === freight.provider)
    const account =
      freight.provider === 'transeu' ? accounts[transeuIndex++ % accounts.length]! : accounts[0]!
    accountOf.set(freight.providerId, account.id)
    let batch = batches.get(account.id)
    if (!batch) batches.set(account.id, (batch = []))
    batch.push(freight)
  }
  for (const [accountId, batch] of batches) cache.freights.upsertBatch(accountId, runId, batch)
  return accountOf
}

interface StoredFacts {
  id: number
  account_id: string
  provider_id: string
  gone_at: number | null
  first_seen_at: number
  last_seen_at: number
  changed_at: number
  seen: number | null
  hidden: number | null
  note: string | null
  tags: string | null
}

/**
 * What the test knows of every cached freight, for the oracle: the freight as it was given
 * (looked up by account and provider id among `freights`), its local id, account and local facts
 * as the cache holds them.
 */
export function oracleEntries(
  cache: Cache,
  freights: readonly NormalizedFreight[],
  accountOf: AccountOf,
): OracleEntry[] {
  const byKey = new Map(
    freights.map((freight) => [
      `${accountOf.get(freight.providerId)}|${freight.providerId}`,
      freight,
    ]),
  )
  const names = new Map(cache.accounts.names().map((account) => [account.id, account.name]))
  const rows = cache.db
    .prepare(
      `SELECT f.id, f.account_id, f.provider_id, f.gone_at, f.first_seen_at, f.last_seen_at,
         f.changed_at, a.seen, a.hidden, a.note, a.tags
       FROM freights f LEFT JOIN freight_annotations a ON a.freight_id = f.id ORDER BY f.id`,
    )
    .all() as StoredFacts[]
  return rows.map((row) => {
    const freight = byKey.get(`${row.account_id}|${row.provider_id}`)
    if (!freight) throw new Error(`The test did not store freight ${row.provider_id}`)
    return {
      id: row.id,
      accountId: row.account_id,
      accountName: names.get(row.account_id) ?? '',
      freight,
      seen: row.seen === 1,
      hidden: row.hidden === 1,
      note: row.note ?? '',
      tags: row.tags === null ? [] : (JSON.parse(row.tags) as string[]),
      goneAt: row.gone_at === null ? null : new Date(row.gone_at).toISOString(),
      firstSeenAt: new Date(row.first_seen_at).toISOString(),
      lastSeenAt: new Date(row.last_seen_at).toISOString(),
      changedAt: new Date(row.changed_at).toISOString(),
    }
  })
}
