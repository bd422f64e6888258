/**
 * A secret goes only to the origin it was entered for. Each provider's account is moved from one
 * simulator to another on a second 127.0.0.1 port, each behind a recording proxy: a move without
 * the secret is refused on the secret's field and the new address receives nothing; a move with a
 * new secret sends only the new one there, and the old address never sees it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CregoAccount, SpotGoAccount, TranseuAccount } from '@shared/domain/account'
import { keychainEntries, requireKeychain } from '../../support/keychain'
import { startRecordingProxy, type RecordingProxy } from '../../support/recording-proxy'
import { startTestCore, type TestCore } from '../../support/test-core'
import { signInTranseu } from '../../support/test-accounts'
import {
  cregoSimulator,
  spotgoSimulator,
  transeuSimulator,
  type SpotGoSimulator,
  type TranseuSimulator,
  type CregoSimulator,
} from '../../support/simulators'

const now = '2026-03-02T09:00:00Z'
let app: TestCore
const stops: Array<() => Promise<void>> = []

beforeAll(() => requireKeychain())
afterAll(async () => {
  for (const stop of stops.reverse()) await stop()
})
beforeEach(() => {
  app = startTestCore()
})
afterEach(() => app.close())

/** A simulator behind its own recording proxy: the account is configured with the proxy. */
async function behindProxy<S extends { baseUrl: string; stop(): Promise<void> }>(
  sim: S,
): Promise<{ sim: S; proxy: RecordingProxy }> {
  const proxy = await startRecordingProxy(sim.baseUrl)
  stops.push(
    () => sim.stop(),
    () => proxy.stop(),
  )
  proxies.push(proxy)
  return { sim, proxy }
}

const proxies: RecordingProxy[] = []
// Each test reads only what reached the addresses during that test.
beforeEach(() => {
  for (const proxy of proxies) proxy.requests.length = 0
})

const refusal = /only to the address it was entered for/

describe('SpotGo: the API key stays with its address', () => {
  let old: { sim: SpotGoSimulator; proxy: RecordingProxy }
  let moved: { sim: SpotGoSimulator; proxy: RecordingProxy }
  const oldKey = 'old-spotgo-key-0f1e2d3c4b5a'
  const newKey = 'new-spotgo-key-a5b4c3d2e1f0'

  beforeAll(async () => {
    old = await behindProxy(
      await spotgoSimulator({ seed: 41, freights: 3, now, apiKeys: [oldKey] }),
    )
    moved = await behindProxy(
      await spotgoSimulator({ seed: 42, freights: 3, now, apiKeys: [newKey] }),
    )
  })

  const addOld = async () =>
    (await app.call('accounts.add', {
      provider: 'spotgo',
      name: 'SpotGo',
      environment: 'custom',
      baseUrl: old.proxy.baseUrl,
      ownerEmail: old.sim.credentials.ownerEmail,
      apiKey: oldKey,
    })) as SpotGoAccount

  it('refuses a new address without a new key, and sends the stored key nowhere', async () => {
    const account = await addOld()

    const error = await app.failure('accounts.update', {
      id: account.id,
      provider: 'spotgo',
      baseUrl: moved.proxy.baseUrl,
    })
    expect(error.code).toBe('validation')
    expect(error.fields?.apiKey).toMatch(refusal)
    expect(moved.proxy.requests).toEqual([])
    const [listed] = await app.call('accounts.list')
    expect(listed).toMatchObject({ baseUrl: old.proxy.baseUrl, secrets: { apiKey: 'set' } })

    // A preset environment is another origin too.
    const preset = await app.failure('accounts.update', {
      id: account.id,
      provider: 'spotgo',
      environment: 'test',
    })
    expect(preset.fields?.apiKey).toMatch(refusal)

    // The same origin under another path keeps the key: it goes where it was entered for.
    const samePlace = await app.call('accounts.update', {
      id: account.id,
      provider: 'spotgo',
      baseUrl: `${old.proxy.baseUrl}/`,
    })
    expect(samePlace).toMatchObject({ secrets: { apiKey: 'set' } })
  })

  it('moves with a new key: only the new key reaches the new address, never the old one', async () => {
    const account = await addOld()
    const changed = await app.call('accounts.update', {
      id: account.id,
      provider: 'spotgo',
      baseUrl: moved.proxy.baseUrl,
      apiKey: newKey,
    })
    expect(changed).toMatchObject({ baseUrl: moved.proxy.baseUrl, status: { state: 'connected' } })
    expect((await app.call('accounts.test', { id: account.id })).ok).toBe(true)
    expect(moved.proxy.wireText()).toContain(newKey)
    expect(moved.proxy.wireText()).not.toContain(oldKey)
    expect(old.proxy.wireText()).not.toContain(newKey)
  })
})

