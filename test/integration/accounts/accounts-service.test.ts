/**
 * The accounts service through the router, against the three simulators over real HTTP, with the
 * real keychain: adding (credentials checked first), changing, testing, removing, and the ready
 * clients other services get.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CregoAccount, SpotGoAccount, TranseuAccount } from '@shared/domain/account'
import {
  startCregoSimulator,
  type CregoSimulator,
} from '../../../electron/main/simulators/crego/server'
import {
  startSpotGoSimulator,
  type SpotGoSimulator,
} from '../../../electron/main/simulators/spotgo/server'
import {
  startTranseuSimulator,
  type TranseuSimulator,
} from '../../../electron/main/simulators/transeu/server'
import { makeFreights } from '../../support/freight-factory'
import { keychainEntries, requireKeychain } from '../../support/keychain'
import { startTestCore, type TestCore } from '../../support/test-core'
import { signInTranseu } from '../../support/test-accounts'

const spotgoKeys = [randomBytes(16).toString('hex'), randomBytes(16).toString('hex')]
let spotgo: SpotGoSimulator
let transeu: TranseuSimulator
let crego: CregoSimulator
let app: TestCore

beforeAll(async () => {
  await requireKeychain()
  const now = '2026-03-02T09:00:00Z'
  ;[spotgo, transeu, crego] = await Promise.all([
    startSpotGoSimulator({ seed: 31, freights: 7, now, apiKeys: spotgoKeys }),
    startTranseuSimulator({
      seed: 32,
      freights: 6,
      now,
      rateLimits: { token: { limit: 1000, windowMs: 1000 } },
    }),
    startCregoSimulator({ seed: 33, documents: 5, now }),
  ])
})
afterAll(() => Promise.all([spotgo.stop(), transeu.stop(), crego.stop()]))

beforeEach(() => {
  app = startTestCore()
})
afterEach(() => app.close())

/** A port nothing listens on. */
async function deadAddress(): Promise<string> {
  const sim = await startSpotGoSimulator({ seed: 1, freights: 1 })
  const address = sim.baseUrl
  await sim.stop()
  return address
}

const addSpotGo = (apiKey = spotgo.credentials.apiKey) =>
  app.call('accounts.add', {
    provider: 'spotgo',
    name: 'SpotGo Kraków',
    environment: 'custom',
    baseUrl: spotgo.baseUrl,
    ownerEmail: spotgo.credentials.ownerEmail,
    apiKey,
  }) as Promise<SpotGoAccount>

const addTranseu = () =>
  app.call('accounts.add', {
    provider: 'transeu',
    name: 'Trans.eu Wrocław',
    environment: 'custom',
    baseUrl: transeu.baseUrl,
    clientId: transeu.credentials.clientId,
    clientSecret: transeu.credentials.clientSecret,
    apiKey: transeu.credentials.apiKey,
  }) as Promise<TranseuAccount>

const addCrego = (credentials: {
  signInMethod: 'password' | 'token'
  username?: string
  password?: string
  accessToken?: string
}) =>
  app.call('accounts.add', {
    provider: 'crego',
    name: 'Crego documents',
    environment: 'custom',
    baseUrl: crego.baseUrl,
    credentials: credentials as never,
  }) as Promise<CregoAccount>

const entries = () => keychainEntries(app.secretService)

