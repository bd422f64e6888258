/**
 * Puts real provider freights into a host's cache for the share tests, the way a sync would:
 * every SpotGo freight of the simulator read with the real client and stored by the real cache
 * code, plus generated Trans.eu freights under an account of their own (Trans.eu has no share
 * API: the dialog must explain them). Loaded through Vite's module runner (the cache bundles its
 * migrations), in the test process, while the host runs on the same file.
 */
import { freightNumber } from '@shared/freight-format'
import { openCache } from '../../electron/main/cache'
import { createRateLimiter, providerRateLimits } from '../../electron/main/providers/rate-limiter'
import { createSpotGoClient } from '../../electron/main/providers/spotgo/client'
import { makeFreight } from './freight-factory'
import { createRecordingLogger } from './recording-logger'
import { saveBareAccount } from './cache'

export interface CachedFreights {
  /** Local ids of the SpotGo freights, with their provider ids and external numbers. */
  spotgo: Array<{ id: number; providerId: string; reference: string }>
  transeu: Array<{ id: number; reference: string }>
}

export async function cacheProviderFreights(options: {
  dataDir: string
  spotgo: { accountId: string; baseUrl: string; apiKey: string }
  transeuFreights: number
}): Promise<CachedFreights> {
  const log = createRecordingLogger()
  const cache = openCache({ dataDir: options.dataDir }, { log })
  try {
    const client = createSpotGoClient({
      baseUrl: options.spotgo.baseUrl,
      apiKey: options.spotgo.apiKey,
      limiter: createRateLimiter(providerRateLimits.spotgo),
      log,
    })
    const listed = await client.listAll()
    cache.freights.upsertBatch(options.spotgo.accountId, 'e2e', listed.items)
    const transeuAccount = 'transeu-e2e'
    saveBareAccount(cache, { id: transeuAccount, provider: 'transeu', name: 'Trans.eu Kraków' })
    const transeu = Array.from({ length: options.transeuFreights }, (_, index) =>
      makeFreight({ provider: 'transeu', reference: `TEU-${index + 1}` }, 500 + index),
    )
    cache.freights.upsertBatch(transeuAccount, 'e2e', transeu)
    const rows = cache.db
      .prepare('SELECT id, provider, provider_id, external_number, reference FROM freights')
      .all() as Array<{
      id: number
      provider: string
      provider_id: string
      external_number: string | null
      reference: string | null
    }>
    // The number the app shows for a freight.
    const numberOf = (row: (typeof rows)[number]) =>
      freightNumber({
        reference: row.reference,
        externalNumber: row.external_number,
        providerId: row.provider_id,
      })
    return {
      spotgo: rows
        .filter((row) => row.provider === 'spotgo')
        .map((row) => ({
          id: row.id,
          providerId: row.provider_id,
          reference: numberOf(row),
        })),
      transeu: rows
        .filter((row) => row.provider === 'transeu')
        .map((row) => ({ id: row.id, reference: numberOf(row) })),
    }
  } finally {
    cache.close()
  }
}
