/**
 * Opening the cache file: migrations from an empty file and from an older schema, migrations that
 * fail, and files that cannot be used (damaged, not a database, written by a newer build): kept
 * beside the fresh cache, with a message that says where.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCache, cacheFileName } from '../../../electron/main/cache'
import { openCacheDatabase } from '../../../electron/main/cache/db'
import { checkMarkerOf, requestCheckAtStart } from '../../../electron/main/cache/integrity'
import { createFreightQueries } from '../../../electron/main/cache/freight-query'
import { createFreightStore } from '../../../electron/main/cache/freight-store'
import {
  latestSchemaVersion,
  migrate,
  migrationList,
  migrations,
  schemaVersion,
} from '../../../electron/main/cache/migrations'
import { createCore } from '../../../electron/main/core'
import { FreightQuery } from '@shared/domain/freight-query'
import { defaultColumnLayout, ViewQuery } from '@shared/domain/saved-view'
import { makeFreights } from '../../support/freight-factory'
import { createRecordingLogger } from '../../support/recording-logger'
import { makeTempDir } from '../../support/temp-dir'
import { saveBareAccount } from '../../support/cache'

let temp: ReturnType<typeof makeTempDir>
let file: string

beforeEach(() => {
  temp = makeTempDir('freightdesk-open-')
  file = path.join(temp.dir, cacheFileName)
})

afterEach(() => temp.remove())

const at = new Date('2026-03-05T10:20:30.456Z')

function tables(db: { prepare(sql: string): { pluck(): { all(): unknown[] } } }): string[] {
  return db
    .prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') ORDER BY name")
    .pluck()
    .all() as string[]
}

/** A cache file holding some freights, closed again. */
function cacheWithFreights(count = 40): void {
  const cache = openCache({ file }, { log: createRecordingLogger() })
  saveBareAccount(cache, { id: 'transeu-1', provider: 'transeu', name: 'Trans.eu' })
  cache.freights.upsertBatch('transeu-1', 'run-1', makeFreights(count, 3, { provider: 'transeu' }))
  cache.close()
}

/** The first page of a table or index of the closed cache file. */
function rootPageOf(name: string): number {
  const probe = new Database(file, { readonly: true })
  try {
    return probe
      .prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?')
      .pluck()
      .get(name) as number
  } finally {
    probe.close()
  }
}

/** Overwrites one page of the closed cache file with noise; returns the file's new bytes. */
function overwritePage(page: number): Buffer {
  const probe = new Database(file, { readonly: true })
  const pageSize = probe.pragma('page_size', { simple: true }) as number
  probe.close()
  const bytes = readFileSync(file)
  for (let i = 0; i < pageSize; i++) bytes[(page - 1) * pageSize + i] = (i * 37 + 11) % 256
  writeFileSync(file, bytes)
  return bytes
}

