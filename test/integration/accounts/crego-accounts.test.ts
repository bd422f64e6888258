/**
 * Crego accounts through the router, against the Crego simulator with the real keychain: the
 * staff password or a pasted token, checked before anything is kept; only tokens are stored.
 */
import { describe, expect, it } from 'vitest'
import { useAccountsWorld } from '../../support/accounts-world'

const { world, addCrego, entries } = useAccountsWorld()

describe('Crego accounts', () => {
  it('signs in with the staff password and keeps only the tokens', async () => {
    const account = await addCrego({
      signInMethod: 'password',
      username: world.crego.credentials.username,
      password: world.crego.credentials.password,
    })
    expect(account).toMatchObject({
      signInMethod: 'password',
      username: world.crego.credentials.username,
      shareLinkBase: world.crego.baseUrl,
      secrets: { tokens: 'set' },
    })
    const stored = await entries()
    expect(stored.map((entry) => entry.account)).toEqual([`${account.id}/crego.tokens`])
    expect(stored[0]?.password).not.toContain(world.crego.credentials.password)
    const tokens = JSON.parse(stored[0]?.password ?? '{}') as Record<string, unknown>
    expect(Object.keys(tokens).sort()).toEqual([
      'accessToken',
      'accessTokenExpiresAt',
      'refreshToken',
    ])
    expect((await world.app.call('accounts.test', { id: account.id })).ok).toBe(true)
  })

  it('refuses a wrong password on the password field', async () => {
    const error = await world.app.failure('accounts.add', {
      provider: 'crego',
      name: 'Crego',
      environment: 'custom',
      baseUrl: world.crego.baseUrl,
      credentials: {
        signInMethod: 'password',
        username: world.crego.credentials.username,
        password: 'not-it',
      },
    })
    expect(error.code).toBe('validation')
    expect(error.fields?.['credentials.password']).toMatch(/refused this user name and password/)
    expect(await entries()).toEqual([])
  })

  it('takes a pasted access token after checking it, and refuses a wrong one', async () => {
    const wrong = await world.app.failure('accounts.add', {
      provider: 'crego',
      name: 'Crego',
      environment: 'custom',
      baseUrl: world.crego.baseUrl,
      credentials: { signInMethod: 'token', accessToken: 'not-a-token-123' },
    })
    expect(wrong.fields?.['credentials.accessToken']).toMatch(/refused this access token/)
    const account = await addCrego({
      signInMethod: 'token',
      accessToken: world.crego.credentials.apiToken,
    })
    expect(account).toMatchObject({ signInMethod: 'token', username: null })
    const ready = await world.app.core.services.accounts.clientFor(account.id)
    if (ready.provider !== 'crego') throw new Error('expected a Crego client')
    const page = await ready.client.documentsPage({}, 1, 10)
    expect(page.count).toBe(5)
  })

  it('needs the password again to move to another address', async () => {
    const account = await addCrego({
      signInMethod: 'password',
      username: world.crego.credentials.username,
      password: world.crego.credentials.password,
    })
    const error = await world.app.failure('accounts.update', {
      id: account.id,
      provider: 'crego',
      baseUrl: 'https://other.crego.example',
    })
    expect(error.fields?.['credentials.password']).toMatch(/Required/)
  })
})
