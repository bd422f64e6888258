/**
 * The sync engine against the Trans.eu simulator: a first sync of 3,000 freights (about 100
 * pages over the three lists) into a fresh SQLite cache, at 50 ms and at 200 ms of added latency,
 * against the floor the platform's rate limit sets (100 requests at 15 a second, about 6.7 s).
 * The engine runs as in the app (real cache, real run records, events, connectivity); only the
 * account's client is built here from a signed-in token instead of the keychain.
 */
import { test } from 'vitest'
import type { SyncRun } from '@shared/domain/sync'
import { openCache } from '../electron/main/cache'
import { createEventHub } from '../electron/main/events/event-hub'
import { createRateLimiter, providerRateLimits } from '../electron/main/providers/rate-limiter'
import { createTranseuClient } from '../electron/main/providers/transeu/client'
import {
  createTranseuOAuth,
  createTranseuTokenManager,
} from '../electron/main/providers/transeu/oauth'
import { startTranseuSimulator } from '../electron/main/simulators/transeu/server'
import type { AccountClient } from '../electron/main/services/accounts/provider-gateway'
import { createConnectivity } from '../electron/main/sync/connectivity'
import { createSyncEngine } from '../electron/main/sync/engine'
import { createMemoryTokenStore } from '../test/support/memory-token-store'
import { createRecordingLogger } from '../test/support/recording-logger'
import { makeTempDir } from '../test/support/temp-dir'
import { signIn } from '../test/support/transeu-sign-in'
import { recordFigure } from './support/figures'

/** 100 requests at 15 a second. */
const floorMs = (100 / 15) * 1000

test('Trans.eu sync of 3,000 freights against the rate limit', async () => {
  // Real time: the simulator counts 15 requests a second of the wall clock, as the platform does.
  const sim = await startTranseuSimulator({ seed: 7, freights: 3000 })
  try {
    const tokens = await signIn(sim)
    for (const latencyMs of [50, 200]) {
      const temp = makeTempDir('freightdesk-bench-sync-')
      const log = createRecordingLogger()
      const cache = openCache({ dataDir: temp.dir }, { log })
      try {
        const at = new Date().toISOString()
        cache.accounts.insert({
          id: 'bench',
          provider: 'transeu',
          name: 'Bench',
          createdAt: at,
          environment: 'custom',
          baseUrl: sim.baseUrl,
          authBaseUrl: sim.baseUrl,
          redirectUri: null,
          ownerEmail: null,
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
        })
        const store = createTokenStore(tokens)
        const oauth = createTranseuOAuth({
          apiBaseUrl: sim.baseUrl,
          app: sim.credentials,
          limiter: createRateLimiter(providerRateLimits.transeuToken),
          log,
        })
        let requests = 0
        let tooMany = 0
        const countingFetch: typeof fetch = async (input, init) => {
          requests++
          const response = await fetch(input, init)
          if (response.status === 429) tooMany++
          return response
        }
        const handle: AccountClient = {
          provider: 'transeu',
          accountId: 'bench',
          tokens: createTranseuTokenManager({ oauth, store, log }),
          client: createTranseuClient({
            baseUrl: sim.baseUrl,
            apiKey: sim.credentials.apiKey,
            tokens: createTranseuTokenManager({ oauth, store, log }),
            limiter: createRateLimiter(providerRateLimits.transeuApi),
            log,
            http: { fetch: countingFetch },
          }),
        }
        const accounts = {
          clientFor: () => Promise.resolve(handle),
          recordOutcome: () => undefined,
        }
        const events = createEventHub({ validate: false, log })
        const syncStore = cache.sync
        const now = () => new Date()
        const connectivity = createConnectivity({
          accountStore: cache.accounts,
          accounts,
          store: syncStore,
          events,
          log,
          now,
        })
        const engine = createSyncEngine({
          cache,
          store: syncStore,
          accounts,
          connectivity,
          events,
          log,
          now,
        })
        sim.faults.set({ latencyMs })
        requests = 0
        tooMany = 0
        // Let the platform's window from the sign-in or the previous run pass.
        await new Promise((resolve) => setTimeout(resolve, 1200))
        const started = performance.now()
        const run: SyncRun = await engine.begin('bench', 'manual').done
        const ms = performance.now() - started
        if (run.outcome !== 'completed')
          throw new Error(`the run ended ${run.outcome}: ${run.error}`)
        recordFigure(`sync.transeu_3000_vs_floor_${latencyMs}ms`, {
          value: Math.round((ms / floorMs) * 100) / 100,
          unit: 'x',
          target: '<= 1.2',
        })
        // What the client's limiter allows on a steady network: 15 requests per window and margin.
        const { limit, windowMs, marginMs } = providerRateLimits.transeuApi
        const paceMs = (requests / limit) * (windowMs + marginMs)
        recordFigure(`sync.transeu_3000_vs_limiter_pace_${latencyMs}ms`, {
          value: Math.round((ms / paceMs) * 100) / 100,
          unit: 'x',
        })
        recordFigure(`sync.transeu_3000_ms_${latencyMs}ms`, { value: Math.round(ms), unit: 'ms' })
        recordFigure(`sync.transeu_3000_pages_${latencyMs}ms`, { value: run.pages, unit: 'pages' })
        recordFigure(`sync.transeu_3000_stored_${latencyMs}ms`, {
          value: run.inserted,
          unit: 'freights',
        })
        recordFigure(`sync.transeu_3000_requests_${latencyMs}ms`, {
          value: requests,
          unit: 'requests',
        })
        recordFigure(`sync.transeu_3000_429s_${latencyMs}ms`, {
          value: tooMany,
          unit: 'answers',
          target: '<= 0',
        })
        await engine.dispose()
        connectivity.dispose()
      } finally {
        cache.close()
        temp.remove()
      }
    }
  } finally {
    await sim.stop()
  }
})

function createTokenStore(tokens: Awaited<ReturnType<typeof signIn>>) {
  return createMemoryTokenStore({
    accessToken: tokens.access_token,
    accessTokenExpiresAt: new Date(Date.now() + tokens.expires_in * 1000).toISOString(),
    refreshToken: tokens.refresh_token,
  })
}
