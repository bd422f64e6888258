/**
 * Signing in to Trans.eu against the simulator over real HTTP: the authorize page is followed the
 * way a browser would, the redirect lands on the app's loopback listener (or is pasted), tokens
 * go to the real keychain.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { SignInStarted, TranseuAccount } from '@shared/domain/account'
import {
  startTranseuSimulator,
  type TranseuSimulator,
} from '../../../electron/main/simulators/transeu/server'
import { keychainEntries, requireKeychain } from '../../support/keychain'
import { signInOnConsentPage } from '../../../electron/main/simulators'
import { startTestCore, type TestCore } from '../../support/test-core'

let sim: TranseuSimulator
let app: TestCore

beforeAll(async () => {
  await requireKeychain()
  // Many sign-ins a second across tests: the token endpoint's limit is not what is tested here.
  sim = await startTranseuSimulator({
    seed: 21,
    freights: 4,
    now: '2026-03-02T09:00:00Z',
    rateLimits: { token: { limit: 1000, windowMs: 1000 } },
  })
})
afterAll(() => sim.stop())

beforeEach(() => {
  app = startTestCore({ signInTimeoutMs: 60_000 })
})
afterEach(() => app.close())

function addAccount(redirectUri: string | null = null): Promise<TranseuAccount> {
  return app.call('accounts.add', {
    provider: 'transeu',
    name: 'Trans.eu Wrocław',
    environment: 'custom',
    baseUrl: sim.baseUrl,
    redirectUri,
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    apiKey: sim.credentials.apiKey,
  }) as Promise<TranseuAccount>
}

/** Does in "the browser" what the user does: open the page, sign in, get redirected (not followed). */
function signInOnPage(authorizeUrl: string, decision: 'allow' | 'deny' = 'allow') {
  return signInOnConsentPage(authorizeUrl, sim.credentials.user, { decision })
}

/** The browser following the redirect to the loopback listener. */
async function follow(location: URL) {
  const answer = await fetch(location, { redirect: 'manual' })
  return { status: answer.status, text: await answer.text() }
}

async function tokensOf(accountId: string) {
  const entry = (await keychainEntries(app.secretService)).find(
    (each) => each.account === `${accountId}/transeu.tokens`,
  )
  return entry
    ? (JSON.parse(entry.password) as { accessToken: string; refreshToken?: string })
    : null
}

