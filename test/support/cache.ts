import type { NormalizedFreight, Provider } from '@shared/domain/freight'
import { openCache, type Cache } from '../../electron/main/cache'
import type { Logger } from '../../electron/main/log'
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
  for (const account of testAccounts) cache.freights.saveAccount(account)
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
