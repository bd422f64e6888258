/**
 * A damaged cache loses nothing it can keep. Each way a file gets damaged (cut short, header or
 * whole first page overwritten, random bytes, damage confined to the search index, zero length, a
 * newer schema) is applied to a real cache holding accounts, queued changes, share links, notes,
 * saved views, settings and thousands of freights. The damaged file is kept byte for byte; what
 * is readable is carried into the fresh cache and equals the original rows; the notice says
 * exactly what was kept and what was lost.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FreightQuery } from '@shared/domain/freight-query'
import { cacheFileName, openCache, type Cache } from '../../../electron/main/cache'
import { latestSchemaVersion } from '../../../electron/main/cache/migrations'
import { recoveryNotice } from '../../../electron/main/services/cache-recovery'
import {
  buildRichCache,
  layoutOf,
  noise,
  scribble,
  scribblePages,
  truncateTo,
  type RichContent,
} from '../../support/damaged-cache'
import { createRecordingLogger } from '../../support/recording-logger'
import { makeTempDir } from '../../support/temp-dir'

let temp: ReturnType<typeof makeTempDir>
let original: string
let content: RichContent
let layout: ReturnType<typeof layoutOf>
const opened: Cache[] = []

beforeAll(() => {
  temp = makeTempDir('freightdesk-recovery-')
  original = path.join(temp.dir, 'original.sqlite')
  content = buildRichCache(original)
  layout = layoutOf(original)
})
afterAll(() => {
  for (const cache of opened) cache.close()
  temp.remove()
})

/** A data folder holding a copy of the original cache, damaged by `damage`, then opened. */
function openDamaged(name: string, damage: (file: string) => void) {
  const dir = path.join(temp.dir, name)
  mkdirSync(dir)
  const file = path.join(dir, cacheFileName)
  copyFileSync(original, file)
  damage(file)
  const damagedBytes = readFileSync(file)
  const log = createRecordingLogger()
  const cache = openCache({ dataDir: dir }, { log })
  opened.push(cache)
  const notice = cache.recovery ? recoveryNotice(cache.recovery) : null
  return { dir, cache, log, damagedBytes, notice }
}

/** Rows of `table` as stored, by key, in both files: every carried row equals its original. */
function expectRowsAsOriginal(cache: Cache, table: string, key: string): number {
  const before = new Database(original, { readonly: true })
  try {
    const rows = cache.db.prepare(`SELECT * FROM ${table}`).all() as Array<Record<string, unknown>>
    const find = before.prepare(`SELECT * FROM ${table} WHERE ${key} = ?`)
    for (const row of rows) expect(row, `${table} ${String(row[key])}`).toEqual(find.get(row[key]))
    return rows.length
  } finally {
    before.close()
  }
}

function expectSound(cache: Cache): void {
  expect(cache.db.pragma('integrity_check', { simple: true })).toBe('ok')
  const total = cache.queries.page(FreightQuery.parse({})).total
  expect(total).toBe(cache.db.prepare('SELECT count(*) FROM freights').pluck().get())
  if (total > 0) {
    // The search index was filled again for what was carried.
    const reference = cache.db
      .prepare('SELECT provider_id FROM freights ORDER BY id LIMIT 1')
      .pluck()
      .get() as string
    expect(cache.queries.page(FreightQuery.parse({ text: reference })).total).toBeGreaterThan(0)
  }
}

const everythingElse = () =>
  `Kept: 3 accounts, 3 changes waiting to be sent, 4 share links, ${content.annotated} freights with notes or tags, 2 saved views, 1 app setting`

