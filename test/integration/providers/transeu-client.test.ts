import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { NormalizedFreight } from '@shared/domain/freight'
import { AppError } from '@shared/errors'
import { isAbortError, toAppError } from '../../../electron/main/providers/errors'
import {
  createRateLimiter,
  providerRateLimits,
  type RateLimiter,
} from '../../../electron/main/providers/rate-limiter'
import {
  createTranseuClient,
  type TranseuClient,
} from '../../../electron/main/providers/transeu/client'
import {
  createTranseuOAuth,
  createTranseuTokenManager,
} from '../../../electron/main/providers/transeu/oauth'
import {
  transeuLists,
  type TranseuFreightDraftInput,
  type TranseuListName,
  type TranseuSortKey,
} from '../../../electron/main/providers/transeu/wire'
import type { FreightDetail as TranseuFreightDetail } from '../../../electron/main/simulators/transeu/shapes'
import { createMemoryTokenStore } from '../../support/memory-token-store'
import { createRecordingLogger } from '../../support/recording-logger'
import { signIn } from '../../support/transeu-sign-in'
import { providerFailure } from '../../support/provider-failure'
import { transeuSimulator, type TranseuSimulator } from '../../support/simulators'

const now = '2026-03-02T09:00:00Z'
const roomy = { limit: 100_000, windowMs: 1000 }
let sim: TranseuSimulator

beforeAll(async () => {
  sim = await transeuSimulator({
    seed: 21,
    now,
    freights: 160,
    rateLimits: { data: roomy, token: roomy },
  })
})
beforeEach(() => sim.faults.reset())

interface Harness {
  client: TranseuClient
  store: ReturnType<typeof createMemoryTokenStore>
  log: ReturnType<typeof createRecordingLogger>
  sleeps: number[]
  /** Events in order: `store:<refresh>:<access>` and `use:<access>`. */
  timeline: string[]
}

/** A signed-in client whose clock is the simulator's and whose waits are recorded, not slept. */
async function harness(
  options: { limiter?: RateLimiter; target?: TranseuSimulator; realSleep?: boolean } = {},
): Promise<Harness> {
  const target = options.target ?? sim
  const tokens = await signIn(target)
  const timeline: string[] = []
  const store = createMemoryTokenStore(
    {
      accessToken: tokens.access_token,
      accessTokenExpiresAt: new Date(target.clock.now() + tokens.expires_in * 1000).toISOString(),
      refreshToken: tokens.refresh_token,
    },
    { timeline },
  )
  const log = createRecordingLogger()
  const sleeps: number[] = []
  const http = {
    fetch: (input: string | URL | Request, init?: RequestInit) => {
      const authorization = new Headers(init?.headers).get('authorization')
      if (authorization) timeline.push(`use:${authorization.slice('Bearer '.length)}`)
      return fetch(input, init)
    },
    ...(options.realSleep
      ? {}
      : {
          sleep: (ms: number) => {
            sleeps.push(ms)
            return Promise.resolve()
          },
        }),
  }
  const oauth = createTranseuOAuth({
    apiBaseUrl: target.baseUrl,
    app: target.credentials,
    limiter: createRateLimiter(providerRateLimits.transeuToken),
    log,
    http,
  })
  const client = createTranseuClient({
    baseUrl: target.baseUrl,
    apiKey: target.credentials.apiKey,
    tokens: createTranseuTokenManager({
      oauth,
      store,
      log,
      now: () => target.clock.now(),
    }),
    limiter: options.limiter ?? createRateLimiter(roomy),
    log,
    http,
  })
  return { client, store, log, sleeps, timeline }
}

function simulatorFreights(list: TranseuListName): TranseuFreightDetail[] {
  const statuses: readonly string[] = transeuLists[list]
  return [...sim.state.freights.freights.values()].filter((freight) =>
    statuses.includes(freight.status),
  )
}

function draftBody(overrides: Partial<TranseuFreightDraftInput> = {}): TranseuFreightDraftInput {
  return {
    capacity: 12,
    requirements: {
      is_ftl: false,
      required_truck_bodies: ['curtainsider'],
      vehicle_size: 'lorry',
    },
    spots: [
      {
        spot_order: 1,
        place: { address: { country: 'pl', postal_code: '90-001', locality: 'Łódź' } },
        operations: [
          {
            operation_order: 1,
            type: 'loading',
            timespans: { begin: '2026-03-10T08:00:00+01:00', end: '2026-03-10T12:00:00+01:00' },
          },
        ],
      },
      {
        spot_order: 2,
        place: { address: { country: 'de', postal_code: '90402', locality: 'Nürnberg' } },
        operations: [
          {
            operation_order: 1,
            type: 'unloading',
            timespans: { begin: '2026-03-11T08:00:00+01:00', end: '2026-03-11T16:00:00+01:00' },
          },
        ],
      },
    ],
    loads: [],
    shipment_external_id: 'ZL/2026/CLIENT-1',
    ...overrides,
  }
}

