import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppError } from '@shared/errors'
import { CregoDocument, CregoPage } from '../../../electron/main/providers/crego/wire'
import { isAbortError, isProviderError, toAppError } from '../../../electron/main/providers/errors'
import {
  createHttpClient,
  type HttpClient,
  type HttpTuning,
} from '../../../electron/main/providers/http'
import { createRateLimiter, type RateLimiter } from '../../../electron/main/providers/rate-limiter'
import {
  SpotGoFreight,
  SpotGoFreightListLoose,
  SpotGoShareResponse,
  type SpotGoFreightSubmitInput,
} from '../../../electron/main/providers/spotgo/wire'
import type { Document as SimDocument } from '../../../electron/main/simulators/crego/shapes'
import type { Freight as SimFreight } from '../../../electron/main/simulators/spotgo/shapes'
import { createRecordingLogger } from '../../support/recording-logger'
import {
  cregoSimulator,
  spotgoSimulator,
  type SpotGoSimulator,
  type CregoSimulator,
} from '../../support/simulators'
import { providerFailure } from '../../support/provider-failure'

const now = '2026-03-02T09:00:00Z'
const roomy = { limit: 100_000, windowMs: 1000 }
let spotgo: SpotGoSimulator
let crego: CregoSimulator

beforeAll(async () => {
  spotgo = await spotgoSimulator({ seed: 3, now, freights: 40, rateLimit: roomy })
  crego = await cregoSimulator({ seed: 3, now, documents: 5 })
})
beforeEach(() => {
  spotgo.faults.reset()
  crego.faults.reset()
})

/** A SpotGo HTTP client whose waits are recorded instead of slept. */
function spotgoHttp(tuning: HttpTuning & { limiter?: RateLimiter; apiKey?: string } = {}) {
  const log = createRecordingLogger()
  const sleeps: number[] = []
  const client = createHttpClient({
    provider: 'spotgo',
    baseUrl: spotgo.baseUrl,
    log,
    authHint: 'Check the API key in Accounts.',
    headers: { 'x-api-key': tuning.apiKey ?? spotgo.credentials.apiKey, 'x-api-version': '1.0' },
    sleep: (ms, signal) => {
      sleeps.push(ms)
      signal?.throwIfAborted()
      return Promise.resolve()
    },
    random: () => 0.5,
    ...tuning,
  })
  return { client, log, sleeps }
}

const listRequest = {
  method: 'GET',
  path: '/api/v1/freights',
  query: { page: 1, pageSize: 5 },
  action: 'list freights',
  schema: SpotGoFreightListLoose,
} as const

function submitBody(): SpotGoFreightSubmitInput {
  const first = spotgo.state.ordered()[0] as SimFreight
  return {
    externalNumber: 'ZL/2026/HTTP-1',
    owner: spotgo.credentials.ownerEmail,
    sources: ['1'],
    locations: first.locations,
    requirements: first.requirements,
    payment: first.payment,
  }
}