describe('Trans.eu sign-in with the loopback listener', () => {
  it('follows the authorize page, checks state, uses PKCE, stores tokens and closes the listener', async () => {
    const account = await addAccount()
    expect(account.status.state).toBe('needs_sign_in')
    expect(account.secrets).toEqual({ app: 'set', tokens: 'missing' })

    const started = await app.call('accounts.signIn.start', { id: account.id })
    expect(started).toMatchObject({ redirect: 'loopback', browser: 'open_in_page' })
    const authorize = new URL(started.authorizeUrl)
    expect(authorize.origin + authorize.pathname).toBe(`${sim.baseUrl}/oauth2/auth`)
    const redirectUri = new URL(authorize.searchParams.get('redirect_uri') ?? '')
    expect(redirectUri.hostname).toBe('127.0.0.1')
    expect(redirectUri.pathname).toBe('/oauth/callback')
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(authorize.searchParams.get('state')?.length).toBeGreaterThanOrEqual(43)

    const finished = app.nextEvent('accounts.signIn.finished')
    const location = await signInOnPage(started.authorizeUrl)
    expect(location.origin).toBe(redirectUri.origin)
    const page = await follow(location)
    expect(page.status).toBe(200)
    expect(page.text).toContain('Signed in to Trans.eu')
    expect(await finished).toEqual({ ok: true, signInId: started.signInId, accountId: account.id })

    const tokens = await tokensOf(account.id)
    expect(tokens?.accessToken).toBeTruthy()
    expect(tokens?.refreshToken).toBeTruthy()
    const [listed] = await app.call('accounts.list')
    expect(listed).toMatchObject({
      status: { state: 'connected', message: null },
      secrets: { app: 'set', tokens: 'set' },
    })
    // The listener is gone: the code cannot be delivered twice.
    await expect(fetch(location)).rejects.toThrow()
    // And the tokens work.
    const test = await app.call('accounts.test', { id: account.id })
    expect(test).toMatchObject({ ok: true, code: 'ok' })
    expect(app.events.filter((event) => event.name === 'accounts.changed').length).toBeGreaterThan(
      1,
    )
  })

  it('refuses a redirect whose state does not match, and still takes the right one', async () => {
    const account = await addAccount()
    const started = await app.call('accounts.signIn.start', { id: account.id })
    const location = await signInOnPage(started.authorizeUrl)
    const forged = new URL(location)
    forged.searchParams.set('state', 'someone-elses-state')
    const refused = await follow(forged)
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('does not belong to the sign-in')
    const missing = new URL(location)
    missing.searchParams.delete('state')
    expect((await follow(missing)).status).toBe(400)
    expect(await tokensOf(account.id)).toBeNull()
    expect(app.log.text()).toContain('state does not match')

    const finished = app.nextEvent('accounts.signIn.finished')
    expect((await follow(location)).status).toBe(200)
    expect((await finished).ok).toBe(true)
    expect(await tokensOf(account.id)).not.toBeNull()
  })

  it('ends with a clear failure when the user denies access on the page', async () => {
    const account = await addAccount()
    const started = await app.call('accounts.signIn.start', { id: account.id })
    const finished = app.nextEvent('accounts.signIn.finished')
    const location = await signInOnPage(started.authorizeUrl, 'deny')
    expect(location.searchParams.get('error')).toBe('access_denied')
    const page = await follow(location)
    expect(page.status).toBe(400)
    expect(page.text).toContain('Access was denied on the Trans.eu page')
    const event = await finished
    expect(event).toMatchObject({ ok: false, error: { code: 'auth_required' } })
    expect(event.ok ? '' : event.error.message).toMatch(/Access was denied/)
    expect(await tokensOf(account.id)).toBeNull()
  })

  it('gives up after the timeout and closes the listener', async () => {
    await app.close()
    app = startTestCore({ signInTimeoutMs: 300 })
    const account = await addAccount()
    const finished = app.nextEvent('accounts.signIn.finished')
    const started = await app.call('accounts.signIn.start', { id: account.id })
    const redirectUri = new URL(started.authorizeUrl).searchParams.get('redirect_uri') ?? ''
    const event = await finished
    expect(event).toMatchObject({
      ok: false,
      signInId: started.signInId,
      error: { code: 'auth_required' },
    })
    expect(event.ok ? '' : event.error.message).toMatch(/not finished within 1 second,/)
    await expect(fetch(`${redirectUri}?code=late&state=x`)).rejects.toThrow()
    // A late paste finds no sign-in waiting.
    expect(
      await app.failure('accounts.signIn.complete', {
        signInId: started.signInId,
        response: 'late-code-1234',
      }),
    ).toMatchObject({ code: 'not_found' })
  })

  it('refuses a code that was already used (and the provider revokes what it issued)', async () => {
    const account = await addAccount()
    const first = await app.call('accounts.signIn.start', { id: account.id })
    const location = await signInOnPage(first.authorizeUrl)
    expect((await follow(location)).status).toBe(200)
    const code = location.searchParams.get('code') ?? ''

    const second = await app.call('accounts.signIn.start', { id: account.id })
    const error = await app.failure('accounts.signIn.complete', {
      signInId: second.signInId,
      response: code,
    })
    expect(error.code).toBe('validation')
    expect(error.fields?.response).toMatch(/already used, or expired/)
    expect(error.message).not.toContain(code)
    // RFC 6749 4.1.2: a reused code revokes the tokens it gave; the account needs signing in.
    const test = await app.call('accounts.test', { id: account.id })
    expect(test).toMatchObject({ ok: false, code: 'auth_required' })
    expect(test.account.status.state).toBe('needs_sign_in')
    await app.call('accounts.signIn.cancel', { signInId: second.signInId })
  })

  it('replaces a waiting sign-in of the same account, closing its listener', async () => {
    const account = await addAccount()
    const first = await app.call('accounts.signIn.start', { id: account.id })
    const firstRedirect = new URL(first.authorizeUrl).searchParams.get('redirect_uri') ?? ''
    const replaced = app.nextEvent('accounts.signIn.finished', (e) => e.signInId === first.signInId)
    const second = await app.call('accounts.signIn.start', { id: account.id })
    expect(await replaced).toMatchObject({ ok: false, error: { code: 'conflict' } })
    await expect(fetch(`${firstRedirect}?code=x&state=y`)).rejects.toThrow()
    expect(await app.call('accounts.signIn.cancel', { signInId: second.signInId })).toEqual({
      cancelled: true,
    })
    expect(await app.call('accounts.signIn.cancel', { signInId: second.signInId })).toEqual({
      cancelled: false,
    })
  })
})