describe('adding a SpotGo account', () => {
  it('checks the key with SpotGo first: a refused key is a field error and nothing is kept', async () => {
    const error = await app.failure('accounts.add', {
      provider: 'spotgo',
      name: 'SpotGo',
      environment: 'custom',
      baseUrl: spotgo.baseUrl,
      ownerEmail: spotgo.credentials.ownerEmail,
      apiKey: 'wrong-key-0000',
    })
    expect(error).toMatchObject({ code: 'validation', provider: 'spotgo' })
    expect(error.fields?.apiKey).toMatch(/SpotGo refused this API key/)
    expect(await app.call('accounts.list')).toEqual([])
    expect(await entries()).toEqual([])
  })

  it('says an address that does not answer is unreachable, on the address field', async () => {
    const error = await app.failure('accounts.add', {
      provider: 'spotgo',
      name: 'SpotGo',
      environment: 'custom',
      baseUrl: await deadAddress(),
      ownerEmail: spotgo.credentials.ownerEmail,
      apiKey: spotgo.credentials.apiKey,
    })
    expect(error.code).toBe('offline')
    expect(error.fields?.baseUrl).toMatch(/did not answer/)
    expect(await entries()).toEqual([])
  })

  it('refuses bad input before any call: addresses, e-mail, interval', async () => {
    const error = await app.failure('accounts.add', {
      provider: 'spotgo',
      name: ' ',
      environment: 'custom',
      baseUrl: 'http://spotgo.example.com',
      ownerEmail: 'not-an-email',
      apiKey: 'key with spaces',
      syncIntervalMinutes: 0,
    })
    expect(error.code).toBe('validation')
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      'apiKey',
      'baseUrl',
      'name',
      'ownerEmail',
      'syncIntervalMinutes',
    ])
    expect(error.fields?.baseUrl).toMatch(/https/)
    const custom = await app.failure('accounts.add', {
      provider: 'spotgo',
      name: 'SpotGo',
      environment: 'custom',
      ownerEmail: spotgo.credentials.ownerEmail,
      apiKey: spotgo.credentials.apiKey,
    })
    expect(custom.fields?.baseUrl).toMatch(/Enter the address/)
  })

  it('stores the key in the keychain only, and says only that it is set', async () => {
    const account = await addSpotGo()
    expect(account).toMatchObject({
      provider: 'spotgo',
      environment: 'custom',
      baseUrl: spotgo.baseUrl,
      ownerEmail: spotgo.credentials.ownerEmail,
      syncIntervalMinutes: 15,
      sandbox: false,
      cachedFreights: 0,
      status: { state: 'connected', message: null },
      secrets: { apiKey: 'set' },
    })
    expect(await entries()).toEqual([
      { account: `${account.id}/spotgo.api-key`, password: spotgo.credentials.apiKey },
    ])
    expect(JSON.stringify(account)).not.toContain(spotgo.credentials.apiKey)
    expect(app.events).toContainEqual({
      name: 'accounts.changed',
      payload: { reason: 'added', accountId: account.id },
    })
  })
})

describe('testing the connection', () => {
  it('tells ok, bad credentials and unreachable apart, and keeps the state', async () => {
    const account = await addSpotGo(spotgoKeys[1])
    const ok = await app.call('accounts.test', { id: account.id })
    expect(ok).toMatchObject({ ok: true, code: 'ok', account: { status: { state: 'connected' } } })
    expect(ok.message).toBe(`Connected to SpotGo at ${spotgo.baseUrl}.`)

    await spotgo.faults.goOffline()
    const unreachable = await app.call('accounts.test', { id: account.id })
    await spotgo.faults.goOnline()
    expect(unreachable).toMatchObject({
      ok: false,
      code: 'offline',
      account: { status: { state: 'unreachable' } },
    })
    expect(unreachable.message).toMatch(/did not answer/)

    // SpotGo revokes the key (the simulator reads its key list on every request).
    const revoked = spotgoKeys.splice(1, 1)
    try {
      const bad = await app.call('accounts.test', { id: account.id })
      expect(bad).toMatchObject({
        ok: false,
        code: 'auth_required',
        account: { status: { state: 'needs_sign_in' } },
      })
      expect(bad.message).toMatch(/refused the stored API key/)
      expect(new Set([ok.message, unreachable.message, bad.message]).size).toBe(3)
      const [listed] = await app.call('accounts.list')
      expect(listed?.status.message).toBe(bad.message)
    } finally {
      spotgoKeys.push(...revoked)
    }
  })

  it('answers "needs sign-in" for a Trans.eu account that never signed in, without a call', async () => {
    const account = await addTranseu()
    await transeu.faults.goOffline()
    try {
      const outcome = await app.call('accounts.test', { id: account.id })
      expect(outcome).toMatchObject({ ok: false, code: 'auth_required' })
    } finally {
      await transeu.faults.goOnline()
    }
  })

  it('finds a Trans.eu sign-in whose refresh token died', async () => {
    const account = await addTranseu()
    await signInTranseu(app, transeu, account.id)
    expect((await app.call('accounts.test', { id: account.id })).ok).toBe(true)
    transeu.faults.revokeRefreshTokens()
    transeu.faults.expireTokens()
    const outcome = await app.call('accounts.test', { id: account.id })
    expect(outcome).toMatchObject({ ok: false, code: 'auth_required' })
    expect(outcome.account.status.state).toBe('needs_sign_in')
  })
})