describe('lists', () => {
  it.each(Object.keys(transeuLists) as TranseuListName[])(
    'reads every freight of the %s list, once each, normalized',
    async (list) => {
      const { client } = await harness()
      const result = await client.listAll(list)
      const expected = simulatorFreights(list)
      expect(result.items.map((freight) => freight.providerId).sort()).toEqual(
        expected.map((freight) => String(freight.id)).sort(),
      )
      expect(result).toMatchObject({ shifted: false, duplicates: 0, rejected: 0 })
      expect(result.pages).toBe(Math.floor(expected.length / 30) + 1)
      for (const freight of result.items) {
        expect(() => NormalizedFreight.parse(freight)).not.toThrow()
        expect(transeuLists[list]).toContain(freight.statusRaw)
      }
    },
  )

  it('filters, sorts and searches as asked', async () => {
    const { client } = await harness()
    const closed = await client.listAll('freights', { filter: { status: 'in_progress' } })
    expect(closed.items.length).toBeGreaterThan(0)
    expect(new Set(closed.items.map((freight) => freight.status))).toEqual(new Set(['active']))

    const sorted = await client.listAll('archive', { sortBy: 'loading_date', order: 'asc' })
    const starts = sorted.items.map((freight) => freight.loading.window.start)
    expect(starts).toEqual([...starts].sort())

    const country = simulatorFreights('accepted')[0]?.loading.place.country ?? 'pl'
    const fromCountry = await client.listAll('accepted', {
      filter: { loading_place: { country } },
    })
    expect(fromCountry.items.length).toBeGreaterThan(0)
    for (const freight of fromCountry.items) {
      expect(freight.loading.place.country).toBe(country.toUpperCase())
    }

    const reference = simulatorFreights('accepted')[0]?.reference_number ?? ''
    const found = await client.listAll('accepted', { search: reference.slice(-6) })
    expect(found.items.map((freight) => freight.reference)).toContain(reference)
  })

  it('selects fields, always keeping the id', async () => {
    const { client } = await harness()
    const kept = await client.selectionPage('freights', {}, { reference_number: true }, 1)
    expect(kept.items).toHaveLength(30)
    for (const item of kept.items)
      expect(Object.keys(item).sort()).toEqual(['id', 'reference_number'])

    const dropped = await client.selectionPage('freights', {}, { publication: false }, 1)
    for (const item of dropped.items) {
      expect(item).not.toHaveProperty('publication')
      expect(item).toHaveProperty('loading')
    }
    const all = await (async () => {
      const ids: number[] = []
      for await (const page of client.selections('freights', {}, { id: true })) {
        ids.push(...page.items.map((item) => item.id))
      }
      return ids
    })()
    expect(all).toHaveLength(simulatorFreights('freights').length)
    await expect(client.selectionPage('freights', {}, { id: false }, 1)).rejects.toThrow(
      /The id cannot be left out/,
    )
  })

  it('reads both 422 forms: a bad modifier and a modifier the list does not take', async () => {
    const { client } = await harness()
    const sort = await providerFailure(
      client.listPage('freights', { sortBy: 'price' as TranseuSortKey }, 1),
    )
    expect(sort.kind).toBe('validation')
    expect(sort.status).toBe(422)
    expect(sort.fields).toEqual({
      sortBy: ['Allowed values: status, created_at, loading_date, unloading_date, archived_at'],
    })
    expect(AppError.parse(toAppError(sort))).toMatchObject({
      code: 'validation',
      provider: 'transeu',
    })

    const search = await providerFailure(client.listPage('freights', { search: 'FR/2026' }, 1))
    expect(Object.keys(search.fields)).toEqual(['search'])
    const status = await providerFailure(
      client.listPage('freights', { filter: { status: 'accepted' } }, 1),
    )
    expect(Object.keys(status.fields)).toEqual(['filter.status'])
    expect(status.message).toMatch(
      /^Trans.eu did not accept the data to list active freights: filter.status: /,
    )
  })

  it('reads ahead and gives the same freights in the same order', async () => {
    const { client } = await harness()
    const one = await client.listAll('archive', {}, { lookahead: 1 })
    const run = client.freights('archive', {}, { lookahead: 4 })
    const ahead: string[] = []
    for await (const page of run) ahead.push(...page.items.map((freight) => freight.providerId))
    expect(ahead).toEqual(one.items.map((freight) => freight.providerId))
    expect(run.summary?.requests).toBeLessThanOrEqual((run.summary?.pages ?? 0) + 3 + 1)
  })

  it('never counts a freight twice while freights arrive at the top, and says the run shifted', async () => {
    const { client } = await harness()
    const before = new Set(simulatorFreights('freights').map((freight) => String(freight.id)))
    sim.faults.set({ insertWhilePaging: 2 })
    const result = await client.listAll('freights', {}, { lookahead: 1 })
    const ids = result.items.map((freight) => freight.providerId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of before) expect(ids).toContain(id)
    expect(result.shifted).toBe(true)
    expect(result.duplicates).toBeGreaterThan(0)
    // The freights inserted during the run were picked up by reading page 1 again.
    const inserted = simulatorFreights('freights').filter(
      (freight) => !before.has(String(freight.id)),
    )
    expect(inserted.length).toBeGreaterThan(0)
    expect(ids).toEqual(expect.arrayContaining([String(inserted.at(-1)?.id)]))
  })

  it('stops a run when cancelled', async () => {
    const { client } = await harness()
    const controller = new AbortController()
    const pages: number[] = []
    const error: unknown = await (async () => {
      for await (const page of client.freights(
        'archive',
        {},
        { signal: controller.signal, lookahead: 2 },
      )) {
        pages.push(page.page)
        controller.abort()
      }
    })().catch((thrown: unknown) => thrown)
    expect(isAbortError(error)).toBe(true)
    expect(pages).toEqual([1])
  })
})

