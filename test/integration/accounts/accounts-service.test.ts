/**
 * The accounts service through the router, against the simulators over real HTTP, with the real
 * keychain: adding (credentials checked first), testing, changing and removing accounts.
 */
import { describe, expect, it } from 'vitest'
import { deadAddress, useAccountsWorld } from '../../support/accounts-world'
import { makeFreights } from '../../support/freight-factory'
import { signInTranseu } from '../../support/test-accounts'

const { world, addSpotGo, addTranseu, entries } = useAccountsWorld()

describe('adding a SpotGo account', () => {
  it('checks the key with SpotGo first: a refused key is a field error and nothing is kept', async () => {
    const error = await world.app.failure('accounts.add', {
      provider: 'spotgo',
      name: 'SpotGo',
      environment: 'custom',
      baseUrl: world.spotgo.baseUrl,
      ownerEmail: world.spotgo.credentials.ownerEmail,
      apiKey: 'wrong-key-0000',
    })
    expect(error).toMatchObject({ code: 'validation', provider: 'spotgo' })
    expect(error.fields?.apiKey).toMatch(/SpotGo refused this API key/)
    expect(await world.app.call('accounts.list')).toEqual([])
    expect(await entries()).toEqual([])
  })

  it('says an address that does not answer is unreachable, on the address field', async () => {
    const error = await world.app.failure('accounts.add', {
      provider: 'spotgo',
      name: 'SpotGo',
      environment: 'custom',
      baseUrl: await deadAddress(),
      ownerEmail: world.spotgo.credentials.ownerEmail,
      apiKey: world.spotgo.credentials.apiKey,
    })
    expect(error.code).toBe('offline')
    expect(error.fields?.baseUrl).toMatch(/did not answer/)
    expect(await entries()).toEqual([])
  })

  it('refuses bad input before any call: addresses, e-mail, interval', async () => {
    const error = await world.app.failure('accounts.add', {
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
    const custom = await world.app.failure('accounts.add', {
      provider: 'spotgo',
      name: 'SpotGo',
      environment: 'custom',
      ownerEmail: world.spotgo.credentials.ownerEmail,
      apiKey: world.spotgo.credentials.apiKey,
    })
    expect(custom.fields?.baseUrl).toMatch(/Enter the address/)
  })

  it('stores the key in the keychain only, and says only that it is set', async () => {
    const account = await addSpotGo()
    expect(account).toMatchObject({
      provider: 'spotgo',
      environment: 'custom',
      baseUrl: world.spotgo.baseUrl,
      ownerEmail: world.spotgo.credentials.ownerEmail,
      syncIntervalMinutes: 15,
      sandbox: false,
      cachedFreights: 0,
      status: { state: 'connected', message: null },
      secrets: { apiKey: 'set' },
    })
    expect(await entries()).toEqual([
      { account: `${account.id}/spotgo.api-key`, password: world.spotgo.credentials.apiKey },
    ])
    expect(JSON.stringify(account)).not.toContain(world.spotgo.credentials.apiKey)
    expect(world.app.events).toContainEqual({
      name: 'accounts.changed',
      payload: { reason: 'added', accountId: account.id },
    })
  })
})

describe('testing the connection', () => {
  it('tells ok, bad credentials and unreachable apart, and keeps the state', async () => {
    const account = await addSpotGo(world.spotgoKeys[1])
    const ok = await world.app.call('accounts.test', { id: account.id })
    expect(ok).toMatchObject({ ok: true, code: 'ok', account: { status: { state: 'connected' } } })
    expect(ok.message).toBe(`Connected to SpotGo at ${world.spotgo.baseUrl}.`)

    await world.spotgo.faults.goOffline()
    const unreachable = await world.app.call('accounts.test', { id: account.id })
    await world.spotgo.faults.goOnline()
    expect(unreachable).toMatchObject({
      ok: false,
      code: 'offline',
      account: { status: { state: 'unreachable' } },
    })
    expect(unreachable.message).toMatch(/did not answer/)

    // SpotGo revokes the key (the simulator reads its key list on every request).
    const revoked = world.spotgoKeys.splice(1, 1)
    try {
      const bad = await world.app.call('accounts.test', { id: account.id })
      expect(bad).toMatchObject({
        ok: false,
        code: 'auth_required',
        account: { status: { state: 'needs_sign_in' } },
      })
      expect(bad.message).toMatch(/refused the stored API key/)
      expect(new Set([ok.message, unreachable.message, bad.message]).size).toBe(3)
      const [listed] = await world.app.call('accounts.list')
      expect(listed?.status.message).toBe(bad.message)
    } finally {
      world.spotgoKeys.push(...revoked)
    }
  })

  it('answers "needs sign-in" for a Trans.eu account that never signed in, without a call', async () => {
    const account = await addTranseu()
    await world.transeu.faults.goOffline()
    try {
      const outcome = await world.app.call('accounts.test', { id: account.id })
      expect(outcome).toMatchObject({ ok: false, code: 'auth_required' })
    } finally {
      await world.transeu.faults.goOnline()
    }
  })

  it('finds a Trans.eu sign-in whose refresh token died', async () => {
    const account = await addTranseu()
    await signInTranseu(world.app, world.transeu, account.id)
    expect((await world.app.call('accounts.test', { id: account.id })).ok).toBe(true)
    world.transeu.faults.revokeRefreshTokens()
    world.transeu.faults.expireTokens()
    const outcome = await world.app.call('accounts.test', { id: account.id })
    expect(outcome).toMatchObject({ ok: false, code: 'auth_required' })
    expect(outcome.account.status.state).toBe('needs_sign_in')
  })
})

describe('changing an account', () => {
  it('renames and changes the interval without calling the provider', async () => {
    const account = await addSpotGo()
    await world.spotgo.faults.goOffline()
    try {
      const changed = await world.app.call('accounts.update', {
        id: account.id,
        provider: 'spotgo',
        name: 'SpotGo Gdańsk',
        syncIntervalMinutes: 45,
      })
      expect(changed).toMatchObject({ name: 'SpotGo Gdańsk', syncIntervalMinutes: 45 })
      expect(changed.status.state).toBe('connected')
    } finally {
      await world.spotgo.faults.goOnline()
    }
  })

  it('checks a new key before replacing the stored one', async () => {
    const account = await addSpotGo(world.spotgoKeys[0])
    const refused = await world.app.failure('accounts.update', {
      id: account.id,
      provider: 'spotgo',
      apiKey: 'another-wrong-key',
    })
    expect(refused.fields?.apiKey).toMatch(/refused this API key/)
    expect((await entries())[0]?.password).toBe(world.spotgoKeys[0])

    await world.app.call('accounts.update', {
      id: account.id,
      provider: 'spotgo',
      apiKey: world.spotgoKeys[1],
    })
    expect((await entries())[0]?.password).toBe(world.spotgoKeys[1])
  })

  it('checks the key entered for a new address, and changes nothing when it fails', async () => {
    const account = await addSpotGo()
    const moved = await world.app.failure('accounts.update', {
      id: account.id,
      provider: 'spotgo',
      baseUrl: await deadAddress(),
      apiKey: world.spotgo.credentials.apiKey,
    })
    expect(moved.code).toBe('offline')
    const [listed] = await world.app.call('accounts.list')
    expect(listed).toMatchObject({ baseUrl: world.spotgo.baseUrl })
  })

  it('refuses to change the provider of an account', async () => {
    const account = await addSpotGo()
    const error = await world.app.failure('accounts.update', {
      id: account.id,
      provider: 'crego',
      name: 'x',
    })
    expect(error).toMatchObject({ code: 'validation', fields: { provider: 'Must stay spotgo' } })
  })

  it('drops Trans.eu tokens when the app credentials change, so the account signs in again', async () => {
    const account = await addTranseu()
    await signInTranseu(world.app, world.transeu, account.id)
    const partial = await world.app.failure('accounts.update', {
      id: account.id,
      provider: 'transeu',
      clientSecret: 'only-one-of-three',
    })
    expect(Object.keys(partial.fields ?? {}).sort()).toEqual(['apiKey', 'clientId'])
    const changed = await world.app.call('accounts.update', {
      id: account.id,
      provider: 'transeu',
      clientId: world.transeu.credentials.clientId,
      clientSecret: world.transeu.credentials.clientSecret,
      apiKey: world.transeu.credentials.apiKey,
    })
    expect(changed).toMatchObject({
      status: { state: 'needs_sign_in' },
      secrets: { app: 'set', tokens: 'missing' },
    })
    await signInTranseu(world.app, world.transeu, account.id)
    expect((await world.app.call('accounts.test', { id: account.id })).ok).toBe(true)
  })

  it('answers not_found for an account that is not there', async () => {
    expect(
      await world.app.failure('accounts.update', { id: 'gone', provider: 'spotgo', name: 'x' }),
    ).toMatchObject({ code: 'not_found' })
    expect(await world.app.failure('accounts.test', { id: 'gone' })).toMatchObject({
      code: 'not_found',
    })
  })
})

describe('removing an account', () => {
  it('removes its secrets and, when asked, its cached freights', async () => {
    const account = await addSpotGo()
    const other = await addTranseu()
    world.app.core.cache.freights.upsertBatch(
      account.id,
      'run',
      makeFreights(9, 7, { provider: 'spotgo' }),
    )
    expect(
      (await world.app.call('accounts.list')).find((a) => a.id === account.id)?.cachedFreights,
    ).toBe(9)

    const result = await world.app.call('accounts.remove', {
      id: account.id,
      removeCachedFreights: true,
    })
    expect(result).toEqual({ removed: true, removedFreights: 9 })
    expect((await world.app.call('accounts.list')).map((each) => each.id)).toEqual([other.id])
    expect((await entries()).map((entry) => entry.account)).toEqual([`${other.id}/transeu.app`])
    expect(world.app.core.cache.db.prepare('SELECT count(*) AS n FROM freights').get()).toEqual({
      n: 0,
    })
    expect(
      await world.app.failure('accounts.remove', { id: account.id, removeCachedFreights: true }),
    ).toMatchObject({ code: 'not_found' })
  })

  it('keeps the cached freights for offline review when asked to', async () => {
    const account = await addSpotGo()
    world.app.core.cache.freights.upsertBatch(
      account.id,
      'run',
      makeFreights(4, 8, { provider: 'spotgo' }),
    )
    expect(
      await world.app.call('accounts.remove', { id: account.id, removeCachedFreights: false }),
    ).toEqual({ removed: true, removedFreights: 0 })
    expect(await world.app.call('accounts.list')).toEqual([])
    expect(await entries()).toEqual([])
    expect(world.app.core.cache.db.prepare('SELECT count(*) AS n FROM freights').get()).toEqual({
      n: 4,
    })
    await expect(world.app.core.services.accounts.clientFor(account.id)).rejects.toMatchObject({
      error: { code: 'not_found' },
    })
  })

  it('stops a sign-in that waits for the removed account', async () => {
    const account = await addTranseu()
    const started = await world.app.call('accounts.signIn.start', { id: account.id })
    const finished = world.app.nextEvent('accounts.signIn.finished')
    await world.app.call('accounts.remove', { id: account.id, removeCachedFreights: true })
    expect(await finished).toMatchObject({ ok: false, signInId: started.signInId })
    const redirect = new URL(started.authorizeUrl).searchParams.get('redirect_uri') ?? ''
    await expect(fetch(`${redirect}?code=x&state=y`)).rejects.toThrow()
  })
})
