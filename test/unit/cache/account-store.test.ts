import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StoredAccount } from '../../../electron/main/cache/account-store'
import { latestSchemaVersion, migrations } from '../../../electron/main/cache/migrations'
import { openTestCache, type TestCache } from '../../support/cache'
import { makeFreights } from '../../support/freight-factory'

let test: TestCache

beforeEach(() => {
  test = openTestCache()
})
afterEach(() => test.remove())

const at = '2026-03-02T09:00:00.000Z'

function spotgo(id: string, name: string): Omit<StoredAccount, 'removedAt'> {
  return {
    id,
    provider: 'spotgo',
    name,
    createdAt: at,
    environment: 'custom',
    baseUrl: 'http://127.0.0.1:4100',
    authBaseUrl: null,
    redirectUri: null,
    ownerEmail: 'owner@example.com',
    shareLinkBase: null,
    signInMethod: null,
    username: null,
    syncIntervalMinutes: 15,
    sandbox: false,
    status: 'connected',
    statusMessage: null,
    statusCheckedAt: at,
    signedInAt: at,
    updatedAt: at,
  }
}

describe('the account store', () => {
  it('is migration 003 and the schema is at the latest version', () => {
    expect(migrations[2]?.name).toBe('003-account-settings.sql')
    expect(test.cache.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion)
  })

  it('adds accounts with their settings and lists them by name', () => {
    const b = test.cache.accounts.insert(spotgo('b', 'Bravo'))
    test.cache.accounts.insert({
      ...spotgo('a', 'Alpha'),
      provider: 'crego',
      ownerEmail: null,
      shareLinkBase: 'https://share.example.com',
      signInMethod: 'password',
      username: 'dispatch',
    })
    expect(b).toEqual({ ...spotgo('b', 'Bravo'), removedAt: null })
    const listed = test.cache.accounts.list()
    expect(listed.map((each) => [each.id, each.provider, each.name])).toEqual([
      ['a', 'crego', 'Alpha'],
      ['b', 'spotgo', 'Bravo'],
    ])
    expect(listed[0]).toMatchObject({ signInMethod: 'password', username: 'dispatch' })
    expect(test.cache.accounts.get('missing')).toBeNull()
  })

  it('changes only the settings a patch names, in one transaction', () => {
    test.cache.accounts.insert(spotgo('a', 'Alpha'))
    const updated = test.cache.accounts.update('a', {
      name: 'Alpha Kraków',
      syncIntervalMinutes: 30,
      sandbox: true,
      updatedAt: '2026-03-03T00:00:00.000Z',
    })
    expect(updated).toMatchObject({
      name: 'Alpha Kraków',
      syncIntervalMinutes: 30,
      sandbox: true,
      ownerEmail: 'owner@example.com',
      baseUrl: 'http://127.0.0.1:4100',
      updatedAt: '2026-03-03T00:00:00.000Z',
    })
    const status = test.cache.accounts.setStatus('a', {
      status: 'unreachable',
      statusMessage: 'SpotGo did not answer.',
      statusCheckedAt: '2026-03-04T00:00:00.000Z',
    })
    expect(status).toMatchObject({
      status: 'unreachable',
      statusMessage: 'SpotGo did not answer.',
      signedInAt: at,
    })
    expect(test.cache.accounts.update('missing', { name: 'x' })).toBeNull()
    // A check constraint refuses a bad value, and the rename in the same transaction is undone.
    expect(() =>
      test.cache.accounts.update('a', { name: 'Renamed', syncIntervalMinutes: 0 }),
    ).toThrow(/CHECK/)
    expect(test.cache.accounts.get('a')?.name).toBe('Alpha Kraków')
  })

  it('removes an account with its cached freights (the foreign keys cascade)', () => {
    test.cache.accounts.insert(spotgo('a', 'Alpha'))
    test.cache.accounts.insert(spotgo('b', 'Bravo'))
    test.cache.freights.upsertBatch('a', 'run-1', makeFreights(12, 3, { provider: 'spotgo' }))
    test.cache.freights.upsertBatch('b', 'run-1', makeFreights(5, 4, { provider: 'spotgo' }))
    expect(test.cache.accounts.cachedFreightCounts()).toEqual(
      new Map([
        ['a', 12],
        ['b', 5],
      ]),
    )
    expect(test.cache.accounts.remove('a')).toEqual({ removedFreights: 12 })
    expect(test.cache.accounts.get('a')).toBeNull()
    const left = test.cache.db
      .prepare('SELECT account_id, count(*) AS n FROM freights GROUP BY 1')
      .all()
    expect(left).toEqual([{ account_id: 'b', n: 5 }])
    expect(
      test.cache.db
        .prepare("SELECT count(*) AS n FROM account_settings WHERE account_id = 'a'")
        .get(),
    ).toEqual({ n: 0 })
    expect(test.cache.accounts.remove('a')).toBeNull()
  })

  it('retires an account: hidden from the list, its cached freights kept', () => {
    test.cache.accounts.insert(spotgo('a', 'Alpha'))
    test.cache.freights.upsertBatch('a', 'run-1', makeFreights(7, 5, { provider: 'spotgo' }))
    expect(test.cache.accounts.retire('a', '2026-03-05T00:00:00.000Z')).toBe(true)
    expect(test.cache.accounts.retire('a', '2026-03-06T00:00:00.000Z')).toBe(false)
    expect(test.cache.accounts.list()).toEqual([])
    expect(test.cache.accounts.get('a')).toBeNull()
    expect(test.cache.accounts.update('a', { name: 'x' })).toBeNull()
    expect(test.cache.accounts.cachedFreightCounts().get('a')).toBe(7)
    // The freights still show their account's name in the grid.
    expect(test.cache.accounts.names().map((each) => each.name)).toEqual(['Alpha'])
  })
})
