/**
 * The provider clients against the simulators: how close a full Trans.eu list run (2,978 freights,
 * 100 pages, four pages in flight) comes to the floor the platform's rate limit sets (pages at 15
 * a second), at 0, 50 and 200 ms of added latency; and what the HTTP layer (limiter, token,
 * validation, mapping) costs per call next to a bare fetch.
 */
import { test } from 'vitest'
import { createRateLimiter, providerRateLimits } from '../electron/main/providers/rate-limiter'
import { createTranseuClient } from '../electron/main/providers/transeu/client'
import {
  createTranseuOAuth,
  createTranseuTokenManager,
} from '../electron/main/providers/transeu/oauth'
import { startTranseuSimulator } from '../electron/main/simulators/transeu/server'
import { createMemoryTokenStore } from '../test/support/memory-token-store'
import { createRecordingLogger } from '../test/support/recording-logger'
import { dataCall, signIn } from '../test/support/transeu-sign-in'
import { percentiles, recordFigure } from './support/figures'

test('Trans.eu list runs against the rate limit', async () => {
  // Real time: the simulator counts 15 requests a second of the wall clock, as the platform does.
  const sim = await startTranseuSimulator({ seed: 4, freights: 6000 })
  try {
    const tokens = await signIn(sim)
    const log = createRecordingLogger()
    const store = createMemoryTokenStore({
      accessToken: tokens.access_token,
      accessTokenExpiresAt: new Date(Date.now() + tokens.expires_in * 1000).toISOString(),
      refreshToken: tokens.refresh_token,
    })
    const oauth = createTranseuOAuth({
      apiBaseUrl: sim.baseUrl,
      app: sim.credentials,
      limiter: createRateLimiter(providerRateLimits.transeuToken),
      log,
    })
    const client = () =>
      createTranseuClient({
        baseUrl: sim.baseUrl,
        apiKey: sim.credentials.apiKey,
        tokens: createTranseuTokenManager({ oauth, store, log }),
        limiter: createRateLimiter(providerRateLimits.transeuApi),
        log,
      })

    for (const latencyMs of [0, 50, 200]) {
      sim.faults.set({ latencyMs })
      // Let the platform's window from the previous run pass.
      await new Promise((resolve) => setTimeout(resolve, 1200))
      const started = performance.now()
      const run = client().freights('freights', {}, { lookahead: 4 })
      for await (const page of run) void page
      const ms = performance.now() - started
      const floorMs = ((run.summary?.pages ?? 0) / 15) * 1000
      recordFigure(`clients.transeu_run_vs_floor_${latencyMs}ms`, {
        value: Math.round((ms / floorMs) * 100) / 100,
        unit: 'x',
        target: '<= 1.3',
      })
    }
    recordFigure('clients.transeu_run_429s', {
      value: log.lines.filter((line) => line.details?.status === 429).length,
      unit: 'answers',
      target: '<= 0',
    })

    sim.faults.set({ latencyMs: 0 })
    await new Promise((resolve) => setTimeout(resolve, 1200))
    const unpaced = createTranseuClient({
      baseUrl: sim.baseUrl,
      apiKey: sim.credentials.apiKey,
      tokens: createTranseuTokenManager({ oauth, store, log }),
      limiter: createRateLimiter({ limit: 15, windowMs: 1000 }),
      log,
    })
    const id = [...sim.state.freights.freights.keys()][0] as number
    const path = `/ext/freights-api/v1/freights/${id}`
    const access = store.current?.accessToken ?? ''
    const bare: number[] = []
    const full: number[] = []
    // Spaced a little over the platform's pace, so that neither side meets its limit.
    for (let i = 0; i < 60; i++) {
      const fetchStarted = performance.now()
      await (await dataCall(sim, path, access)).json()
      bare.push(performance.now() - fetchStarted)
      const clientStarted = performance.now()
      await unpaced.detail(id)
      full.push(performance.now() - clientStarted)
      await new Promise((resolve) => setTimeout(resolve, 140))
    }
    recordFigure('clients.transeu_detail_bare_p50', {
      value: Math.round(percentiles(bare).p50 * 100) / 100,
      unit: 'ms',
    })
    recordFigure('clients.transeu_detail_client_p50', {
      value: Math.round(percentiles(full).p50 * 100) / 100,
      unit: 'ms',
    })
  } finally {
    await sim.stop()
  }
})