describe('changing an account', () => {
  it('renames and changes the interval without calling the provider', async () => {
    const account = await addSpotGo()
    await spotgo.faults.goOffline()
    try {
      const changed = await app.call('accounts.update', {
        id: account.id,
        provider: 'spotgo',
        name: 'SpotGo Gdańsk',
        syncIntervalMinutes: 45,
      })
      expect(changed).toMatchObject({ name: 'SpotGo Gdańsk', syncIntervalMinutes: 45 })
      expect(changed.status.state).toBe('connected')
    } finally {
      await spotgo.faults.goOnline()
    }
  })

  it('checks a new key before replacing the stored one', async () => {
    const account = await addSpotGo(spotgoKeys[0])
    const refused = await app.failure('accounts.update', {
      id: account.id,
      provider: 'spotgo',
      apiKey: 'another-wrong-key',
    })
    expect(refused.fields?.apiKey).toMatch(/refused this API key/)
    expect((await entries())[0]?.password).toBe(spotgoKeys[0])

    await app.call('accounts.update', { id: account.id, provider: 'spotgo', apiKey: spotgoKeys[1] })
    expect((await entries())[0]?.password).toBe(spotgoKeys[1])
  })

  it('checks the key entered for a new address, and changes nothing when it fails', async () => {
    const account = await addSpotGo()
    const moved = await app.failure('accounts.update', {
      id: account.id,
      provider: 'spotgo',
      baseUrl: await deadAddress(),
      apiKey: spotgo.credentials.apiKey,
    })
    expect(moved.code).toBe('offline')
    const [listed] = await app.call('accounts.list')
    expect(listed).toMatchObject({ baseUrl: spotgo.baseUrl })
  })

  it('refuses to change the provider of an account', async () => {
    const account = await addSpotGo()
    const error = await app.failure('accounts.update', {
      id: account.id,
      provider: 'crego',
      name: 'x',
    })
    expect(error).toMatchObject({ code: 'validation', fields: { provider: 'Must stay spotgo' } })
  })

  it('drops Trans.eu tokens when the app credentials change, so the account signs in again', async () => {
    const account = await addTranseu()
    await signInTranseu(app, transeu, account.id)
    const partial = await app.failure('accounts.update', {
      id: account.id,
      provider: 'transeu',
      clientSecret: 'only-one-of-three',
    })
    expect(Object.keys(partial.fields ?? {}).sort()).toEqual(['apiKey', 'clientId'])
    const changed = await app.call('accounts.update', {
      id: account.id,
      provider: 'transeu',
      clientId: transeu.credentials.clientId,
      clientSecret: transeu.credentials.clientSecret,
      apiKey: transeu.credentials.apiKey,
    })
    expect(changed).toMatchObject({
      status: { state: 'needs_sign_in' },
      secrets: { app: 'set', tokens: 'missing' },
    })
    await signInTranseu(app, transeu, account.id)
    expect((await app.call('accounts.test', { id: account.id })).ok).toBe(true)
  })

  it('answers not_found for an account that is not there', async () => {
    expect(
      await app.failure('accounts.update', { id: 'gone', provider: 'spotgo', name: 'x' }),
    ).toMatchObject({ code: 'not_found' })
    expect(await app.failure('accounts.test', { id: 'gone' })).toMatchObject({ code: 'not_found' })
  })
})

