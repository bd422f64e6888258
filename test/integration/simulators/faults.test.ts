import http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { startCregoSimulator } from '../../../electron/main/simulators/crego/server'
import {
  controlSimulator,
  type ControlAccess,
} from '../../../electron/main/simulators/http/control'
import type { FaultKind } from '../../../electron/main/simulators/http/faults'
import type { SimulatorFaults } from '../../../electron/main/simulators/http/simulator'
import { startSpotGoSimulator } from '../../../electron/main/simulators/spotgo/server'
import { startTranseuSimulator } from '../../../electron/main/simulators/transeu/server'
import {
  cregoDocumented,
  documentedErrors,
  spotGoDocumented,
  transeuDocumented,
} from '../../support/documented-shapes'
import { signIn } from '../../support/transeu-sign-in'

const now = '2026-03-02T09:00:00Z'
const roomy = { limit: 100_000, windowMs: 1000 }

/** One simulator as the fault tests see it: a list to page through, with its auth already done. */
interface Harness {
  baseUrl: string
  faults: SimulatorFaults
  control: ControlAccess
  clock: { now(): number }
  /** The URL of a list page and the headers an authenticated call needs. */
  listUrl(page: number): string
  headers: Record<string, string>
  /** The ids on a list page, read with the provider's documented shape. */
  ids(body: unknown): string[]
  /** The provider's error body for a status. */
  errorBody(status: number): z.ZodType
  pageSize: number
  stop(): Promise<void>
}

const harnesses: Record<string, (seed?: number) => Promise<Harness>> = {
  spotgo: async (seed = 1) => {
    const sim = await startSpotGoSimulator({ seed, now, freights: 40, rateLimit: roomy })
    return {
      ...sim,
      listUrl: (page) => `${sim.baseUrl}/api/v1/freights?pageSize=10&page=${page}`,
      headers: { 'x-api-key': sim.credentials.apiKey },
      ids: (body) => spotGoDocumented.page.parse(body).items.map((item) => item.id),
      errorBody: (status) =>
        status >= 500 ? documentedErrors.spotgoErrorViewModel : documentedErrors.spotgoProblem,
      pageSize: 10,
    }
  },
  transeu: async (seed = 1) => {
    const sim = await startTranseuSimulator({
      seed,
      now,
      freights: 150,
      rateLimits: { data: roomy, token: roomy },
    })
    const tokens = await signIn(sim)
    return {
      ...sim,
      listUrl: (page) => `${sim.baseUrl}/ext/freights-api/v1/freights?page=${page}`,
      headers: {
        'api-key': sim.credentials.apiKey,
        authorization: `Bearer ${tokens.access_token}`,
      },
      ids: (body) =>
        z
          .array(transeuDocumented.listItem)
          .parse(body)
          .map((item) => String(item.id)),
      errorBody: () => documentedErrors.transeuProblem,
      pageSize: 30,
    }
  },
  crego: async (seed = 1) => {
    const sim = await startCregoSimulator({ seed, now, documents: 30 })
    return {
      ...sim,
      listUrl: (page) => `${sim.baseUrl}/documents/?page_size=10&page=${page}`,
      headers: { authorization: `Bearer ${sim.credentials.apiToken}` },
      ids: (body) =>
        (
          cregoDocumented.page(cregoDocumented.document).parse(body).results as Array<{
            id: string
          }>
        ).map((item) => item.id),
      errorBody: () => documentedErrors.cregoDetail,
      pageSize: 10,
    }
  },
}

let running: Harness | undefined
afterEach(async () => {
  await running?.stop()
  running = undefined
})

async function start(name: string, seed?: number): Promise<Harness> {
  const harness = harnesses[name]
  if (!harness) throw new Error(name)
  running = await harness(seed)
  return running
}