describe('Trans.eu: the app credentials stay with their addresses', () => {
  let old: { sim: TranseuSimulator; proxy: RecordingProxy }
  let moved: { sim: TranseuSimulator; proxy: RecordingProxy }

  beforeAll(async () => {
    const limits = { rateLimits: { token: { limit: 1000, windowMs: 1000 } } }
    old = await behindProxy(await transeuSimulator({ seed: 43, freights: 3, now, ...limits }))
    moved = await behindProxy(await transeuSimulator({ seed: 44, freights: 3, now, ...limits }))
  })

  const addOld = async () => {
    const account = (await app.call('accounts.add', {
      provider: 'transeu',
      name: 'Trans.eu',
      environment: 'custom',
      baseUrl: old.proxy.baseUrl,
      clientId: old.sim.credentials.clientId,
      clientSecret: old.sim.credentials.clientSecret,
      apiKey: old.sim.credentials.apiKey,
    })) as TranseuAccount
    await signInTranseu(app, old.sim, account.id)
    return account
  }

  const oldSecrets = () => [old.sim.credentials.clientSecret, old.sim.credentials.apiKey]

  it.each([
    ['the API address', (to: string) => ({ baseUrl: to, authBaseUrl: old.proxy.baseUrl })],
    ['the sign-in address', (to: string) => ({ authBaseUrl: to })],
    ['both addresses', (to: string) => ({ baseUrl: to })],
  ])('refuses to move %s without the app credentials', async (_what, addresses) => {
    const account = await addOld()
    const error = await app.failure('accounts.update', {
      id: account.id,
      provider: 'transeu',
      ...addresses(moved.proxy.baseUrl),
    })
    expect(error.code).toBe('validation')
    for (const field of ['clientId', 'clientSecret', 'apiKey']) {
      expect(error.fields?.[field], field).toMatch(refusal)
    }
    // Nothing changed: still signed in at the old address, and no sign-in can go to the new one.
    const [listed] = await app.call('accounts.list')
    expect(listed).toMatchObject({
      baseUrl: old.proxy.baseUrl,
      authBaseUrl: old.proxy.baseUrl,
      secrets: { app: 'set', tokens: 'set' },
    })
    expect(moved.proxy.requests).toEqual([])
    expect((await app.call('accounts.test', { id: account.id })).ok).toBe(true)
    for (const secret of oldSecrets()) expect(moved.proxy.wireText()).not.toContain(secret)
  })

  it('moves with new app credentials: the new host gets only those, and signs in', async () => {
    const account = await addOld()
    const changed = await app.call('accounts.update', {
      id: account.id,
      provider: 'transeu',
      baseUrl: moved.proxy.baseUrl,
      clientId: moved.sim.credentials.clientId,
      clientSecret: moved.sim.credentials.clientSecret,
      apiKey: moved.sim.credentials.apiKey,
    })
    expect(changed).toMatchObject({
      baseUrl: moved.proxy.baseUrl,
      authBaseUrl: moved.proxy.baseUrl,
      status: { state: 'needs_sign_in' },
      secrets: { app: 'set', tokens: 'missing' },
    })
    await signInTranseu(app, moved.sim, account.id)
    expect((await app.call('accounts.test', { id: account.id })).ok).toBe(true)
    expect(moved.proxy.wireText()).toContain(moved.sim.credentials.clientSecret)
    for (const secret of oldSecrets()) expect(moved.proxy.wireText()).not.toContain(secret)
    for (const secret of [moved.sim.credentials.clientSecret, moved.sim.credentials.apiKey]) {
      expect(old.proxy.wireText()).not.toContain(secret)
    }
  })
})

describe('Crego: tokens stay with their address', () => {
  let old: { sim: CregoSimulator; proxy: RecordingProxy }
  let moved: { sim: CregoSimulator; proxy: RecordingProxy }

  beforeAll(async () => {
    old = await behindProxy(await cregoSimulator({ seed: 45, documents: 2, now }))
    moved = await behindProxy(await cregoSimulator({ seed: 46, documents: 2, now }))
  })

  it('refuses a new address without signing in again, and sends the stored token nowhere', async () => {
    const account = (await app.call('accounts.add', {
      provider: 'crego',
      name: 'Crego',
      environment: 'custom',
      baseUrl: old.proxy.baseUrl,
      credentials: { signInMethod: 'token', accessToken: old.sim.credentials.apiToken },
    })) as CregoAccount
    const error = await app.failure('accounts.update', {
      id: account.id,
      provider: 'crego',
      baseUrl: moved.proxy.baseUrl,
    })
    expect(error.fields?.['credentials.accessToken']).toMatch(refusal)
    expect(moved.proxy.requests).toEqual([])
    const stored = (await keychainEntries(app.secretService)).map((entry) => entry.password)
    expect(stored.join('\n')).toContain(old.sim.credentials.apiToken)
  })
})