describe('Trans.eu sign-in by pasting (a registration with an https redirect only)', () => {
  async function pasteSession(): Promise<{ account: TranseuAccount; started: SignInStarted }> {
    const account = await addAccount(sim.credentials.httpsRedirectUri)
    expect(account.redirectUri).toBe(sim.credentials.httpsRedirectUri)
    const started = await app.call('accounts.signIn.start', { id: account.id })
    expect(started.redirect).toBe('paste')
    expect(new URL(started.authorizeUrl).searchParams.get('redirect_uri')).toBe(
      sim.credentials.httpsRedirectUri,
    )
    return { account, started }
  }

  it('completes with the whole redirected address', async () => {
    const { account, started } = await pasteSession()
    const location = await signInOnPage(started.authorizeUrl)
    expect(location.toString().startsWith(sim.credentials.httpsRedirectUri)).toBe(true)
    const signedIn = await app.call('accounts.signIn.complete', {
      signInId: started.signInId,
      response: `  ${location.toString()}\n`,
    })
    expect(signedIn).toMatchObject({
      id: account.id,
      status: { state: 'connected' },
      secrets: { tokens: 'set' },
    })
    expect((await app.call('accounts.test', { id: account.id })).ok).toBe(true)
  })

  it('completes with the bare code', async () => {
    const { account, started } = await pasteSession()
    const location = await signInOnPage(started.authorizeUrl)
    const signedIn = await app.call('accounts.signIn.complete', {
      signInId: started.signInId,
      response: location.searchParams.get('code') ?? '',
    })
    expect(signedIn.status.state).toBe('connected')
    expect(await tokensOf(account.id)).not.toBeNull()
  })

  it('refuses an address of another attempt or without a code, and stays open for the right one', async () => {
    const { started } = await pasteSession()
    const location = await signInOnPage(started.authorizeUrl)
    const forged = new URL(location)
    forged.searchParams.set('state', 'not-this-one')
    const wrongState = await app.failure('accounts.signIn.complete', {
      signInId: started.signInId,
      response: forged.toString(),
    })
    expect(wrongState).toMatchObject({ code: 'validation' })
    expect(wrongState.fields?.response).toMatch(/another sign-in attempt/)
    const noCode = new URL(location)
    noCode.searchParams.delete('code')
    expect(
      (
        await app.failure('accounts.signIn.complete', {
          signInId: started.signInId,
          response: noCode.toString(),
        })
      ).fields?.response,
    ).toMatch(/no code/)
    expect(
      (
        await app.failure('accounts.signIn.complete', {
          signInId: started.signInId,
          response: 'not a code at all',
        })
      ).fields?.response,
    ).toMatch(/does not look like a sign-in code/)
    const signedIn = await app.call('accounts.signIn.complete', {
      signInId: started.signInId,
      response: location.toString(),
    })
    expect(signedIn.status.state).toBe('connected')
  })

  it('takes a code that expired as a wrong code, not as an outage', async () => {
    const { started } = await pasteSession()
    const location = await signInOnPage(started.authorizeUrl)
    sim.clock.advance(61_000)
    const error = await app.failure('accounts.signIn.complete', {
      signInId: started.signInId,
      response: location.toString(),
    })
    expect(error).toMatchObject({ code: 'validation' })
    expect(error.fields?.response).toMatch(/codes live one minute/)
    await app.call('accounts.signIn.cancel', { signInId: started.signInId })
  })

  it('says plainly that SpotGo and Crego accounts do not sign in in the browser', async () => {
    const error = await app.failure('accounts.signIn.start', { id: 'no-such-account' })
    expect(error.code).toBe('not_found')
  })
})