function parses(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function get(harness: Harness, page = 1): Promise<Response> {
  return fetch(harness.listUrl(page), { headers: harness.headers })
}

describe.each(Object.keys(harnesses))('%s faults', (name) => {
  it('answers 5xx with the provider error body for failNext(n, "server_error"), then recovers', async () => {
    const sim = await start(name)
    sim.faults.failNext(2, 'server_error')
    for (let i = 0; i < 2; i++) {
      const response = await get(sim)
      expect([500, 502, 503]).toContain(response.status)
      sim.errorBody(response.status).parse(await response.json())
    }
    expect((await get(sim)).status).toBe(200)
  })

  it('answers 429 with Retry-After for failNext(n, "rate_limited")', async () => {
    const sim = await start(name)
    sim.faults.set({ retryAfterSeconds: 7 })
    sim.faults.failNext(1, 'rate_limited')
    const response = await get(sim)
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('7')
    sim.errorBody(429).parse(await response.json())
    expect((await get(sim)).status).toBe(200)
  })

  it('keeps refusing for the whole length of a 429 burst', async () => {
    const sim = await start(name)
    sim.faults.set({ rateLimitBurstRate: 1, rateLimitBurstLength: 3 })
    expect((await get(sim)).status).toBe(429)
    sim.faults.set({ rateLimitBurstRate: 0 })
    expect((await get(sim)).status).toBe(429)
    expect((await get(sim)).status).toBe(429)
    expect((await get(sim)).status).toBe(200)
  })

  it('cuts the connection halfway through the body for "reset"', async () => {
    const sim = await start(name)
    sim.faults.failNext(1, 'reset')
    const url = new URL(sim.listUrl(1))
    const outcome = await new Promise<{
      status?: number
      declared?: number
      received: number
      complete: boolean
    }>((resolve) => {
      const request = http.get(url, { headers: sim.headers }, (response) => {
        let received = 0
        response.on('data', (chunk: Buffer) => (received += chunk.length))
        response.on('error', () => undefined)
        response.on('close', () =>
          resolve({
            status: response.statusCode,
            declared: Number(response.headers['content-length']),
            received,
            complete: response.complete,
          }),
        )
      })
      request.on('error', () => resolve({ received: 0, complete: false }))
    })
    expect(outcome.status).toBe(200)
    expect(outcome.complete).toBe(false)
    expect(outcome.received).toBeGreaterThan(0)
    expect(outcome.received).toBeLessThan(outcome.declared!)
    await expect(
      fetch(sim.listUrl(1), { headers: sim.headers }).then((r) => r.text()),
    ).resolves.toBeTruthy()
  })

  it('sends a JSON body that does not parse for "malformed"', async () => {
    const sim = await start(name)
    const whole = await (await get(sim)).text()
    sim.faults.failNext(1, 'malformed')
    const response = await get(sim)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('json')
    const text = await response.text()
    expect(text.length).toBeLessThan(whole.length)
    expect(() => JSON.parse(text) as unknown).toThrow()
  })

  it('draws probabilistic faults from the seed: the same seed fails the same requests', async () => {
    const statuses = async () => {
      const sim = await start(name, 9)
      sim.faults.set({ serverErrorRate: 0.3, malformedRate: 0.2 })
      const seen: string[] = []
      for (let i = 0; i < 30; i++) {
        const response = await get(sim)
        const text = await response.text()
        seen.push(response.status === 200 && !parses(text) ? 'malformed' : String(response.status))
      }
      await sim.stop()
      running = undefined
      return seen
    }
    const first = await statuses()
    expect(await statuses()).toEqual(first)
    const failed = first.filter((status) => status !== '200').length
    expect(failed).toBeGreaterThan(5)
    expect(failed).toBeLessThan(25)
  })

  it('adds latency to every answer', async () => {
    const sim = await start(name)
    sim.faults.set({ latencyMs: 120 })
    const started = performance.now()
    expect((await get(sim)).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(115)
  })

  it('inserts items at the top while a client pages, so a later page repeats earlier items', async () => {
    const sim = await start(name)
    const first = sim.ids(await (await get(sim, 1)).json())
    expect(first).toHaveLength(sim.pageSize)
    sim.faults.set({ insertWhilePaging: 2 })
    const second = sim.ids(await (await get(sim, 2)).json())
    expect(second.slice(0, 2)).toEqual(first.slice(-2))
    const top = sim.ids(await (await get(sim, 1)).json())
    expect(top.slice(2)).toEqual(first.slice(0, sim.pageSize - 2))
    expect(top.slice(0, 2).some((id) => first.includes(id))).toBe(false)
  })

  it('goes offline (connection refused) and back on the same port', async () => {
    const sim = await start(name)
    await sim.faults.goOffline()
    await expect(get(sim)).rejects.toThrow()
    await sim.faults.goOnline()
    expect((await get(sim)).status).toBe(200)
  })

  it('is switched over HTTP by the control endpoint, guarded by its token', async () => {
    const sim = await start(name)
    await controlSimulator(sim.control, 'faults', { serverErrorRate: 1 })
    expect((await get(sim)).status).toBeGreaterThanOrEqual(500)
    await controlSimulator(sim.control, 'faults/reset')
    expect((await get(sim)).status).toBe(200)
    await controlSimulator(sim.control, 'fail-next', {
      count: 1,
      kind: 'rate_limited' satisfies FaultKind,
    })
    expect((await get(sim)).status).toBe(429)

    const before = sim.clock.now()
    const moved = (await controlSimulator(sim.control, 'clock', { advanceMs: 5000 })) as {
      now: string
    }
    expect(sim.clock.now()).toBe(before + 5000)
    expect(Date.parse(moved.now)).toBe(before + 5000)

    await expect(
      controlSimulator({ ...sim.control, token: 'wrong' }, 'faults', {}),
    ).rejects.toThrow(/403/)
    await expect(controlSimulator(sim.control, 'faults', { latencyMs: -1 })).rejects.toThrow(/400/)
    await expect(controlSimulator(sim.control, 'faults', { colour: 'red' })).rejects.toThrow(/400/)
    await expect(
      controlSimulator(sim.control, 'fail-next', { count: 1, kind: 'fire' }),
    ).rejects.toThrow(/400/)
    await expect(controlSimulator(sim.control, 'no-such-action')).rejects.toThrow(/404/)
    // The same endpoint answers on the simulator's own port.
    await controlSimulator({ url: sim.baseUrl, token: sim.control.token }, 'fail-next', {
      count: 1,
      kind: 'server_error',
    })
    expect((await get(sim)).status).toBeGreaterThanOrEqual(500)
    expect((await fetch(`${sim.baseUrl}/__control/faults`)).status).toBe(403)
  })

  it('goes offline and back over HTTP, through the control port and through its own port', async () => {
    const sim = await start(name)
    await controlSimulator(sim.control, 'offline')
    await expect(get(sim)).rejects.toThrow()
    await controlSimulator(sim.control, 'online')
    expect((await get(sim)).status).toBe(200)
    await controlSimulator({ url: sim.baseUrl, token: sim.control.token }, 'offline')
    await expect(get(sim)).rejects.toThrow()
    await controlSimulator(sim.control, 'online')
    expect((await get(sim)).status).toBe(200)
  })

  it('stops while an answer is held back by latency', async () => {
    const sim = await start(name)
    sim.faults.set({ latencyMs: 60_000 })
    const pending = get(sim).then(
      () => 'answered',
      () => 'failed',
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    await sim.stop()
    running = undefined
    expect(await pending).toBe('failed')
    await expect(fetch(sim.listUrl(1), { headers: sim.headers })).rejects.toThrow()
  })
})

describe.each(['transeu', 'crego'] as const)('%s token faults over HTTP', (name) => {
  it('expire-tokens makes data calls 401', async () => {
    const sim = await start(name)
    await controlSimulator(sim.control, 'expire-tokens')
    expect((await get(sim)).status).toBe(401)
  })
})
