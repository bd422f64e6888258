import { describe, expect, it, vi } from 'vitest'
import { ProviderError, toAppError } from '../../../electron/main/providers/errors'
import {
  createTokenManager,
  type StoredTokens,
  type TokenGrant,
  type TokenManagerOptions,
} from '../../../electron/main/providers/token-manager'
import { createMemoryTokenStore } from '../../support/memory-token-store'
import { createRecordingLogger } from '../../support/recording-logger'
import { providerFailure } from '../../support/provider-failure'

const start = Date.parse('2026-03-02T09:00:00Z')
const hint = 'Sign in to Trans.eu again in Accounts.'

/**
 * A provider's token endpoint in miniature: single-use refresh tokens that rotate, switchable
 * failures, and an optional gate that holds the answer until the test opens it.
 */
function fakeIssuer() {
  let serial = 0
  const live = new Set<string>(['refresh-0'])
  const issuer = {
    calls: [] as string[],
    failWith: null as ProviderError | null,
    gate: null as Promise<void> | null,
    async refresh(refreshToken: string): Promise<TokenGrant> {
      issuer.calls.push(refreshToken)
      if (issuer.gate) await issuer.gate
      if (issuer.failWith) throw issuer.failWith
      if (!live.delete(refreshToken)) throw auth('The refresh token was already used.')
      serial++
      live.add(`refresh-${serial}`)
      return {
        accessToken: `access-${serial}`,
        expiresInSeconds: 3600,
        refreshToken: `refresh-${serial}`,
      }
    },
  }
  return issuer
}

function auth(detail: string, status: number | null = 400): ProviderError {
  return new ProviderError({ provider: 'transeu', kind: 'auth', status, message: detail })
}
function offline(): ProviderError {
  return new ProviderError({ provider: 'transeu', kind: 'offline', message: 'unreachable' })
}

function setup(
  initial: StoredTokens | null = {
    accessToken: 'access-0',
    accessTokenExpiresAt: new Date(start + 3600_000).toISOString(),
    refreshToken: 'refresh-0',
  },
  extra: Partial<TokenManagerOptions> = {},
) {
  let time = start
  const store = createMemoryTokenStore(initial)
  const issuer = fakeIssuer()
  const log = createRecordingLogger()
  const manager = createTokenManager({
    provider: 'transeu',
    store,
    refresh: (token) => issuer.refresh(token),
    now: () => time,
    log,
    signInHint: hint,
    ...extra,
  })
  return {
    manager,
    store,
    issuer,
    log,
    advance: (ms: number) => (time += ms),
  }
}