describe('migrations', () => {
  it('builds the whole schema in an empty file, with WAL and foreign keys on', () => {
    const cache = openCache({ file }, { log: createRecordingLogger() })
    expect(schemaVersion(cache.db)).toBe(latestSchemaVersion)
    expect(latestSchemaVersion).toBe(migrations.length)
    expect(tables(cache.db)).toEqual(
      expect.arrayContaining([
        'accounts',
        'freights',
        'freight_details',
        'freight_annotations',
        'freight_counts',
        'freight_search',
        'saved_views',
      ]),
    )
    expect(cache.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(cache.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(cache.db.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(cache.recovery).toBeNull()
    cache.close()
  })

  it('brings a file of an older schema up to date and keeps its data', () => {
    const older = openCacheDatabase(file, {
      log: createRecordingLogger(),
      migrations: migrations.slice(0, 1),
    })
    expect(schemaVersion(older.db)).toBe(1)
    expect(tables(older.db)).not.toContain('saved_views')
    const store = createFreightStore(older.db, () => at)
    saveBareAccount(older.db, { id: 'spotgo-1', provider: 'spotgo', name: 'SpotGo' })
    const freights = makeFreights(25, 4, { provider: 'spotgo' })
    store.upsertBatch('spotgo-1', 'run-1', freights)
    const noted = older.db.prepare('SELECT id FROM freights ORDER BY id').pluck().get() as number
    store.annotate([noted], { note: 'Rampa czwarta', tags: ['pilne'] })
    const searchTotal = (db: typeof older.db, text: string) =>
      createFreightQueries(db).page(FreightQuery.parse({ text })).total
    const locality = freights[0]!.loading.place.locality
    const before = searchTotal(older.db, locality)
    expect(before).toBeGreaterThan(0)
    older.db.close()

    const log = createRecordingLogger()
    const cache = openCache({ file }, { log })
    expect(cache.recovery).toBeNull()
    expect(schemaVersion(cache.db)).toBe(latestSchemaVersion)
    expect(cache.queries.page(FreightQuery.parse({})).total).toBe(25)
    // Migration 007 recreated the search index; opening filled it again, notes included.
    expect(searchTotal(cache.db, locality)).toBe(before)
    expect(searchTotal(cache.db, 'rampa czw')).toBe(1)
    expect(searchTotal(cache.db, freights[7]!.providerId)).toBe(1)
    expect(log.lines.some((line) => line.message === 'rebuilt the freight search index')).toBe(true)
    const saved = cache.views.save({
      name: 'All',
      query: ViewQuery.parse({}),
      layout: defaultColumnLayout(),
    })
    expect(cache.views.list()).toEqual([saved])
    cache.close()
  })

  it('leaves the previous version intact when a migration fails', () => {
    const broken = migrationList({
      './migrations/001-freights.sql': migrations[0]!.sql,
      './migrations/002-broken.sql': 'CREATE TABLE two (x INTEGER); SELECT * FROM missing;',
    })
    const log = createRecordingLogger()
    expect(() => openCacheDatabase(file, { log, migrations: broken })).toThrow(/missing/)
    const { db } = openCacheDatabase(file, { log, migrations: broken.slice(0, 1) })
    expect(schemaVersion(db)).toBe(1)
    expect(tables(db)).toContain('freights')
    expect(tables(db)).not.toContain('two')
    expect(migrate(db, broken.slice(0, 1))).toEqual({ from: 1, to: 1 })
    db.close()
  })

  it('lists migration files in number order and refuses gaps and other names', () => {
    expect(
      migrationList({ './m/002-b.sql': 'B', './m/001-a.sql': 'A' }).map((each) => each.name),
    ).toEqual(['001-a.sql', '002-b.sql'])
    expect(() => migrationList({ './m/001-a.sql': 'A', './m/003-c.sql': 'C' })).toThrow(
      /003-c.sql is out of sequence/,
    )
    expect(() => migrationList({ './m/001-a.sql': 'A', './m/001-b.sql': 'B' })).toThrow(
      /out of sequence/,
    )
    expect(() => migrationList({ './m/1-a.sql': 'A' })).toThrow(/NNN-name/)
    expect(migrations.map((each) => each.name)).toEqual([
      '001-freights.sql',
      '002-saved-views.sql',
      '003-account-settings.sql',
      '004-sync-and-outbox.sql',
      '005-shares-and-documents.sql',
      '006-app-settings.sql',
      '007-batch-counts-and-search-prefixes.sql',
      '008-outbox-price-changes.sql',
      '009-sync-read-problems.sql',
    ])
    expect(migrations.map((each) => each.version)).toEqual(migrations.map((_, index) => index + 1))
  })
})

describe('a file that cannot be used', () => {
  function keptFiles(): string[] {
    return readdirSync(temp.dir).filter((name) => name.includes('.damaged-'))
  }

  it('is kept beside a fresh cache when it is not a database', () => {
    const bytes = Buffer.from('These are not the freights you are looking for.\n'.repeat(200))
    writeFileSync(file, bytes)
    const log = createRecordingLogger()
    const cache = openCache({ file }, { log, now: () => at })
    expect(cache.recovery).toMatchObject({ reason: 'not_a_database' })
    const keptAt = cache.recovery!.keptAt!
    expect(path.basename(keptAt)).toBe('freightdesk.damaged-2026-03-05T10-20-30-456Z.sqlite')
    expect(readFileSync(keptAt)).toEqual(bytes)
    expect(keptFiles()).toEqual([path.basename(keptAt)])
    expect(cache.queries.page(FreightQuery.parse({})).total).toBe(0)
    const logged = log.lines.find((line) => line.level === 'error')
    expect(logged?.details?.keptAt).toBe(keptAt)
    cache.close()
  })

  it('is kept when the check after an unclean shutdown finds damage, and the fresh cache works', () => {
    cacheWithFreights()
    // Overwrite the root page of the freights table with noise, as a failing disk might.
    const bytes = overwritePage(rootPageOf('freights'))
    requestCheckAtStart(file)

    const cache = openCache({ file }, { log: createRecordingLogger(), now: () => at })
    expect(cache.checkedAtOpen).toBe(true)
    expect(cache.recovery).toMatchObject({ reason: 'damaged' })
    expect(readFileSync(cache.recovery!.keptAt!)).toEqual(bytes)
    expect(cache.queries.page(FreightQuery.parse({})).total).toBe(0)
    saveBareAccount(cache, { id: 'transeu-1', provider: 'transeu', name: 'Trans.eu' })
    cache.freights.upsertBatch('transeu-1', 'run-1', makeFreights(3, 5, { provider: 'transeu' }))
    expect(cache.queries.page(FreightQuery.parse({})).total).toBe(3)
    cache.close()
  })

  it('is kept when a newer Freightdesk wrote it', () => {
    cacheWithFreights(5)
    const newer = openCacheDatabase(file, { log: createRecordingLogger() }).db
    newer.pragma(`user_version = ${latestSchemaVersion + 1}`)
    newer.close()
    const cache = openCache({ file }, { log: createRecordingLogger(), now: () => at })
    expect(cache.recovery).toMatchObject({ reason: 'newer_schema' })
    expect(existsSync(cache.recovery!.keptAt!)).toBe(true)
    expect(schemaVersion(cache.db)).toBe(latestSchemaVersion)
    cache.close()
  })

  it('never overwrites an earlier kept copy', () => {
    writeFileSync(file, 'first')
    openCache({ file }, { log: createRecordingLogger(), now: () => at }).close()
    writeFileSync(file, 'second')
    const cache = openCache({ file }, { log: createRecordingLogger(), now: () => at })
    expect(keptFiles().sort()).toEqual([
      'freightdesk.damaged-2026-03-05T10-20-30-456Z-2.sqlite',
      'freightdesk.damaged-2026-03-05T10-20-30-456Z.sqlite',
    ])
    expect(readFileSync(cache.recovery!.keptAt!, 'utf8')).toBe('second')
    cache.close()
  })

  it('is reported to the dispatcher as a notice that says where the copy is', async () => {
    writeFileSync(file, 'not a database at all')
    const log = createRecordingLogger()
    const core = createCore({
      dataDir: temp.dir,
      shell: 'web',
      platform: 'linux',
      validateContracts: true,
      log,
    })
    const result = await core.router.invoke('app.notices', undefined)
    expect(result.ok).toBe(true)
    const notices = (result as { value: Array<{ level: string; message: string }> }).value
    expect(notices).toHaveLength(1)
    expect(notices[0]!.level).toBe('error')
    expect(notices[0]!.message).toContain(core.cache.recovery!.keptAt!)
    expect(notices[0]!.message).toMatch(/started a fresh cache/)
    expect(readFileSync(core.cache.recovery!.keptAt!, 'utf8')).toBe('not a database at all')
    expect(log.lines.some((line) => line.level === 'error')).toBe(true)
    await core.dispose()
  })
})

describe('the integrity check', () => {
  it('stands before the cache only when the last session did not close it cleanly', () => {
    cacheWithFreights(5)
    expect(existsSync(checkMarkerOf(file))).toBe(false)
    const clean = openCache({ file }, { log: createRecordingLogger() })
    expect(clean.checkedAtOpen).toBe(false)
    expect(existsSync(checkMarkerOf(file))).toBe(true)
    // A crash: the connection goes, the cache is never closed.
    clean.db.close()
    const afterCrash = openCache({ file }, { log: createRecordingLogger() })
    expect(afterCrash.checkedAtOpen).toBe(true)
    expect(afterCrash.recovery).toBeNull()
    afterCrash.close()
    expect(existsSync(checkMarkerOf(file))).toBe(false)
  })

  it('finds damage in the background; the next start sets the file aside', async () => {
    cacheWithFreights(40)
    const cache = openCache({ file }, { log: createRecordingLogger() })
    saveBareAccount(cache, { id: 'spotgo-1', provider: 'spotgo', name: 'SpotGo' })
    cache.views.save({
      name: 'Chłodnie',
      query: ViewQuery.parse({}),
      layout: defaultColumnLayout(),
    })
    expect(await cache.checkIntegrity()).toEqual([])
    cache.close()
    // Damage in a table that opening the file does not read: only the full check sees it.
    const bytes = overwritePage(rootPageOf('saved_views'))

    const damaged = openCache({ file }, { log: createRecordingLogger(), now: () => at })
    expect(damaged.checkedAtOpen).toBe(false)
    expect(damaged.recovery).toBeNull()
    expect(damaged.queries.page(FreightQuery.parse({})).total).toBe(40)
    const problems = await damaged.checkIntegrity()
    expect(problems.length).toBeGreaterThan(0)
    damaged.close()
    expect(existsSync(checkMarkerOf(file))).toBe(true)

    const next = openCache({ file }, { log: createRecordingLogger(), now: () => at })
    expect(next.checkedAtOpen).toBe(true)
    expect(next.recovery).toMatchObject({ reason: 'damaged' })
    expect(readFileSync(next.recovery!.keptAt!)).toEqual(bytes)
    next.close()
  })

  it('tells the dispatcher what to do when it finds damage while the app runs', async () => {
    cacheWithFreights(10)
    const setUp = openCache({ file }, { log: createRecordingLogger() })
    setUp.views.save({
      name: 'Do Niemiec',
      query: ViewQuery.parse({}),
      layout: defaultColumnLayout(),
    })
    setUp.close()
    overwritePage(rootPageOf('saved_views'))
    const log = createRecordingLogger()
    const core = createCore({
      dataDir: temp.dir,
      shell: 'web',
      platform: 'linux',
      validateContracts: true,
      log,
      integrityCheckDelayMs: 0,
    })
    try {
      await expect
        .poll(
          async () => {
            const result = await core.router.invoke('app.notices', undefined)
            return result.ok ? (result.value as Array<{ message: string }>) : []
          },
          { timeout: 30_000 },
        )
        .toEqual([
          {
            level: 'error',
            message: expect.stringMatching(/found damage.*Restart Freightdesk/) as string,
          },
        ])
      expect(log.lines.some((line) => line.message.includes('found damage'))).toBe(true)
    } finally {
      await core.dispose()
    }
    expect(existsSync(checkMarkerOf(file))).toBe(true)
  })
})