describe('answers', () => {
  it('reads and validates JSON and keeps the raw body', async () => {
    const { client, sleeps } = spotgoHttp()
    const answer = await client.json(listRequest)
    expect(answer.status).toBe(200)
    expect(answer.data.items).toHaveLength(5)
    expect(answer.data.totalCount).toBe(40)
    expect((answer.raw as { items: unknown[] }).items).toHaveLength(5)
    expect(sleeps).toEqual([])
  })

  it('refuses an answer of the wrong shape without trying again', async () => {
    const { client, sleeps } = spotgoHttp()
    const error = await providerFailure(
      client.json({ ...listRequest, schema: z.object({ freights: z.array(z.unknown()) }) }),
    )
    expect(error.kind).toBe('bad_response')
    expect(error.message).toMatch(/^SpotGo sent an answer Freightdesk cannot read/)
    expect(error.message).toContain('expected shape')
    expect(toAppError(error).code).toBe('provider_error')
    expect(sleeps).toEqual([])
  })

  it('refuses HTML where JSON was expected', async () => {
    const { client } = spotgoHttp()
    const share = await client.json({
      method: 'POST',
      path: '/api/v1/freights/share',
      json: {
        freightIds: [spotgo.state.ordered()[0]?.id],
        urlExpirationTime: '01:00:00',
        ownerEmail: spotgo.credentials.ownerEmail,
      },
      action: 'create the share link',
      schema: SpotGoShareResponse,
    })
    const error = await providerFailure(
      client.json({
        method: 'GET',
        path: share.data.url,
        action: 'open the link',
        schema: z.unknown(),
      }),
    )
    expect(error.kind).toBe('bad_response')
    expect(error.message).toContain('text/html instead of JSON')
  })

  it('says a link is gone once it expired (410)', async () => {
    const { client } = spotgoHttp()
    const share = await client.json({
      method: 'POST',
      path: '/api/v1/freights/share',
      json: {
        freightIds: [spotgo.state.ordered()[0]?.id],
        urlExpirationTime: '00:01:00',
        ownerEmail: spotgo.credentials.ownerEmail,
      },
      action: 'create the share link',
      schema: SpotGoShareResponse,
    })
    spotgo.clock.advance(61_000)
    const error = await providerFailure(
      client.send({ method: 'GET', path: share.data.url, action: 'open the share link' }),
    )
    expect(error).toMatchObject({ kind: 'gone', status: 410 })
    expect(toAppError(error)).toMatchObject({ code: 'not_found', provider: 'spotgo' })
    expect(error.message).toBe('SpotGo says this has expired or was revoked.')
  })

  it('takes a 204 as an answer without a body', async () => {
    const { client } = spotgoHttp()
    const id = spotgo.state.ordered().at(-1)?.id ?? ''
    const answer = await client.json({
      method: 'DELETE',
      path: `/api/v1/freights/${id}`,
      action: 'withdraw the freight',
      schema: z.undefined(),
    })
    expect(answer).toMatchObject({ status: 204, data: undefined, raw: undefined })
  })

  it('calls only the origin it was made for', async () => {
    const { client } = spotgoHttp()
    await expect(
      client.send({ method: 'GET', path: 'http://127.0.0.2:9/x', action: 'go elsewhere' }),
    ).rejects.toThrow(/may only go to/)
  })

  it('maps 401, 404 and 400 with field errors', async () => {
    const wrongKey = spotgoHttp({ apiKey: 'sg_not-a-key-at-all' })
    const auth = await providerFailure(wrongKey.client.json(listRequest))
    expect(auth.kind).toBe('auth')
    expect(auth.status).toBe(401)
    expect(auth.message).toBe(
      'SpotGo did not accept the sign-in: The API key is not valid. Check the API key in Accounts.',
    )
    expect(toAppError(auth).code).toBe('auth_required')
    expect(wrongKey.sleeps).toEqual([])

    const { client } = spotgoHttp()
    const missing = await providerFailure(
      client.json({
        method: 'GET',
        path: '/api/v1/freights/nope',
        action: 'get the freight',
        schema: SpotGoFreight,
      }),
    )
    expect(missing.kind).toBe('not_found')
    expect(toAppError(missing)).toMatchObject({ code: 'not_found', provider: 'spotgo' })
    expect(missing.message).toContain('No freight with id nope.')

    const invalid = await providerFailure(
      client.json({
        method: 'GET',
        path: '/api/v1/freights',
        query: { pageSize: 500 },
        action: 'list freights',
        schema: SpotGoFreightListLoose,
      }),
    )
    expect(invalid.kind).toBe('validation')
    expect(invalid.fields).toEqual({ pageSize: ['The page size may be at most 100.'] })
    expect(AppError.parse(toAppError(invalid))).toMatchObject({
      code: 'validation',
      fields: { pageSize: 'The page size may be at most 100.' },
    })
  })
})

