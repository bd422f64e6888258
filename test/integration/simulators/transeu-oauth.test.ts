import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { documentedErrors, transeuDocumentedAuth } from '../../support/documented-shapes'

const TranseuApiProblem = documentedErrors.transeuProblem
const TranseuOAuthError = transeuDocumentedAuth.oauthError
const TranseuTokenResponse = transeuDocumentedAuth.tokens
import {
  startTranseuSimulator,
  type TranseuSimulator,
} from '../../../electron/main/simulators/transeu/server'
import {
  authorizeCode,
  authorizeUrl,
  dataCall,
  exchangeCode,
  loopbackRedirect,
  openSignIn,
  pkcePair,
  refreshToken,
  requestToken,
  signIn,
  submitSignIn,
} from '../../support/transeu-sign-in'

let sim: TranseuSimulator

const roomy = { data: { limit: 1000, windowMs: 1000 }, token: { limit: 1000, windowMs: 1000 } }

beforeEach(async () => {
  // The clock stands still, so every call falls in one rate-limit window: the rate-limit tests
  // start their own simulator with the documented limits.
  sim = await startTranseuSimulator({
    seed: 3,
    now: '2026-03-02T09:00:00Z',
    freights: 12,
    rateLimits: roomy,
  })
})
afterEach(async () => {
  await sim.stop()
})

async function oauthErrorOf(response: Response) {
  return TranseuOAuthError.parse(await response.json())
}

const listPath = '/ext/freights-api/v1/freights'

describe('authorize page', () => {
  it('shows a sign-in form without scripts for a registered client and redirect', async () => {
    const page = await fetch(authorizeUrl(sim))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await page.text()
    expect(html).toContain('<form method="post" action="/oauth2/auth">')
    expect(html).toMatch(/name="login"/)
    expect(html).toMatch(/type="password"/)
    expect(html).not.toContain('<script')
  })

  it('refuses an unknown client and unregistered redirect URIs with a page, not a redirect', async () => {
    const unknownClient = await fetch(authorizeUrl(sim, { clientId: 'someone-else' }), {
      redirect: 'manual',
    })
    expect(unknownClient.status).toBe(400)
    expect(await unknownClient.text()).toMatch(/Unknown application/)
    for (const redirectUri of [
      'http://localhost:5000/callback',
      'https://evil.example/callback',
      'http://127.0.0.1.evil.example/callback',
      'http://user@127.0.0.1:4000/callback',
      'ftp://127.0.0.1/callback',
      'not a url',
    ]) {
      const answer = await fetch(authorizeUrl(sim, { redirectUri }), { redirect: 'manual' })
      expect(answer.status, redirectUri).toBe(400)
      expect(answer.headers.get('location')).toBeNull()
    }
  })

  it('accepts any loopback port and path, and the configured https URI', async () => {
    for (const redirectUri of [
      'http://127.0.0.1:1/cb',
      'http://127.0.0.1:65000/deep/path?x=1',
      'http://127.0.0.1/cb',
      sim.credentials.httpsRedirectUri,
    ]) {
      const { location } = await authorizeCode(sim, { redirectUri })
      expect(location.toString().startsWith(redirectUri.split('?')[0]!), redirectUri).toBe(true)
    }
  })

  it('redirects with the code and exactly the state it was given', async () => {
    const state = 'a b&c=d/é'
    const { code, state: returned, location } = await authorizeCode(sim, { state })
    expect(returned).toBe(state)
    expect(code.length).toBeGreaterThanOrEqual(32)
    expect(`${location.origin}${location.pathname}`).toBe(loopbackRedirect)
    const stateless = await authorizeCode(sim, { state: null })
    expect(stateless.state).toBeNull()
  })

  it('answers a wrong password on the page and keeps the sign-in open', async () => {
    const requestId = await openSignIn(sim)
    const wrong = await submitSignIn(sim, requestId, { password: 'wrong' })
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toMatch(/Wrong login or password/)
    const right = await submitSignIn(sim, requestId)
    expect(right.status).toBe(302)
    expect(new URL(right.headers.get('location')!).searchParams.get('code')).toBeTruthy()
  })

  it('redirects access_denied with the state when the user denies, and the request cannot be reused', async () => {
    const requestId = await openSignIn(sim, { state: 's-1' })
    const denied = await submitSignIn(sim, requestId, { decision: 'deny' })
    expect(denied.status).toBe(302)
    const location = new URL(denied.headers.get('location')!)
    expect(location.searchParams.get('error')).toBe('access_denied')
    expect(location.searchParams.get('state')).toBe('s-1')
    expect(location.searchParams.get('code')).toBeNull()
    expect((await submitSignIn(sim, requestId)).status).toBe(400)
  })

  it('expires a sign-in left open for ten minutes', async () => {
    const requestId = await openSignIn(sim)
    sim.clock.advance(10 * 60_000)
    const late = await submitSignIn(sim, requestId)
    expect(late.status).toBe(400)
    expect(await late.text()).toMatch(/expired/)
  })

  it.each([
    [{ responseType: 'token' }, 'unsupported_response_type'],
    [{ codeChallenge: pkcePair().challenge, codeChallengeMethod: 'plain' }, 'invalid_request'],
    [{ codeChallenge: pkcePair().challenge }, 'invalid_request'],
    [{ codeChallenge: 'too-short', codeChallengeMethod: 'S256' }, 'invalid_request'],
    [{ codeChallengeMethod: 'S256' }, 'invalid_request'],
  ])('redirects %j back with error %s and the state', async (params, error) => {
    const answer = await fetch(authorizeUrl(sim, { ...params, state: 'keep-me' }), {
      redirect: 'manual',
    })
    expect(answer.status).toBe(302)
    const location = new URL(answer.headers.get('location')!)
    expect(location.searchParams.get('error')).toBe(error)
    expect(location.searchParams.get('state')).toBe('keep-me')
  })
})

