/**
 * The provider simulators at scale: how long generating 100,000 freights takes, and how fast the
 * simulators serve list pages of a 100,000-freight account compared with the real providers' rate
 * limits (a sandbox slower than the limit would make the simulator, not the client, the bottleneck).
 */
import { test } from 'vitest'
import { startCregoSimulator } from '../electron/main/simulators/crego/server'
import { generateScenario } from '../electron/main/simulators/data/generate'
import { startSpotGoSimulator } from '../electron/main/simulators/spotgo/server'
import { startTranseuSimulator } from '../electron/main/simulators/transeu/server'
import { signIn } from '../test/support/transeu-sign-in'
import { percentiles, recordFigure } from './support/figures'

const anchor = '2026-03-02T09:00:00Z'
const unlimited = { limit: 1_000_000, windowMs: 1000 }

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now()
  const value = run()
  return { value, ms: performance.now() - started }
}

test('generating scenarios', () => {
  // Warm up the code paths (and the time-zone caches) once.
  generateScenario({ seed: 1, anchor, spotgoFreights: 2000, transeuFreights: 2000, documents: 200 })
  const mixed = timed(() =>
    generateScenario({
      seed: 2,
      anchor,
      spotgoFreights: 50_000,
      transeuFreights: 50_000,
      documents: 0,
    }),
  )
  recordFigure('sandbox.generate_100k_freights', {
    value: Math.round(mixed.ms),
    unit: 'ms',
    target: '< 3000',
  })
  const transeu = timed(() =>
    generateScenario({
      seed: 3,
      anchor,
      spotgoFreights: 0,
      transeuFreights: 100_000,
      documents: 0,
    }),
  )
  recordFigure('sandbox.generate_100k_transeu', {
    value: Math.round(transeu.ms),
    unit: 'ms',
    target: '< 4000',
  })
  const documents = timed(() =>
    generateScenario({
      seed: 4,
      anchor,
      spotgoFreights: 5000,
      transeuFreights: 5000,
      documents: 10_000,
    }),
  )
  recordFigure('sandbox.generate_10k_documents_10k_freights', {
    value: Math.round(documents.ms),
    unit: 'ms',
  })
})

test('Trans.eu: paging through 100,000 freights', async () => {
  const scenario = generateScenario({
    seed: 5,
    anchor,
    spotgoFreights: 0,
    transeuFreights: 100_000,
    documents: 0,
  })
  const started = performance.now()
  const sim = await startTranseuSimulator({
    now: anchor,
    scenario,
    rateLimits: { data: unlimited, token: unlimited },
  })
  recordFigure('sandbox.transeu_start_100k', {
    value: Math.round(performance.now() - started),
    unit: 'ms',
  })
  try {
    const token = (await signIn(sim)).access_token
    const headers = { 'api-key': sim.credentials.apiKey, authorization: `Bearer ${token}` }
    const first = timed(() =>
      fetch(`${sim.baseUrl}/ext/freights-api/v1/freights?sortBy=loading_date&order=asc`, {
        headers,
      }),
    )
    await (await first.value).json()
    const samples: number[] = []
    const runStarted = performance.now()
    for (let page = 2; page <= 201; page++) {
      const pageStarted = performance.now()
      const response = await fetch(
        `${sim.baseUrl}/ext/freights-api/v1/freights?sortBy=loading_date&order=asc&page=${page}`,
        { headers },
      )
      await response.json()
      samples.push(performance.now() - pageStarted)
    }
    const pagesPerSecond = samples.length / ((performance.now() - runStarted) / 1000)
    const { p50, p95 } = percentiles(samples)
    recordFigure('sandbox.transeu_page_p50', { value: Number(p50.toFixed(2)), unit: 'ms' })
    recordFigure('sandbox.transeu_page_p95', { value: Number(p95.toFixed(2)), unit: 'ms' })
    // The platform allows 15 data calls a second: the simulator must serve pages faster than that.
    recordFigure('sandbox.transeu_pages_vs_rate_limit', {
      value: Number((pagesPerSecond / 15).toFixed(1)),
      unit: 'x',
      target: '> 1',
    })
  } finally {
    await sim.stop()
  }
})

test('SpotGo and Crego: list pages of 100 at scale', async () => {
  const scenario = generateScenario({
    seed: 6,
    anchor,
    spotgoFreights: 100_000,
    transeuFreights: 0,
    documents: 0,
  })
  const spotgo = await startSpotGoSimulator({ now: anchor, scenario, rateLimit: unlimited })
  try {
    const headers = { 'x-api-key': spotgo.credentials.apiKey }
    await (await fetch(`${spotgo.baseUrl}/api/v1/freights?pageSize=100`, { headers })).json()
    const samples: number[] = []
    for (let page = 2; page <= 101; page++) {
      const started = performance.now()
      await (
        await fetch(`${spotgo.baseUrl}/api/v1/freights?pageSize=100&page=${page}`, { headers })
      ).json()
      samples.push(performance.now() - started)
    }
    recordFigure('sandbox.spotgo_page100_p50', {
      value: Number(percentiles(samples).p50.toFixed(2)),
      unit: 'ms',
    })
  } finally {
    await spotgo.stop()
  }

  const crego = await startCregoSimulator({
    now: anchor,
    scenario: generateScenario({
      seed: 7,
      anchor,
      spotgoFreights: 2000,
      transeuFreights: 2000,
      documents: 10_000,
    }),
  })
  try {
    const headers = { authorization: `Bearer ${crego.credentials.apiToken}` }
    const samples: number[] = []
    for (let page = 1; page <= 50; page++) {
      const started = performance.now()
      await (
        await fetch(`${crego.baseUrl}/documents/?page_size=100&page=${page}`, { headers })
      ).json()
      samples.push(performance.now() - started)
    }
    recordFigure('sandbox.crego_page100_p50', {
      value: Number(percentiles(samples).p50.toFixed(2)),
      unit: 'ms',
    })
  } finally {
    await crego.stop()
  }
})
