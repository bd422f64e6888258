import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import {
  isProviderError,
  toAppError,
  type ProviderError,
} from '../../../electron/main/providers/errors'
import { createRateLimiter } from '../../../electron/main/providers/rate-limiter'
import {
  buildAuthorizeUrl,
  createOAuthState,
  createPkcePair,
  createTranseuOAuth,
  readAuthorizationResponse,
  type TranseuOAuth,
} from '../../../electron/main/providers/transeu/oauth'
import { createRecordingLogger } from '../../support/recording-logger'
import { signInOnConsentPage } from '../../../electron/main/simulators'
import { loopbackRedirect } from '../../support/transeu-sign-in'
import { providerFailure } from '../../support/provider-failure'
import { transeuSimulator, type TranseuSimulator } from '../../support/simulators'

let sim: TranseuSimulator
let oauth: TranseuOAuth
let log: ReturnType<typeof createRecordingLogger>

beforeAll(async () => {
  sim = await transeuSimulator({
    seed: 5,
    now: '2026-03-02T09:00:00Z',
    freights: 10,
    rateLimits: { token: { limit: 1000, windowMs: 1000 } },
  })
})
beforeEach(() => {
  sim.faults.reset()
  log = createRecordingLogger()
  oauth = createTranseuOAuth({
    apiBaseUrl: sim.baseUrl,
    app: sim.credentials,
    limiter: createRateLimiter({ limit: 5, windowMs: 1000 }),
    log,
  })
})

/** Opens the URL Freightdesk built, signs in on the consent page, returns the redirect. */
async function signInAt(url: string, decision: 'allow' | 'deny' = 'allow'): Promise<string> {
  return (await signInOnConsentPage(url, sim.credentials.user, { decision })).toString()
}

function startSignIn() {
  const state = createOAuthState()
  const pkce = createPkcePair()
  const url = buildAuthorizeUrl({
    authorizeUrl: sim.credentials.authorizeUrl,
    clientId: sim.credentials.clientId,
    redirectUri: loopbackRedirect,
    state,
    codeChallenge: pkce.challenge,
  })
  return { state, pkce, url }
}