describe('faults', () => {
  it('rides out a 5xx storm, a 429 burst, a reset and broken JSON on list pages', async () => {
    const { client, sleeps } = await harness()
    sim.faults.failNext(2, 'server_error')
    expect((await client.listPage('archive', {}, 1)).items).toHaveLength(30)
    sim.faults.set({ retryAfterSeconds: 1 })
    sim.faults.failNext(2, 'rate_limited')
    expect((await client.listPage('archive', {}, 1)).items).toHaveLength(30)
    sim.faults.failNext(1, 'reset')
    expect((await client.listPage('archive', {}, 1)).items).toHaveLength(30)
    sim.faults.failNext(1, 'malformed')
    expect((await client.listPage('archive', {}, 1)).items).toHaveLength(30)
    expect(sleeps).toHaveLength(6)
    expect(sleeps.slice(2, 4).every((ms) => ms >= 1000)).toBe(true)
  })

  it('reports broken JSON that stays broken clearly', async () => {
    const { client } = await harness()
    sim.faults.set({ malformedRate: 1 })
    const error = await providerFailure(client.listPage('archive', {}, 1))
    expect(error.kind).toBe('bad_response')
    expect(toAppError(error).code).toBe('provider_error')
    expect(error.message).toContain('not valid JSON')
  })
})

describe('one freight', () => {
  it('gets the detail, normalized, with the raw payload', async () => {
    const { client } = await harness()
    const source = simulatorFreights('accepted')[0] as TranseuFreightDetail
    const freight = await client.detail(source.id)
    expect(NormalizedFreight.parse(freight)).toEqual(freight)
    expect(freight.capacity).toBe(source.capacity)
    expect(freight.status).toBe('accepted')
    expect((freight.raw as { carrier: unknown }).carrier).toEqual(source.carrier)
    const missing = await providerFailure(client.detail(999_999_999))
    expect(missing.kind).toBe('not_found')
    expect(missing.message).toContain('Freight not found')
    expect((await providerFailure(client.detail('abc'))).kind).toBe('not_found')
  })

  it('creates, overwrites and deletes a draft', async () => {
    const { client } = await harness()
    const draft = await client.createDraft(draftBody())
    expect(draft).toMatchObject({ status: 'draft', externalNumber: 'ZL/2026/CLIENT-1' })
    expect(draft.loading.place).toMatchObject({ country: 'PL', locality: 'Łódź' })
    expect(draft.loading.window).toEqual({
      start: '2026-03-10T07:00:00.000Z',
      end: '2026-03-10T11:00:00.000Z',
      timeZone: 'Europe/Warsaw',
    })
    const changed = await client.updateDraft(draft.providerId, draftBody({ capacity: 20 }))
    expect(changed.capacity).toBe(20)
    await client.deleteDraft(draft.providerId)
    expect((await providerFailure(client.detail(draft.providerId))).kind).toBe('not_found')
    expect((await providerFailure(client.deleteDraft(draft.providerId))).kind).toBe('not_found')
  })

  it('checks a draft before sending it, and reads the platform’s validation_error form', async () => {
    const { client } = await harness()
    const count = sim.state.freights.freights.size
    const local = await providerFailure(
      client.createDraft(draftBody({ capacity: -1, loads: undefined })),
    )
    expect(local).toMatchObject({ kind: 'validation', status: null })
    expect(Object.keys(local.fields).sort()).toEqual(['capacity', 'loads'])
    expect(sim.state.freights.freights.size).toBe(count)

    const body = draftBody()
    const spot = body.spots[0] as (typeof body.spots)[number]
    spot.place.address.country = 'xx'
    const remote = await providerFailure(client.createDraft(body))
    expect(remote.status).toBe(422)
    expect(remote.fields).toEqual({
      'spots.0.place.address.country': ['The sandbox knows no places in "xx".'],
    })
  })

  it('refuses to delete or overwrite a published freight, saying why (403)', async () => {
    const { client } = await harness()
    const live = simulatorFreights('freights').find((freight) => freight.status === 'in_progress')
    const deleted = await providerFailure(client.deleteDraft(live?.id ?? 0))
    expect(deleted).toMatchObject({ kind: 'conflict', status: 403 })
    expect(toAppError(deleted).code).toBe('conflict')
    expect(deleted.message).toBe(
      `Trans.eu refused to delete the draft: Freight ${live?.id} has status "in_progress"; only freights in status "new" can be deleted.`,
    )
    const overwritten = await providerFailure(client.updateDraft(live?.id ?? 0, draftBody()))
    expect(overwritten.kind).toBe('conflict')
  })
})