describe('Crego accounts', () => {
  it('signs in with the staff password and keeps only the tokens', async () => {
    const account = await addCrego({
      signInMethod: 'password',
      username: crego.credentials.username,
      password: crego.credentials.password,
    })
    expect(account).toMatchObject({
      signInMethod: 'password',
      username: crego.credentials.username,
      shareLinkBase: crego.baseUrl,
      secrets: { tokens: 'set' },
    })
    const stored = await entries()
    expect(stored.map((entry) => entry.account)).toEqual([`${account.id}/crego.tokens`])
    expect(stored[0]?.password).not.toContain(crego.credentials.password)
    const tokens = JSON.parse(stored[0]?.password ?? '{}') as Record<string, unknown>
    expect(Object.keys(tokens).sort()).toEqual([
      'accessToken',
      'accessTokenExpiresAt',
      'refreshToken',
    ])
    expect((await app.call('accounts.test', { id: account.id })).ok).toBe(true)
  })

  it('refuses a wrong password on the password field', async () => {
    const error = await app.failure('accounts.add', {
      provider: 'crego',
      name: 'Crego',
      environment: 'custom',
      baseUrl: crego.baseUrl,
      credentials: {
        signInMethod: 'password',
        username: crego.credentials.username,
        password: 'not-it',
      },
    })
    expect(error.code).toBe('validation')
    expect(error.fields?.['credentials.password']).toMatch(/refused this user name and password/)
    expect(await entries()).toEqual([])
  })

  it('takes a pasted access token after checking it, and refuses a wrong one', async () => {
    const wrong = await app.failure('accounts.add', {
      provider: 'crego',
      name: 'Crego',
      environment: 'custom',
      baseUrl: crego.baseUrl,
      credentials: { signInMethod: 'token', accessToken: 'not-a-token-123' },
    })
    expect(wrong.fields?.['credentials.accessToken']).toMatch(/refused this access token/)
    const account = await addCrego({
      signInMethod: 'token',
      accessToken: crego.credentials.apiToken,
    })
    expect(account).toMatchObject({ signInMethod: 'token', username: null })
    const ready = await app.core.services.accounts.clientFor(account.id)
    if (ready.provider !== 'crego') throw new Error('expected a Crego client')
    const page = await ready.client.documentsPage({}, 1, 10)
    expect(page.count).toBe(5)
  })

  it('needs the password again to move to another address', async () => {
    const account = await addCrego({
      signInMethod: 'password',
      username: crego.credentials.username,
      password: crego.credentials.password,
    })
    const error = await app.failure('accounts.update', {
      id: account.id,
      provider: 'crego',
      baseUrl: 'https://other.crego.example',
    })
    expect(error.fields?.['credentials.password']).toMatch(/Required/)
  })
})

describe('removing an account', () => {
  it('removes its secrets and, when asked, its cached freights', async () => {
    const account = await addSpotGo()
    const other = await addTranseu()
    app.core.cache.freights.upsertBatch(
      account.id,
      'run',
      makeFreights(9, 7, { provider: 'spotgo' }),
    )
    expect((await app.call('accounts.list')).find((a) => a.id === account.id)?.cachedFreights).toBe(
      9,
    )

    const result = await app.call('accounts.remove', {
      id: account.id,
      removeCachedFreights: true,
    })
    expect(result).toEqual({ removed: true, removedFreights: 9 })
    expect((await app.call('accounts.list')).map((each) => each.id)).toEqual([other.id])
    expect((await entries()).map((entry) => entry.account)).toEqual([`${other.id}/transeu.app`])
    expect(app.core.cache.db.prepare('SELECT count(*) AS n FROM freights').get()).toEqual({ n: 0 })
    expect(
      await app.failure('accounts.remove', { id: account.id, removeCachedFreights: true }),
    ).toMatchObject({ code: 'not_found' })
  })

  it('keeps the cached freights for offline review when asked to', async () => {
    const account = await addSpotGo()
    app.core.cache.freights.upsertBatch(
      account.id,
      'run',
      makeFreights(4, 8, { provider: 'spotgo' }),
    )
    expect(
      await app.call('accounts.remove', { id: account.id, removeCachedFreights: false }),
    ).toEqual({ removed: true, removedFreights: 0 })
    expect(await app.call('accounts.list')).toEqual([])
    expect(await entries()).toEqual([])
    expect(app.core.cache.db.prepare('SELECT count(*) AS n FROM freights').get()).toEqual({ n: 4 })
    await expect(app.core.services.accounts.clientFor(account.id)).rejects.toMatchObject({
      error: { code: 'not_found' },
    })
  })

  it('stops a sign-in that waits for the removed account', async () => {
    const account = await addTranseu()
    const started = await app.call('accounts.signIn.start', { id: account.id })
    const finished = app.nextEvent('accounts.signIn.finished')
    await app.call('accounts.remove', { id: account.id, removeCachedFreights: true })
    expect(await finished).toMatchObject({ ok: false, signInId: started.signInId })
    const redirect = new URL(started.authorizeUrl).searchParams.get('redirect_uri') ?? ''
    await expect(fetch(`${redirect}?code=x&state=y`)).rejects.toThrow()
  })
})