describe('retries', () => {
  it('rides out a 5xx storm with growing, jittered waits', async () => {
    const { client, log, sleeps } = spotgoHttp()
    spotgo.faults.failNext(3, 'server_error')
    const answer = await client.json(listRequest)
    expect(answer.data.items).toHaveLength(5)
    // backoff 250, 500, 1000 ms; with jitter 0.5 the wait is three quarters of each step
    expect(sleeps).toEqual([188, 375, 750])
    const retried = log.lines.filter((line) => line.message.includes('trying again'))
    expect(retried.map((line) => line.details?.status)).toEqual(
      expect.arrayContaining([expect.any(Number)]),
    )
    for (const line of retried) expect([500, 502, 503]).toContain(line.details?.status)
  })

  it('gives up on a storm that does not end, as a provider error', async () => {
    const { client, sleeps } = spotgoHttp()
    spotgo.faults.set({ serverErrorRate: 1 })
    const error = await providerFailure(client.json(listRequest))
    expect(error.kind).toBe('server')
    expect(sleeps).toHaveLength(3)
    expect(toAppError(error)).toMatchObject({ code: 'provider_error', provider: 'spotgo' })
    expect(error.message).toMatch(/^SpotGo had a problem and could not list freights \(HTTP 50\d\)/)
  })

  it('honours Retry-After during a 429 burst', async () => {
    const paused: number[] = []
    const limiter: RateLimiter = {
      rule: { limit: 1000, windowMs: 1000 },
      waiting: 0,
      travelEstimateMs: 0,
      acquire: () => Promise.resolve(() => undefined),
      pauseFor: () => undefined,
      throttled: (ms) => paused.push(ms ?? -1),
    }
    const { client, sleeps } = spotgoHttp({ limiter })
    spotgo.faults.set({ retryAfterSeconds: 2 })
    spotgo.faults.failNext(3, 'rate_limited')
    const answer = await client.json(listRequest)
    expect(answer.data.items).toHaveLength(5)
    expect(sleeps).toHaveLength(3)
    for (const ms of sleeps) expect(ms).toBeGreaterThanOrEqual(2000)
    expect(paused).toEqual([2000, 2000, 2000])
  })

  it('really waits out Retry-After', async () => {
    const log = createRecordingLogger()
    const client = createHttpClient({
      provider: 'spotgo',
      baseUrl: spotgo.baseUrl,
      log,
      authHint: '',
      headers: { 'x-api-key': spotgo.credentials.apiKey },
    })
    spotgo.faults.set({ retryAfterSeconds: 1 })
    spotgo.faults.failNext(1, 'rate_limited')
    const started = performance.now()
    await client.json(listRequest)
    expect(performance.now() - started).toBeGreaterThanOrEqual(990)
  })

  it('does not wait longer than the cap: the call ends as rate limited', async () => {
    const { client, sleeps } = spotgoHttp({ maxRetryAfterMs: 5_000 })
    spotgo.faults.set({ retryAfterSeconds: 120 })
    spotgo.faults.failNext(1, 'rate_limited')
    const error = await providerFailure(client.json(listRequest))
    expect(error.kind).toBe('rate_limited')
    expect(error.retryAfterSeconds).toBe(120)
    expect(toAppError(error)).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 120 })
    expect(error.message).toBe('SpotGo is limiting requests right now. Try again in 120 s.')
    expect(sleeps).toEqual([])
  })

  it('tries a GET again when the connection is cut mid-body', async () => {
    const { client, log } = spotgoHttp()
    spotgo.faults.failNext(1, 'reset')
    const answer = await client.json(listRequest)
    expect(answer.data.items).toHaveLength(5)
    expect(log.lines[0]?.details).toMatchObject({ kind: 'offline', attempt: 1 })
  })

  it('never sends a POST twice once it may have arrived', async () => {
    const { client, sleeps } = spotgoHttp()
    const before = spotgo.state.freights.size
    spotgo.faults.failNext(1, 'reset')
    const error = await providerFailure(
      client.json({
        method: 'POST',
        path: '/api/v1/freights',
        json: submitBody(),
        action: 'create the freight',
        schema: SpotGoFreight,
      }),
    )
    expect(error.kind).toBe('offline')
    expect(sleeps).toEqual([])
    // The simulator created it before cutting the answer: exactly once.
    expect(spotgo.state.freights.size).toBe(before + 1)
  })

  it('tries a GET again after broken JSON, and says so clearly when it stays broken', async () => {
    const { client, sleeps } = spotgoHttp()
    spotgo.faults.failNext(1, 'malformed')
    expect((await client.json(listRequest)).data.items).toHaveLength(5)
    expect(sleeps).toHaveLength(1)

    spotgo.faults.set({ malformedRate: 1 })
    const error = await providerFailure(client.json(listRequest))
    expect(error.kind).toBe('bad_response')
    expect(error.message).toContain('the answer is not valid JSON')
    expect(error.message).not.toContain('{')
    expect(toAppError(error).code).toBe('provider_error')
  })

  it('does not repeat a POST whose answer was broken JSON', async () => {
    const { client, sleeps } = spotgoHttp()
    spotgo.faults.failNext(1, 'malformed')
    const error = await providerFailure(
      client.json({
        method: 'POST',
        path: '/api/v1/freights',
        json: submitBody(),
        action: 'create the freight',
        schema: SpotGoFreight,
      }),
    )
    expect(error.kind).toBe('bad_response')
    expect(sleeps).toEqual([])
  })

  it('tries again when the connection is refused, for any method, and ends offline', async () => {
    const { client, sleeps } = spotgoHttp()
    await spotgo.faults.goOffline()
    try {
      const get = await providerFailure(client.json(listRequest))
      expect(get.kind).toBe('offline')
      expect(get.status).toBeNull()
      expect(get.message).toMatch(
        /^SpotGo could not be reached to list freights \(connection refused\)/,
      )
      expect(toAppError(get).code).toBe('offline')
      expect(sleeps).toHaveLength(3)
      const post = await providerFailure(
        client.json({
          method: 'POST',
          path: '/api/v1/freights',
          json: submitBody(),
          action: 'create the freight',
          schema: SpotGoFreight,
        }),
      )
      expect(post.kind).toBe('offline')
      expect(sleeps).toHaveLength(6)
    } finally {
      await spotgo.faults.goOnline()
    }
  })

  it('times out a slow answer and reports it as offline', async () => {
    const { client, sleeps } = spotgoHttp({ timeoutMs: 100, maxAttempts: 2 })
    spotgo.faults.set({ latencyMs: 1500 })
    const error = await providerFailure(client.json(listRequest))
    expect(error.kind).toBe('timeout')
    expect(error.message).toContain('no answer within 100 ms')
    expect(toAppError(error).code).toBe('offline')
    expect(sleeps).toHaveLength(1)
  })
})