describe('token endpoint', () => {
  it('exchanges a code for a Bearer token pair that lasts 21600 s', async () => {
    const { code } = await authorizeCode(sim)
    const answer = await exchangeCode(sim, code)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('cache-control')).toBe('no-store')
    const tokens = TranseuTokenResponse.parse(await answer.json())
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 21_600 })
    expect(tokens.access_token).not.toBe(tokens.refresh_token)
    expect((await dataCall(sim, listPath, tokens.access_token)).status).toBe(200)
  })

  it('takes a code once; presenting it again fails and revokes what it gave', async () => {
    const { code } = await authorizeCode(sim)
    const tokens = TranseuTokenResponse.parse(await (await exchangeCode(sim, code)).json())
    const again = await exchangeCode(sim, code)
    expect(again.status).toBe(400)
    expect(await oauthErrorOf(again)).toMatchObject({ error: 'invalid_grant' })
    expect((await dataCall(sim, listPath, tokens.access_token)).status).toBe(401)
    expect((await refreshToken(sim, tokens.refresh_token)).status).toBe(400)
  })

  it('lets a code live 60 seconds by the clock', async () => {
    const first = await authorizeCode(sim)
    sim.clock.advance(59_999)
    expect((await exchangeCode(sim, first.code)).status).toBe(200)
    const second = await authorizeCode(sim)
    sim.clock.advance(60_000)
    const late = await exchangeCode(sim, second.code)
    expect(late.status).toBe(400)
    expect((await oauthErrorOf(late)).error_description).toMatch(/expired/)
  })

  it('requires the same redirect_uri the code was issued for', async () => {
    const { code } = await authorizeCode(sim)
    const answer = await exchangeCode(sim, code, { redirect_uri: 'http://127.0.0.1:9/other' })
    expect(answer.status).toBe(400)
    expect((await oauthErrorOf(answer)).error_description).toMatch(/redirect_uri/)
  })

  it('checks PKCE: the verifier is required and must match the S256 challenge', async () => {
    const { verifier, challenge } = pkcePair()
    const params = { codeChallenge: challenge, codeChallengeMethod: 'S256' }
    const missing = await exchangeCode(sim, (await authorizeCode(sim, params)).code)
    expect(missing.status).toBe(400)
    expect((await oauthErrorOf(missing)).error_description).toMatch(/code_verifier/)
    const wrong = await exchangeCode(sim, (await authorizeCode(sim, params)).code, {
      code_verifier: pkcePair().verifier,
    })
    expect((await oauthErrorOf(wrong)).error).toBe('invalid_grant')
    const right = await exchangeCode(sim, (await authorizeCode(sim, params)).code, {
      code_verifier: verifier,
    })
    expect(right.status).toBe(200)
  })

  it('refuses requests without the api-key, with a wrong client or in a wrong form', async () => {
    const { code } = await authorizeCode(sim)
    const fields = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: loopbackRedirect,
      client_id: sim.credentials.clientId,
      client_secret: sim.credentials.clientSecret,
    }
    const noKey = await requestToken(sim, fields, null)
    expect(noKey.status).toBe(401)
    expect((await oauthErrorOf(noKey)).error).toBe('invalid_client')
    expect((await requestToken(sim, fields, 'wrong-key')).status).toBe(401)
    const wrongSecret = await requestToken(sim, { ...fields, client_secret: 'nope' })
    expect(wrongSecret.status).toBe(401)
    expect((await oauthErrorOf(wrongSecret)).error).toBe('invalid_client')
    const asJson = await fetch(sim.credentials.tokenUrl, {
      method: 'POST',
      headers: { 'api-key': sim.credentials.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(fields),
    })
    expect(asJson.status).toBe(400)
    expect((await oauthErrorOf(asJson)).error).toBe('invalid_request')
    const noGrant = await requestToken(sim, { code })
    expect((await oauthErrorOf(noGrant)).error).toBe('invalid_request')
    const password = await requestToken(sim, { ...fields, grant_type: 'password' })
    expect(password.status).toBe(400)
    expect((await oauthErrorOf(password)).error).toBe('unsupported_grant_type')
    const noCode = await requestToken(sim, { ...fields, code: '' })
    expect((await oauthErrorOf(noCode)).error_description).toMatch(/code/)
    const unknown = await requestToken(sim, { ...fields, code: 'not-a-code' })
    expect((await oauthErrorOf(unknown)).error).toBe('invalid_grant')
    // None of these used the code up.
    expect((await requestToken(sim, fields)).status).toBe(200)
  })
})

