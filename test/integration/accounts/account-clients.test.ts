/**
 * The ready clients the accounts service hands to other services: one per account, keeping its
 * pace across a rebuild, rotating Trans.eu tokens into the keychain, asking for sign-in when the
 * sign-in is gone.
 */
import { describe, expect, it } from 'vitest'
import { startTranseuSimulator } from '../../../electron/main/simulators/transeu/server'
import { useAccountsWorld } from '../../support/accounts-world'
import { signInTranseu } from '../../support/test-accounts'

const { world, addSpotGo, addTranseu, entries } = useAccountsWorld()

describe('clients for other services', () => {
  it('hands out a SpotGo client that reads the account', async () => {
    const account = await addSpotGo()
    const ready = await world.app.core.services.accounts.clientFor(account.id)
    if (ready.provider !== 'spotgo') throw new Error('expected a SpotGo client')
    expect(ready.ownerEmail).toBe(world.spotgo.credentials.ownerEmail)
    const all = await ready.client.listAll()
    expect(all.items).toHaveLength(7)
    // The same client (and rate limiter) for the next caller.
    expect(await world.app.core.services.accounts.clientFor(account.id)).toBe(ready)
  })

  it('keeps the pace across a rebuilt client: old and new calls together stay within the limit', async () => {
    // A simulator on the real clock, so its one-second windows pass (the shared one stands still).
    const live = await startTranseuSimulator({ seed: 34, freights: 3 })
    try {
      const account = await addTranseu(live, 'Trans.eu Opole')
      await signInTranseu(world.app, live, account.id)
      const before = await world.app.core.services.accounts.clientFor(account.id)
      const early = Array.from({ length: 15 }, () => before.client.probe())
      // A change of settings builds a new client while the old one's calls are still in flight.
      await world.app.call('accounts.update', {
        id: account.id,
        provider: 'transeu',
        name: 'Opole',
      })
      const after = await world.app.core.services.accounts.clientFor(account.id)
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
    await signInTranseu(world.app, world.transeu, account.id)
    const stored = async () =>
      JSON.parse(
        (await entries()).find((e) => e.account === `${account.id}/transeu.tokens`)?.password ??
          '{}',
      ) as { accessToken?: string; refreshToken?: string }
    const before = await stored()

    const ready = await world.app.core.services.accounts.clientFor(account.id)
    if (ready.provider !== 'transeu') throw new Error('expected a Trans.eu client')
    world.transeu.faults.expireTokens()
    const page = await ready.client.listPage('freights', {}, 1)
    expect(page.items.length).toBeGreaterThan(0)
    const after = await stored()
    expect(after.refreshToken).toBeTruthy()
    expect(after.refreshToken).not.toBe(before.refreshToken)
    expect(after.accessToken).not.toBe(before.accessToken)
    // The old refresh token was spent; the stored one is the live one.
    expect(
      world.transeu.state.oauth.tokens.refreshTokens.get(before.refreshToken ?? '')?.used,
    ).toBe(true)
    expect(world.transeu.state.oauth.tokens.refreshTokens.get(after.refreshToken ?? '')?.used).toBe(
      false,
    )

    world.transeu.faults.revokeRefreshTokens()
    world.transeu.faults.expireTokens()
    const failure: unknown = await ready.client.listPage('freights', {}, 1).catch((e: unknown) => e)
    expect(failure).toMatchObject({ error: { code: 'auth_required' } })
    const changed = world.app.nextEvent('accounts.changed', (e) => e.reason === 'status')
    world.app.core.services.accounts.recordOutcome(account.id, (failure as { error: never }).error)
    expect(await changed).toEqual({ reason: 'status', accountId: account.id })
    const [listed] = await world.app.call('accounts.list')
    expect(listed?.status.state).toBe('needs_sign_in')
    expect(listed?.status.message).toMatch(/Click Sign in again/)

    // A refused input says nothing about the account; an outage does.
    const state = async () => (await world.app.call('accounts.list'))[0]?.status.state
    world.app.core.services.accounts.recordOutcome(account.id, { code: 'validation', message: 'x' })
    expect(await state()).toBe('needs_sign_in')
    world.app.core.services.accounts.recordOutcome(account.id, { code: 'offline', message: 'x' })
    expect(await state()).toBe('unreachable')
    world.app.core.services.accounts.recordOutcome(account.id, null)
    expect(await state()).toBe('connected')
  })

  it('hands out a client for an account that is not signed in, whose calls ask for sign-in', async () => {
    const account = await addTranseu()
    const ready = await world.app.core.services.accounts.clientFor(account.id)
    if (ready.provider !== 'transeu') throw new Error('expected a Trans.eu client')
    await expect(ready.client.listPage('freights', {}, 1)).rejects.toMatchObject({
      error: { code: 'auth_required' },
    })
  })
})