describe('tokens', () => {
  it('refreshes before the access token expires, storing the rotated token before using it', async () => {
    const { client, store, timeline } = await harness()
    const first = store.current
    await client.listPage('archive', {}, 1)
    sim.clock.advance(21_600_000 - 30_000)
    await client.listPage('archive', {}, 1)
    const second = store.current
    expect(second?.refreshToken).not.toBe(first?.refreshToken)
    expect(sim.state.oauth.tokens.refreshTokens.get(first?.refreshToken ?? '')?.used).toBe(true)
    const stored = timeline.indexOf(`store:${second?.refreshToken}:${second?.accessToken}`)
    const used = timeline.indexOf(`use:${second?.accessToken}`)
    expect(stored).toBeGreaterThanOrEqual(0)
    expect(used).toBeGreaterThan(stored)
  })

  it('refreshes once after a 401 from an access token the platform expired early', async () => {
    const { client, store, log } = await harness()
    const before = store.current?.accessToken
    sim.faults.expireTokens()
    expect((await client.listPage('archive', {}, 1)).items).toHaveLength(30)
    expect(store.current?.accessToken).not.toBe(before)
    expect(log.lines.some((line) => line.message.includes('answered 401'))).toBe(true)
  })

  it('asks for a new sign-in when the refresh token is dead: never offline, never an empty list', async () => {
    const { client } = await harness()
    sim.faults.revokeRefreshTokens()
    sim.faults.expireTokens()
    const error = await providerFailure(client.listAll('freights'))
    expect(error.kind).toBe('auth')
    expect(AppError.parse(toAppError(error))).toMatchObject({
      code: 'auth_required',
      provider: 'transeu',
      message:
        "Trans.eu no longer accepts this account's sign-in. Sign in to Trans.eu again in Accounts.",
    })
    const probe = await client.probe()
    expect(probe.outcome).toBe('bad_credentials')
  })
})

describe('probe', () => {
  it('tells ok, unreachable and provider errors apart', async () => {
    const { client } = await harness()
    expect(await client.probe()).toMatchObject({ outcome: 'ok' })
    sim.faults.failNext(1, 'server_error')
    expect(await client.probe()).toMatchObject({
      outcome: 'provider_error',
      error: { code: 'provider_error' },
    })
    await sim.faults.goOffline()
    try {
      expect(await client.probe()).toMatchObject({
        outcome: 'unreachable',
        error: { code: 'offline' },
      })
    } finally {
      await sim.faults.goOnline()
    }
  })
})

describe('rate limit', () => {
  let paced: TranseuSimulator | null = null
  afterEach(async () => {
    await paced?.stop()
    paced = null
  })

  it('keeps a burst of 60 calls free of 429 at the platform’s 15 a second', async () => {
    // Real time on both sides: the platform counts requests per second of the wall clock.
    paced = await transeuSimulator({ seed: 8, freights: 60 })
    const { client, log } = await harness({
      target: paced,
      limiter: createRateLimiter(providerRateLimits.transeuApi),
      realSleep: true,
    })
    const ids = [...paced.state.freights.freights.keys()].slice(0, 60)
    const started = performance.now()
    const freights = await Promise.all(ids.map((id) => client.detail(id)))
    expect(freights.map((freight) => freight.providerId)).toEqual(ids.map(String))
    const limited = log.lines.filter((line) => line.details?.status === 429)
    expect(limited).toEqual([])
    // 60 calls at 15 per (1 s + margin) cannot finish in under three windows.
    expect(performance.now() - started).toBeGreaterThanOrEqual(3000)
  }, 30_000)
})