describe('refresh and token lifetimes', () => {
  it('rotates single-use refresh tokens; reusing one fails with invalid_grant', async () => {
    const first = await signIn(sim)
    const rotated = await refreshToken(sim, first.refresh_token)
    expect(rotated.status).toBe(200)
    const second = TranseuTokenResponse.parse(await rotated.json())
    expect(second.refresh_token).not.toBe(first.refresh_token)
    expect(second.access_token).not.toBe(first.access_token)
    const reused = await refreshToken(sim, first.refresh_token)
    expect(reused.status).toBe(400)
    expect(await oauthErrorOf(reused)).toMatchObject({ error: 'invalid_grant' })
    expect((await dataCall(sim, listPath, second.access_token)).status).toBe(200)
    expect((await refreshToken(sim, second.refresh_token)).status).toBe(200)
  })

  it('expires access tokens by the clock and says so with WWW-Authenticate', async () => {
    const tokens = await signIn(sim)
    sim.clock.advance(21_600_000 - 1)
    expect((await dataCall(sim, listPath, tokens.access_token)).status).toBe(200)
    sim.clock.advance(1)
    const expired = await dataCall(sim, listPath, tokens.access_token)
    expect(expired.status).toBe(401)
    expect(expired.headers.get('www-authenticate')).toMatch(/invalid_token/)
    expect(TranseuApiProblem.parse(await expired.json()).detail).toMatch(/expired/)
    const renewed = TranseuTokenResponse.parse(
      await (await refreshToken(sim, tokens.refresh_token)).json(),
    )
    expect((await dataCall(sim, listPath, renewed.access_token)).status).toBe(200)
  })

  it('uses the configured lifetimes', async () => {
    await sim.stop()
    sim = await startTranseuSimulator({
      now: '2026-03-02T09:00:00Z',
      freights: 3,
      rateLimits: roomy,
      accessTokenLifetimeSeconds: 60,
      refreshTokenLifetimeSeconds: 120,
    })
    const tokens = await signIn(sim)
    expect(tokens.expires_in).toBe(60)
    sim.clock.advance(120_000)
    const late = await refreshToken(sim, tokens.refresh_token)
    expect(late.status).toBe(400)
    expect((await oauthErrorOf(late)).error_description).toMatch(/expired/)
  })

  it('expireTokens() and revokeRefreshTokens() break exactly what they name', async () => {
    const tokens = await signIn(sim)
    sim.faults.expireTokens()
    expect((await dataCall(sim, listPath, tokens.access_token)).status).toBe(401)
    const renewed = TranseuTokenResponse.parse(
      await (await refreshToken(sim, tokens.refresh_token)).json(),
    )
    expect((await dataCall(sim, listPath, renewed.access_token)).status).toBe(200)
    sim.faults.revokeRefreshTokens()
    expect((await dataCall(sim, listPath, renewed.access_token)).status).toBe(200)
    const dead = await refreshToken(sim, renewed.refresh_token)
    expect(dead.status).toBe(400)
    expect((await oauthErrorOf(dead)).error).toBe('invalid_grant')
  })
})