describe('clients for other services', () => {
  it('hands out a SpotGo client that reads the account', async () => {
    const account = await addSpotGo()
    const ready = await app.core.services.accounts.clientFor(account.id)
    if (ready.provider !== 'spotgo') throw new Error('expected a SpotGo client')
    expect(ready.ownerEmail).toBe(spotgo.credentials.ownerEmail)
    const all = await ready.client.listAll()
    expect(all.items).toHaveLength(7)
    // The same client (and rate limiter) for the next caller.
    expect(await app.core.services.accounts.clientFor(account.id)).toBe(ready)
  })

  it('keeps the pace across a rebuilt client: old and new calls together stay within the limit', async () => {
    // A simulator on the real clock, so its one-second windows pass (the shared one stands still).
    const live = await startTranseuSimulator({ seed: 34, freights: 3 })
    try {
      const account = (await app.call('accounts.add', {
        provider: 'transeu',
        name: 'Trans.eu Opole',
        environment: 'custom',
        baseUrl: live.baseUrl,
        clientId: live.credentials.clientId,
        clientSecret: live.credentials.clientSecret,
        apiKey: live.credentials.apiKey,
      })) as TranseuAccount
      await signInTranseu(app, live, account.id)
      const before = await app.core.services.accounts.clientFor(account.id)
      const early = Array.from({ length: 15 }, () => before.client.probe())
      // A change of settings builds a new client while the old one's calls are still in flight.
      await app.call('accounts.update', { id: account.id, provider: 'transeu', name: 'Opole' })
      const after = await app.core.services.accounts.clientFor(account.id)
      expect(after).not.toBe(before)
      const late = Array.from({ length: 15 }, () => after.client.probe())
      // A probe makes one attempt, so a 429 from the simulator (15 a second) would show here.
      const results = await Promise.all([...early, ...late])
      expect(results.map((result) => result.error?.message ?? result.outcome)).toEqual(
        Array.from({ length: 30 }, () => 'ok'),
      )
    } finally {
      await live.stop()
    }
  })

  it('rotates Trans.eu tokens into the keychain, and a dead sign-in becomes "needs sign-in"', async () => {
    const account = await addTranseu()
    await signInTranseu(app, transeu, account.id)
    const stored = async () =>
      JSON.parse(
        (await entries()).find((e) => e.account === `${account.id}/transeu.tokens`)?.password ??
          '{}',
      ) as { accessToken?: string; refreshToken?: string }
    const before = await stored()

    const ready = await app.core.services.accounts.clientFor(account.id)
    if (ready.provider !== 'transeu') throw new Error('expected a Trans.eu client')
    transeu.faults.expireTokens()
    const page = await ready.client.listPage('freights', {}, 1)
    expect(page.items.length).toBeGreaterThan(0)
    const after = await stored()
    expect(after.refreshToken).toBeTruthy()
    expect(after.refreshToken).not.toBe(before.refreshToken)
    expect(after.accessToken).not.toBe(before.accessToken)
    // The old refresh token was spent; the stored one is the live one.
    expect(transeu.state.oauth.tokens.refreshTokens.get(before.refreshToken ?? '')?.used).toBe(true)
    expect(transeu.state.oauth.tokens.refreshTokens.get(after.refreshToken ?? '')?.used).toBe(false)

    transeu.faults.revokeRefreshTokens()
    transeu.faults.expireTokens()
    const failure: unknown = await ready.client.listPage('freights', {}, 1).catch((e: unknown) => e)
    expect(failure).toMatchObject({ error: { code: 'auth_required' } })
    const changed = app.nextEvent('accounts.changed', (e) => e.reason === 'status')
    app.core.services.accounts.recordOutcome(account.id, (failure as { error: never }).error)
    expect(await changed).toEqual({ reason: 'status', accountId: account.id })
    const [listed] = await app.call('accounts.list')
    expect(listed?.status.state).toBe('needs_sign_in')
    expect(listed?.status.message).toMatch(/Click Sign in again/)

    // A refused input says nothing about the account; an outage does.
    const state = async () => (await app.call('accounts.list'))[0]?.status.state
    app.core.services.accounts.recordOutcome(account.id, { code: 'validation', message: 'x' })
    expect(await state()).toBe('needs_sign_in')
    app.core.services.accounts.recordOutcome(account.id, { code: 'offline', message: 'x' })
    expect(await state()).toBe('unreachable')
    app.core.services.accounts.recordOutcome(account.id, null)
    expect(await state()).toBe('connected')
  })

  it('hands out a client for an account that is not signed in, whose calls ask for sign-in', async () => {
    const account = await addTranseu()
    const ready = await app.core.services.accounts.clientFor(account.id)
    if (ready.provider !== 'transeu') throw new Error('expected a Trans.eu client')
    await expect(ready.client.listPage('freights', {}, 1)).rejects.toMatchObject({
      error: { code: 'auth_required' },
    })
  })
})
