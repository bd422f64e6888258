/**
 * Keychain entries of accounts the cache does not know are swept at start, once the cache is open:
 * left by a damaged cache whose accounts could not be read, or by a crash between storing a secret
 * and saving its account. Entries of accounts that were carried, and those of a newer build's
 * intact file whose accounts this build cannot read, stay.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cacheFileName } from '../../../electron/main/cache'
import { latestSchemaVersion } from '../../../electron/main/cache/migrations'
import { createCore, type Core } from '../../../electron/main/core'
import { createSecretStore } from '../../../electron/main/secrets/secret-store'
import { buildRichCache, noise, scribble } from '../../support/damaged-cache'
import {
  keychainEntries,
  requireKeychain,
  sweepKeychain,
  testSecretService,
} from '../../support/keychain'
import { createRecordingLogger } from '../../support/recording-logger'
import { makeTempDir } from '../../support/temp-dir'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
beforeAll(() => requireKeychain())

/** A data folder, optionally with a cache file, and a keychain service of its own. */
function setting(prepare?: (file: string) => void) {
  const temp = makeTempDir('freightdesk-orphans-')
  const service = testSecretService()
  cleanups.push(
    () => temp.remove(),
    () => sweepKeychain(service),
  )
  const dataDir = path.join(temp.dir, 'data')
  mkdirSync(dataDir)
  prepare?.(path.join(dataDir, cacheFileName))
  const store = createSecretStore({ service, log: createRecordingLogger() })
  return { dataDir, service, store }
}

async function start(dataDir: string, service: string, sweep = true): Promise<Core> {
  const core = createCore({
    dataDir,
    shell: 'web',
    platform: 'linux',
    validateContracts: true,
    log: createRecordingLogger(),
    secretService: service,
    sweepOrphanSecrets: sweep,
  })
  cleanups.push(() => core.dispose())
  await core.ready
  return core
}

const accountsIn = async (service: string) =>
  [...new Set((await keychainEntries(service)).map((entry) => entry.account.split('/')[0]))].sort()

describe('keychain entries of unknown accounts', () => {
  it('are swept at start, while the accounts the cache knows keep theirs', async () => {
    const { dataDir, service, store } = setting((file) => buildRichCache(file, 20))
    await store.set('acc-spotgo', 'spotgo.api-key', 'known-key')
    await store.set('ghost-1', 'spotgo.api-key', 'ghost-key')
    await store.set('ghost-2', 'transeu.tokens', '{"accessToken":"a"}')
    await start(dataDir, service)
    expect(await accountsIn(service)).toEqual(['acc-spotgo'])
  })

  it('are left alone where the data folder does not own the keychain service', async () => {
    const { dataDir, service, store } = setting()
    await store.set('ghost-1', 'spotgo.api-key', 'ghost-key')
    await start(dataDir, service, false)
    expect(await accountsIn(service)).toEqual(['ghost-1'])
  })

  it('go with accounts a damaged cache lost, and stay with accounts it carried', async () => {
    const lost = setting((file) => {
      buildRichCache(file, 20)
      writeFileSync(file, noise(8192 * 4, 3))
    })
    await lost.store.set('acc-spotgo', 'spotgo.api-key', 'key')
    const core = await start(lost.dataDir, lost.service)
    expect(core.cache.recovery?.salvage?.summary.accounts.kept).toBe(0)
    expect(await accountsIn(lost.service)).toEqual([])

    const carried = setting((file) => {
      buildRichCache(file, 20)
      scribble(file, 0, 100)
    })
    await carried.store.set('acc-spotgo', 'spotgo.api-key', 'key')
    await carried.store.set('acc-crego', 'crego.tokens', '{"accessToken":"a"}')
    const again = await start(carried.dataDir, carried.service)
    expect(again.cache.recovery?.salvage?.summary.accounts).toEqual({ kept: 3, whole: true })
    expect(await accountsIn(carried.service)).toEqual(['acc-crego', 'acc-spotgo'])
  })

  it('stay when a newer build wrote the cache and its accounts cannot be read here', async () => {
    const { dataDir, service, store } = setting((file) => {
      buildRichCache(file, 20)
      const db = new Database(file)
      db.exec('ALTER TABLE account_settings DROP COLUMN environment')
      db.pragma(`user_version = ${latestSchemaVersion + 1}`)
      db.close()
    })
    await store.set('acc-spotgo', 'spotgo.api-key', 'key')
    const core = await start(dataDir, service)
    expect(core.cache.recovery).toMatchObject({ reason: 'newer_schema' })
    expect(core.cache.recovery?.salvage?.summary.accounts.whole).toBe(false)
    expect(await accountsIn(service)).toEqual(['acc-spotgo'])
  })
})