describe('data call authentication', () => {
  it('answers 401 without the api-key, without a token and with an unknown token', async () => {
    const tokens = await signIn(sim)
    const noKey = await fetch(`${sim.baseUrl}${listPath}`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    })
    expect(noKey.status).toBe(401)
    expect(TranseuApiProblem.parse(await noKey.json()).detail).toMatch(/api-key/)
    const noToken = await dataCall(sim, listPath, null)
    expect(noToken.status).toBe(401)
    expect(TranseuApiProblem.parse(await noToken.json()).detail).toMatch(/Sign in/)
    const unknown = await dataCall(sim, listPath, 'made-up-token')
    expect(unknown.status).toBe(401)
  })
})

describe('rate limits', () => {
  beforeEach(async () => {
    await sim.stop()
    sim = await startTranseuSimulator({ now: '2026-03-02T09:00:00Z', freights: 3 })
  })

  it('allows 5 token requests a second per api-key, then 429 with Retry-After', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      statuses.push((await refreshToken(sim, 'unknown-refresh-token')).status)
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400])
    expect(statuses[5]).toBe(429)
    const limited = await refreshToken(sim, 'unknown-refresh-token')
    expect(limited.headers.get('retry-after')).toBe('1')
    sim.clock.advance(1000)
    expect((await refreshToken(sim, 'unknown-refresh-token')).status).toBe(400)
  })

  it('allows 15 data requests a second, counted apart from the token endpoint', async () => {
    const tokens = await signIn(sim)
    sim.clock.advance(1000)
    const statuses: number[] = []
    for (let i = 0; i < 16; i++)
      statuses.push((await dataCall(sim, listPath, tokens.access_token)).status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(15)
    expect(statuses[15]).toBe(429)
    expect((await refreshToken(sim, tokens.refresh_token)).status).toBe(200)
    sim.clock.advance(1000)
    expect((await dataCall(sim, listPath, tokens.access_token)).status).toBe(200)
  })
})