describe('signing in', () => {
  it('builds the authorize URL with state and a PKCE S256 challenge', () => {
    const { url, state, pkce } = startSignIn()
    const params = new URL(url).searchParams
    expect(Object.fromEntries(params)).toEqual({
      client_id: sim.credentials.clientId,
      response_type: 'code',
      redirect_uri: loopbackRedirect,
      state,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    })
    expect(pkce.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/)
    expect(pkce.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(createOAuthState()).not.toBe(state)
  })

  it('signs in through the consent page and exchanges the code with the verifier', async () => {
    const { url, state, pkce } = startSignIn()
    const { code, stateChecked } = readAuthorizationResponse(await signInAt(url), state)
    expect(stateChecked).toBe(true)
    const grant = await oauth.exchangeCode({
      code,
      redirectUri: loopbackRedirect,
      codeVerifier: pkce.verifier,
    })
    expect(grant).toMatchObject({ expiresInSeconds: 21_600, scope: 'freights' })
    expect(sim.state.oauth.tokens.accessTokens.has(grant.accessToken)).toBe(true)
    expect(sim.state.oauth.tokens.refreshTokens.has(grant.refreshToken ?? '')).toBe(true)
  })

  it('refuses a code with the wrong verifier, a used code and an expired code as a new sign-in', async () => {
    const first = startSignIn()
    const code = readAuthorizationResponse(await signInAt(first.url), first.state).code
    const wrong = await providerFailure(
      oauth.exchangeCode({
        code,
        redirectUri: loopbackRedirect,
        codeVerifier: createPkcePair().verifier,
      }),
    )
    expect(wrong.kind).toBe('auth')
    expect(toAppError(wrong).code).toBe('auth_required')
    expect(wrong.message).toContain('code_verifier does not match')

    const second = startSignIn()
    const secondCode = readAuthorizationResponse(await signInAt(second.url), second.state).code
    await oauth.exchangeCode({
      code: secondCode,
      redirectUri: loopbackRedirect,
      codeVerifier: second.pkce.verifier,
    })
    const reused = await providerFailure(
      oauth.exchangeCode({
        code: secondCode,
        redirectUri: loopbackRedirect,
        codeVerifier: second.pkce.verifier,
      }),
    )
    expect(reused.providerCode).toBe('invalid_grant')

    const third = startSignIn()
    const thirdCode = readAuthorizationResponse(await signInAt(third.url), third.state).code
    sim.clock.advance(61_000)
    const expired = await providerFailure(
      oauth.exchangeCode({
        code: thirdCode,
        redirectUri: loopbackRedirect,
        codeVerifier: third.pkce.verifier,
      }),
    )
    expect(expired.message).toContain('The authorization code expired')
    for (const error of [wrong, reused, expired]) {
      const text = `${error.message} ${JSON.stringify(error.error)} ${log.text()}`
      for (const secret of [code, secondCode, thirdCode, sim.credentials.clientSecret]) {
        expect(text).not.toContain(secret)
      }
    }
  })

  it('reads what the user pasted: the redirect URL, its query, or a bare code', () => {
    expect(readAuthorizationResponse(`${loopbackRedirect}?code=abc123XYZ&state=s1`, 's1')).toEqual({
      code: 'abc123XYZ',
      stateChecked: true,
    })
    expect(readAuthorizationResponse('?code=abc123XYZ&state=s1', 's1').code).toBe('abc123XYZ')
    expect(readAuthorizationResponse('  Q2hlY2tDb2RlLTEyMzQ1Ng  ', 's1')).toEqual({
      code: 'Q2hlY2tDb2RlLTEyMzQ1Ng',
      stateChecked: false,
    })
    const mismatch = (() => {
      try {
        readAuthorizationResponse(`${loopbackRedirect}?code=abc123XYZ&state=other`, 's1')
      } catch (error) {
        return error as ProviderError
      }
      throw new Error('expected a failure')
    })()
    expect(mismatch.kind).toBe('validation')
    expect(AppError.parse(toAppError(mismatch)).fields).toEqual({
      redirect: 'The address belongs to another sign-in attempt.',
    })
    expect(() => readAuthorizationResponse(`${loopbackRedirect}?code=abc123XYZ`, 's1')).toThrow(
      /no state/,
    )
    expect(() => readAuthorizationResponse('not a code at all', 's1')).toThrow(/no sign-in code/)
  })

  it('turns a denied consent into a new sign-in, not an error to retry', async () => {
    const { url, state } = startSignIn()
    const location = await signInAt(url, 'deny')
    try {
      readAuthorizationResponse(location, state)
      throw new Error('expected a failure')
    } catch (error) {
      expect(isProviderError(error) && error.kind).toBe('auth')
      expect((error as ProviderError).message).toMatch(/^The sign-in on Trans.eu was cancelled/)
    }
  })
})

describe('refreshing', () => {
  async function signedIn() {
    const { url, state, pkce } = startSignIn()
    const { code } = readAuthorizationResponse(await signInAt(url), state)
    return oauth.exchangeCode({ code, redirectUri: loopbackRedirect, codeVerifier: pkce.verifier })
  }

  it('rotates the refresh token: the old one is spent', async () => {
    const grant = await signedIn()
    const next = await oauth.refresh(grant.refreshToken ?? '')
    expect(next.refreshToken).not.toBe(grant.refreshToken)
    expect(next.accessToken).not.toBe(grant.accessToken)
    const spent = await providerFailure(oauth.refresh(grant.refreshToken ?? ''))
    expect(spent.kind).toBe('auth')
    expect(toAppError(spent).code).toBe('auth_required')
    expect(`${spent.message} ${log.text()}`).not.toContain(grant.refreshToken)
  })

  it('never repeats a refresh whose answer was lost', async () => {
    const grant = await signedIn()
    sim.faults.failNext(1, 'reset')
    const lost = await providerFailure(oauth.refresh(grant.refreshToken ?? ''))
    expect(lost.kind).toBe('offline')
    expect(log.lines.filter((line) => line.message.includes('trying again'))).toEqual([])
    // The platform spent the token before the answer was cut: a repeat would have been refused.
    expect(sim.state.oauth.tokens.refreshTokens.get(grant.refreshToken ?? '')?.used).toBe(true)
  })

  it('says which credentials to check when the client secret is wrong', async () => {
    const grant = await signedIn()
    const wrong = createTranseuOAuth({
      apiBaseUrl: sim.baseUrl,
      app: { ...sim.credentials, clientSecret: 'not-the-secret-123' },
      limiter: createRateLimiter({ limit: 5, windowMs: 1000 }),
      log,
    })
    const error = await providerFailure(wrong.refresh(grant.refreshToken ?? ''))
    expect(error.kind).toBe('auth')
    expect(error.message).toContain('check the client id, client secret and api-key')
    expect(error.message).not.toContain('not-the-secret-123')
  })
})