describe('cancellation', () => {
  it('stops a call in flight with the caller’s reason', async () => {
    const { client } = spotgoHttp()
    spotgo.faults.set({ latencyMs: 5000 })
    const controller = new AbortController()
    const started = performance.now()
    setTimeout(() => controller.abort(), 50)
    const error: unknown = await client
      .json({ ...listRequest, signal: controller.signal })
      .catch((thrown: unknown) => thrown)
    expect(isAbortError(error)).toBe(true)
    expect(isProviderError(error)).toBe(false)
    expect(performance.now() - started).toBeLessThan(4000)
  })

  it('stops during the wait between attempts', async () => {
    const client = createHttpClient({
      provider: 'spotgo',
      baseUrl: spotgo.baseUrl,
      log: createRecordingLogger(),
      authHint: '',
      headers: { 'x-api-key': spotgo.credentials.apiKey },
      baseDelayMs: 60_000,
      maxDelayMs: 60_000,
    })
    spotgo.faults.failNext(1, 'server_error')
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const error: unknown = await client
      .json({ ...listRequest, signal: controller.signal })
      .catch((thrown: unknown) => thrown)
    expect(isAbortError(error)).toBe(true)
  })

  it('stops while waiting for the rate limiter', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 })
    const { client } = spotgoHttp({ limiter })
    await client.json(listRequest)
    const controller = new AbortController()
    const waiting = client.json({ ...listRequest, signal: controller.signal })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(limiter.waiting).toBe(1)
    controller.abort()
    expect(isAbortError(await waiting.catch((thrown: unknown) => thrown))).toBe(true)
    expect(limiter.waiting).toBe(0)
  })
})

describe('bodies', () => {
  function cregoHttp(): HttpClient {
    return createHttpClient({
      provider: 'crego',
      baseUrl: crego.baseUrl,
      log: createRecordingLogger(),
      authHint: '',
      headers: { authorization: `Bearer ${crego.credentials.apiToken}` },
    })
  }
  async function aFile() {
    const page = await cregoHttp().json({
      method: 'GET',
      path: '/documents/',
      action: 'list documents',
      schema: CregoPage(CregoDocument),
    })
    const results = page.data.results as SimDocument[]
    const document = results.find((each) => each.files.length > 0) as SimDocument
    const file = document.files[0] as SimDocument['files'][number]
    return { path: `/documents/${document.id}/files/${file.id}/`, file }
  }

  it('reads bytes up to a limit and refuses more', async () => {
    const { path, file } = await aFile()
    const whole = await cregoHttp().bytes({
      method: 'GET',
      path,
      action: 'download the file',
      maxBytes: 1024 * 1024,
    })
    expect(whole.bytes.byteLength).toBe(file.size)
    expect(new TextDecoder().decode(whole.bytes.subarray(0, 5))).toBe('%PDF-')
    const error = await providerFailure(
      cregoHttp().bytes({ method: 'GET', path, action: 'download the file', maxBytes: 100 }),
    )
    expect(error.kind).toBe('rejected')
    expect(error.message).toBe(
      'What Crego sent to download the file is larger than the 100 bytes Freightdesk accepts. Open it on Crego instead.',
    )
  })

  it('streams a file and refuses one larger than the limit before reading it', async () => {
    const { path, file } = await aFile()
    const stream = await cregoHttp().stream({
      method: 'GET',
      path,
      action: 'download the file',
      maxBytes: file.size,
    })
    expect(stream.size).toBe(file.size)
    expect(stream.contentType).toBe('application/pdf')
    let total = 0
    const reader = stream.body.getReader()
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      total += read.value.byteLength
    }
    expect(total).toBe(file.size)
    const error = await providerFailure(
      cregoHttp().stream({ method: 'GET', path, action: 'download the file', maxBytes: 10 }),
    )
    expect(error.kind).toBe('rejected')
  })
})