describe('a cache file that cannot be used as it was', () => {
  it('cut short: keeps the tables before the cut, the readable freights, and says how many were lost', () => {
    // The small tables live on their own single pages near the start, before the cut.
    const cutPage = Math.floor(layout.pages / 2)
    for (const table of ['accounts', 'account_settings', 'outbox', 'shares', 'app_settings']) {
      expect(layout.roots.get(table)!, table).toBeLessThan(cutPage)
    }
    const { cache, damagedBytes, notice } = openDamaged('truncated', (file) =>
      truncateTo(file, 0.5, layout.pageSize),
    )
    expect(cache.recovery).toMatchObject({ reason: 'damaged', salvage: { readAs: 'as_is' } })
    expect(readFileSync(cache.recovery!.keptAt!)).toEqual(damagedBytes)
    expect(
      cache.accounts
        .list()
        .map((account) => account.id)
        .sort(),
    ).toEqual([...content.accounts].sort())
    expect(expectRowsAsOriginal(cache, 'outbox', 'id')).toBe(content.outbox)
    expect(expectRowsAsOriginal(cache, 'shares', 'id')).toBe(content.shares)
    expect(expectRowsAsOriginal(cache, 'app_settings', 'key')).toBe(content.settings)
    const freights = expectRowsAsOriginal(cache, 'freights', 'id')
    expect(freights).toBeGreaterThan(0)
    expect(freights).toBeLessThan(content.freights)
    expectRowsAsOriginal(cache, 'freight_annotations', 'freight_id')
    expectSound(cache)
    expect(notice?.level).toBe('error')
    expect(notice?.message).toContain(cache.recovery!.keptAt!)
    expect(notice?.message).toContain(
      'Kept: 3 accounts, 3 changes waiting to be sent, 4 share links',
    )
    expect(notice?.message).toContain(`${freights.toLocaleString('en-US')} freights`)
    expect(notice?.message).toMatch(/Lost: .*freights \(those the providers still list come back/)
  })

  it('header overwritten: writes a new header on a copy and keeps everything', () => {
    const { cache, damagedBytes, notice } = openDamaged('header', (file) => scribble(file, 0, 100))
    expect(cache.recovery).toMatchObject({
      reason: 'not_a_database',
      salvage: { readAs: 'header_rewritten' },
    })
    expect(readFileSync(cache.recovery!.keptAt!)).toEqual(damagedBytes)
    expect(expectRowsAsOriginal(cache, 'freights', 'id')).toBe(content.freights)
    expect(expectRowsAsOriginal(cache, 'freight_details', 'freight_id')).toBe(content.freights)
    expect(expectRowsAsOriginal(cache, 'saved_views', 'id')).toBe(content.views)
    expect(expectRowsAsOriginal(cache, 'account_settings', 'account_id')).toBe(3)
    expectSound(cache)
    expect(notice?.message).toContain(
      `${everythingElse()}, ${content.freights.toLocaleString('en-US')} freights. Nothing was lost.`,
    )
  })

  it('first page overwritten: finds the schema rows on other pages, rebuilds page 1, keeps everything', () => {
    // Page 1 is the root of a schema that spans other pages: they still hold its rows.
    expect(readFileSync(original)[100]).toBe(0x05)
    const { cache, notice } = openDamaged('first-page', (file) =>
      scribble(file, 0, layout.pageSize),
    )
    expect(cache.recovery).toMatchObject({
      reason: 'not_a_database',
      salvage: { readAs: 'first_page_rebuilt' },
    })
    expect(expectRowsAsOriginal(cache, 'freights', 'id')).toBe(content.freights)
    expect(expectRowsAsOriginal(cache, 'outbox', 'id')).toBe(content.outbox)
    expect(expectRowsAsOriginal(cache, 'freight_annotations', 'freight_id')).toBe(content.annotated)
    expectSound(cache)
    expect(notice?.message).toContain('Nothing was lost.')
  })

  it('random bytes throughout: nothing can be read, and the notice says so and what to do', () => {
    const { cache, damagedBytes, notice } = openDamaged('random', (file) =>
      writeFileSync(file, noise(layout.pageSize * 40, 7)),
    )
    expect(cache.recovery).toMatchObject({
      reason: 'not_a_database',
      salvage: { readAs: 'unreadable' },
    })
    expect(readFileSync(cache.recovery!.keptAt!)).toEqual(damagedBytes)
    expect(cache.accounts.list()).toEqual([])
    expectSound(cache)
    expect(notice?.message).toMatch(
      /Nothing in the old file could be read: add your accounts again/,
    )
    expect(notice?.message).not.toMatch(/next sync/)
  })

  it('random bytes over some freight pages: keeps the rest and counts the freights lost', () => {
    const db = new Database(original, { readonly: true })
    // Leaf pages of the freights table (from SQLite's own page map).
    const leaves = db
      .prepare(
        "SELECT pageno FROM dbstat WHERE name = 'freights' AND pagetype = 'leaf' ORDER BY pageno",
      )
      .pluck()
      .all() as number[]
    const onThem = (pages: number[]) =>
      pages.reduce(
        (sum, page) =>
          sum +
          (db
            .prepare("SELECT ncell FROM dbstat WHERE name = 'freights' AND pageno = ?")
            .pluck()
            .get(page) as number),
        0,
      )
    const hit = [leaves[3]!, leaves[10]!, leaves[11]!]
    const lostRows = onThem(hit)
    db.close()
    const { cache, notice } = openDamaged('scattered', (file) =>
      scribblePages(file, hit, layout.pageSize),
    )
    expect(cache.recovery).toMatchObject({ reason: 'damaged' })
    const freights = expectRowsAsOriginal(cache, 'freights', 'id')
    expect(freights).toBe(content.freights - lostRows)
    expect(expectRowsAsOriginal(cache, 'shares', 'id')).toBe(content.shares)
    expectSound(cache)
    expect(notice?.message).toContain(
      `${freights.toLocaleString('en-US')} of ${content.freights.toLocaleString('en-US')} freights`,
    )
    // A note goes with its freight: those on the lost pages are lost with them, and said so.
    const before = new Database(original, { readonly: true })
    const annotatedIds = before
      .prepare('SELECT freight_id FROM freight_annotations')
      .pluck()
      .all() as number[]
    before.close()
    const keptIds = new Set(cache.db.prepare('SELECT id FROM freights').pluck().all() as number[])
    const notesLost = annotatedIds.filter((id) => !keptIds.has(id)).length
    expect(expectRowsAsOriginal(cache, 'freight_annotations', 'freight_id')).toBe(
      content.annotated - notesLost,
    )
    expect(notice?.message).toMatch(
      new RegExp(`Lost: ${notesLost > 0 ? 'some notes and tags; ' : ''}${lostRows} freights \\(`),
    )
  })

  it('damage only in the search index: rebuilt in place, nothing set aside, nothing lost', () => {
    const index = ['freight_search_data', 'freight_search_idx'].map((name) =>
      layout.roots.get(name)!,
    )
    const { dir, cache, notice, log } = openDamaged('search-index', (file) =>
      scribblePages(file, index, layout.pageSize),
    )
    expect(cache.recovery).toMatchObject({ reason: 'search_index', keptAt: null })
    expect(readdirSync(dir).filter((name) => name.includes('.damaged-'))).toEqual([])
    expect(expectRowsAsOriginal(cache, 'freights', 'id')).toBe(content.freights)
    expect(expectRowsAsOriginal(cache, 'freight_annotations', 'freight_id')).toBe(content.annotated)
    expectSound(cache)
    // Notes are searchable again too.
    expect(cache.queries.page(FreightQuery.parse({ text: 'dzwonić' })).total).toBe(
      content.annotated,
    )
    expect(notice).toEqual({
      level: 'warning',
      message:
        'The search index of the offline cache was damaged, so Freightdesk rebuilt it from the cached freights. Nothing was lost.',
    })
    expect(log.lines.some((line) => line.message.includes('rebuilt it in place'))).toBe(true)
  })

  it('zero length: reported, not started over in silence', () => {
    const { cache, notice } = openDamaged('empty', (file) => writeFileSync(file, ''))
    expect(cache.recovery).toMatchObject({ reason: 'empty', salvage: null })
    expect(readFileSync(cache.recovery!.keptAt!).length).toBe(0)
    expect(notice?.level).toBe('error')
    expect(notice?.message).toMatch(/was empty \(0 bytes\)/)
    expect(notice?.message).toMatch(/add them again under Accounts/)
  })

  it('newer schema: kept unchanged for the newer version, and its readable content carried', () => {
    const { cache, damagedBytes, notice } = openDamaged('newer', (file) => {
      const db = new Database(file)
      db.exec('ALTER TABLE shares ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0')
      db.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY)')
      db.pragma(`user_version = ${latestSchemaVersion + 1}`)
      db.close()
    })
    expect(cache.recovery).toMatchObject({ reason: 'newer_schema', salvage: { readAs: 'as_is' } })
    expect(readFileSync(cache.recovery!.keptAt!)).toEqual(damagedBytes)
    expect(existsSync(`${cache.recovery!.keptAt!}-wal`)).toBe(false)
    expect(cache.accounts.list()).toHaveLength(3)
    expect(cache.shares.list({ state: 'all', now: new Date().toISOString() })).toHaveLength(
      content.shares,
    )
    expectSound(cache)
    expect(notice?.message).toMatch(/written by a newer version of Freightdesk/)
    expect(notice?.message).toMatch(/update Freightdesk to use it again/)
    expect(notice?.message).toContain('Nothing was lost.')
  })
})
