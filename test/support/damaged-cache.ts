/**
 * A cache file with something of everything a dispatcher cannot download again (accounts, changes
 * waiting in the outbox, share history, notes and tags, saved views, app settings) next to a few
 * thousand freights, and the ways a disk or a crash damages such a file, byte by byte.
 */
import { readFileSync, truncateSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { defaultColumnLayout, ViewQuery } from '@shared/domain/saved-view'
import { openCache } from '../../electron/main/cache'
import type { StoredAccount } from '../../electron/main/cache/account-store'
import { silentLogger } from '../../electron/main/log'
import { makeFreights } from './freight-factory'

/** What the builder put in, to compare with what a recovery kept. */
export interface RichContent {
  accounts: string[]
  outbox: number
  shares: number
  /** Freights with a note or tags. */
  annotated: number
  views: number
  settings: number
  freights: number
}

const at = '2026-04-01T08:00:00.000Z'

function account(
  id: string,
  provider: StoredAccount['provider'],
  name: string,
): Omit<StoredAccount, 'removedAt'> {
  return {
    id,
    provider,
    name,
    createdAt: at,
    environment: 'custom',
    baseUrl: `http://127.0.0.1:9/${provider}`,
    authBaseUrl: provider === 'transeu' ? 'http://127.0.0.1:9/transeu' : null,
    redirectUri: null,
    ownerEmail: provider === 'spotgo' ? 'dispatch@example.com' : null,
    shareLinkBase: provider === 'crego' ? 'http://127.0.0.1:9/crego' : null,
    signInMethod: provider === 'crego' ? 'password' : null,
    username: provider === 'crego' ? 'dispatcher' : null,
    syncIntervalMinutes: 15,
    sandbox: false,
    status: 'connected',
    statusMessage: null,
    statusCheckedAt: at,
    signedInAt: at,
    updatedAt: at,
  }
}

/** Builds the cache file at `file` and closes it. */
export function buildRichCache(file: string, freightCount = 3000): RichContent {
  const cache = openCache({ file }, { log: silentLogger, now: () => new Date(at) })
  try {
    const accounts = [
      account('acc-spotgo', 'spotgo', 'SpotGo Kraków'),
      account('acc-transeu', 'transeu', 'Trans.eu Wrocław'),
      account('acc-crego', 'crego', 'Crego documents'),
    ]
    for (const each of accounts) cache.accounts.insert(each)
    const freights = makeFreights(freightCount, 17)
    const spotgo = freights.filter((freight) => freight.provider === 'spotgo')
    const transeu = freights.filter((freight) => freight.provider === 'transeu')
    cache.freights.upsertBatch('acc-spotgo', 'run-1', spotgo)
    cache.freights.upsertBatch('acc-transeu', 'run-1', transeu)
    const ids = cache.db.prepare('SELECT id FROM freights ORDER BY id').pluck().all() as number[]
    const annotated = ids.filter((_, index) => index % 50 === 7)
    annotated.forEach((id, index) =>
      cache.freights.annotate([id], { note: `Rampa ${index}, dzwonić przed`, tags: ['pilne'] }),
    )
    const sync = cache.sync
    const spotgoIds = cache.db
      .prepare("SELECT id, provider_id FROM freights WHERE account_id = 'acc-spotgo' LIMIT 3")
      .all() as Array<{ id: number; provider_id: string }>
    for (const [index, freight] of spotgoIds.entries()) {
      sync.addOutbox(
        {
          accountId: 'acc-spotgo',
          kind: index === 0 ? 'spotgo.changePrice' : 'spotgo.delete',
          freightId: freight.id,
          providerId: freight.provider_id,
          summary: `Change ${index} of ${freight.provider_id}`,
          priceChange:
            index === 0
              ? { price: 1500, ceiling: 1800, currency: 'EUR', paymentTermDays: 30 }
              : null,
        },
        at,
      )
    }
    for (let n = 0; n < 4; n++) {
      cache.shares.insert({
        id: `share-${n}`,
        accountId: 'acc-spotgo',
        accountName: 'SpotGo Kraków',
        provider: 'spotgo',
        kind: 'freights',
        freights: [
          { freightId: spotgoIds[0]!.id, providerId: spotgoIds[0]!.provider_id, reference: null },
        ],
        document: null,
        url: `https://share.spotgo.example/s/${n}`,
        providerShareId: null,
        createdAt: at,
        expiresAt: '2026-04-02T08:00:00.000Z',
        revokedAt: null,
      })
    }
    for (const name of ['Chłodnie PL', 'Do Niemiec']) {
      cache.views.save({ name, query: ViewQuery.parse({}), layout: defaultColumnLayout() })
    }
    cache.settings.set('sandbox', { seed: 7 })
    return {
      accounts: accounts.map((each) => each.id),
      outbox: spotgoIds.length,
      shares: 4,
      annotated: annotated.length,
      views: 2,
      settings: 1,
      freights: freights.length,
    }
  } finally {
    // A clean close folds the write-ahead log into the file, as quitting the app does.
    cache.db.pragma('wal_checkpoint(TRUNCATE)')
    cache.close()
  }
}

/** Facts about the file's layout, for damage aimed at one part of it. */
export function layoutOf(file: string): {
  pageSize: number
  pages: number
  roots: Map<string, number>
} {
  const db = new Database(file, { readonly: true })
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number
    const pages = db.pragma('page_count', { simple: true }) as number
    const rows = db
      .prepare('SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0')
      .all() as Array<{
      name: string
      rootpage: number
    }>
    return { pageSize, pages, roots: new Map(rows.map((row) => [row.name, row.rootpage])) }
  } finally {
    db.close()
  }
}

/** `length` pseudo-random bytes, the same for the same seed (so a failure can be replayed). */
export function noise(length: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(length)
  let state = seed >>> 0
  for (let n = 0; n < length; n++) {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    bytes[n] = ((t ^ (t >>> 14)) >>> 0) & 0xff
  }
  return bytes
}

/** Overwrites bytes [from, from + length) of `file` with noise. */
export function scribble(file: string, from: number, length: number, seed = 1): void {
  const bytes = readFileSync(file)
  noise(length, seed).copy(bytes, from)
  writeFileSync(file, bytes)
}

/**
 * Overwrites whole pages (1-based numbers) with noise. The first byte of each is made a value no
 * b-tree page starts with: noise that happens to read as a valid page header cannot be told from
 * data by anyone, SQLite included, and would make the test a lottery.
 */
export function scribblePages(
  file: string,
  pages: readonly number[],
  pageSize: number,
  seed = 1,
): void {
  const bytes = readFileSync(file)
  for (const [index, page] of pages.entries()) {
    const start = (page - 1) * pageSize
    noise(pageSize, seed + index).copy(bytes, start)
    bytes[start] = 0x00
  }
  writeFileSync(file, bytes)
}

/** Cuts the file to `fraction` of its length, on a page boundary. */
export function truncateTo(file: string, fraction: number, pageSize: number): void {
  const size = readFileSync(file).length
  truncateSync(file, Math.floor((size * fraction) / pageSize) * pageSize)
}