describe('token manager', () => {
  it('uses the stored token while it is fresh, reading the store once', async () => {
    const { manager, store, issuer } = setup()
    expect(await manager.accessToken()).toBe('access-0')
    expect(await manager.accessToken()).toBe('access-0')
    expect(store.reads).toBe(1)
    expect(issuer.calls).toEqual([])
  })

  it('refreshes shortly before expiry and stores the rotated token before handing it out', async () => {
    const { manager, store, issuer, advance } = setup()
    advance(3600_000 - 30_000)
    let release: () => void = () => undefined
    const writeGate = new Promise<void>((resolve) => (release = resolve))
    const write = store.write.bind(store)
    let writing = false
    store.write = async (tokens) => {
      writing = true
      await writeGate
      return write(tokens)
    }
    let handedOut: string | null = null
    const pending = manager.accessToken().then((token) => (handedOut = token))
    await vi.waitFor(() => expect(writing).toBe(true))
    expect(issuer.calls).toEqual(['refresh-0'])
    expect(handedOut).toBeNull()
    release()
    await pending
    expect(handedOut).toBe('access-1')
    expect(store.current).toEqual({
      accessToken: 'access-1',
      accessTokenExpiresAt: new Date(start + 3600_000 - 30_000 + 3600_000).toISOString(),
      refreshToken: 'refresh-1',
    })
  })

  it('runs one refresh for many callers', async () => {
    const { manager, issuer, store, advance } = setup()
    advance(3600_000)
    let open: () => void = () => undefined
    issuer.gate = new Promise((resolve) => (open = resolve))
    const tokens = Promise.all(Array.from({ length: 10 }, () => manager.accessToken()))
    await vi.waitFor(() => expect(issuer.calls).toHaveLength(1))
    open()
    expect(new Set(await tokens)).toEqual(new Set(['access-1']))
    expect(issuer.calls).toEqual(['refresh-0'])
    expect(store.writes).toHaveLength(1)
  })

  it('asks for a new sign-in when the refresh token is dead, and stops asking the provider', async () => {
    const { manager, issuer, advance } = setup()
    advance(3600_000)
    issuer.failWith = auth('The refresh token was revoked; sign in again.')
    const error = await providerFailure(manager.accessToken())
    expect(error.kind).toBe('auth')
    expect(toAppError(error)).toMatchObject({ code: 'auth_required', provider: 'transeu' })
    expect(error.message).toBe(`Trans.eu no longer accepts this account's sign-in. ${hint}`)
    expect((await providerFailure(manager.accessToken())).kind).toBe('auth')
    expect(issuer.calls).toHaveLength(1)

    await manager.adopt({
      accessToken: 'access-new',
      expiresInSeconds: 3600,
      refreshToken: 'r-new',
    })
    expect(await manager.accessToken()).toBe('access-new')
  })

  it('keeps the current token through a failed refresh until it expires', async () => {
    const { manager, issuer, log, advance } = setup()
    advance(3600_000 - 30_000)
    issuer.failWith = offline()
    expect(await manager.accessToken()).toBe('access-0')
    expect(log.lines.some((line) => line.message.includes('using the current token'))).toBe(true)
    advance(30_000)
    const error = await providerFailure(manager.accessToken())
    expect(toAppError(error).code).toBe('offline')
  })

  it('never uses a rotated token the store did not take, and never loses it', async () => {
    const { manager, store, issuer, advance } = setup()
    advance(3600_000)
    store.failNextWrite(new Error('The keychain is locked.'))
    await expect(manager.accessToken()).rejects.toThrow('The keychain is locked.')
    expect(store.current?.refreshToken).toBe('refresh-0')
    // The next call stores the held tokens first; no second refresh burns refresh-1.
    expect(await manager.accessToken()).toBe('access-1')
    expect(store.current?.refreshToken).toBe('refresh-1')
    expect(issuer.calls).toEqual(['refresh-0'])
  })

  it('refreshes once after a 401 and runs the call again', async () => {
    const { manager, issuer } = setup()
    const used: string[] = []
    const result = await manager.withAccessToken((token) => {
      used.push(token)
      if (token === 'access-0') return Promise.reject(auth('The access token expired.', 401))
      return Promise.resolve('done')
    })
    expect(result).toBe('done')
    expect(used).toEqual(['access-0', 'access-1'])
    expect(issuer.calls).toEqual(['refresh-0'])
  })

  it('gives up after the second 401', async () => {
    const { manager, issuer } = setup()
    const error = await providerFailure(
      manager.withAccessToken(() => Promise.reject(auth('Not valid.', 401))),
    )
    expect(error.kind).toBe('auth')
    expect(issuer.calls).toHaveLength(1)
  })

  it('shares one refresh among calls that met the same 401', async () => {
    const { manager, issuer } = setup()
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        manager.withAccessToken((token) =>
          token === 'access-0'
            ? Promise.reject(auth('The access token expired.', 401))
            : Promise.resolve(token),
        ),
      ),
    )
    expect(results).toEqual(Array(5).fill('access-1'))
    expect(issuer.calls).toEqual(['refresh-0'])
  })

  it('says a pasted token is no longer accepted when there is nothing to refresh with', async () => {
    const { manager } = setup(
      { accessToken: 'pasted', accessTokenExpiresAt: null },
      { refresh: undefined, signInHint: 'Paste a new Crego token in Accounts.', provider: 'crego' },
    )
    const error = await providerFailure(
      manager.withAccessToken(() => Promise.reject(auth('No.', 401))),
    )
    expect(error.message).toBe(
      "Crego no longer accepts this account's access token. Paste a new Crego token in Accounts.",
    )
    expect(toAppError(error).code).toBe('auth_required')
  })

  it('signs in again by itself where it may (Crego staff credentials)', async () => {
    let logins = 0
    const { manager, store, issuer, advance } = setup(undefined, {
      reauthenticate: () => {
        logins++
        return Promise.resolve({
          accessToken: 'access-login',
          expiresInSeconds: 900,
          refreshToken: 'refresh-login',
        })
      },
    })
    advance(3600_000)
    issuer.failWith = auth('Token is invalid or expired')
    expect(await manager.accessToken()).toBe('access-login')
    expect(logins).toBe(1)
    expect(store.current?.refreshToken).toBe('refresh-login')
  })

  it('needs a sign-in when nothing is stored or what is stored cannot be read', async () => {
    expect((await providerFailure(setup(null).manager.accessToken())).message).toBe(
      `Trans.eu is not signed in. ${hint}`,
    )
    const broken = setup({ accessToken: '', accessTokenExpiresAt: 'yesterday' })
    expect((await providerFailure(broken.manager.accessToken())).kind).toBe('auth')
  })
})
