/**
 * What signing in to Trans.eu needs (the accounts service drives the flow): the authorize URL with `state` and
 * a PKCE S256 challenge, reading the redirect (or a pasted URL or code) with the state checked,
 * the code exchange and the refresh at the token endpoint (form-encoded, with the `Api-key`), and
 * a token manager for an account. Token calls are never repeated once sent: the code and the
 * refresh token are single-use.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Logger } from '../../log'
import { ProviderError } from '../errors'
import { createHttpClient, type HttpTuning } from '../http'
import type { RateLimiter } from '../rate-limiter'
import {
  createTokenManager,
  type TokenGrant,
  type TokenManager,
  type TokenStore,
} from '../token-manager'
import { TranseuTokenResponse } from './wire'

/** What an app registration yields (doc). */
export interface TranseuApp {
  clientId: string
  clientSecret: string
  apiKey: string
}

export interface TranseuEndpoints {
  /** Every API path starts with `/ext/` below it. */
  apiBaseUrl: string
  /** The authorization server's authorize page. */
  authorizeUrl: string
}

export const transeuProductionEndpoints: TranseuEndpoints = {
  apiBaseUrl: 'https://api.platform.trans.eu',
  authorizeUrl: 'https://auth.platform.trans.eu/oauth2/auth',
}

export const transeuTokenPath = '/ext/auth-api/accounts/token'

export interface PkcePair {
  /** Kept by the app until the code exchange; a secret. */
  verifier: string
  /** Sent on the authorize URL. */
  challenge: string
  method: 'S256'
}

/** A PKCE verifier (64 random bytes, base64url) and its S256 challenge (RFC 7636). */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(64).toString('base64url')
  return {
    verifier,
    challenge: createHash('sha256').update(verifier).digest('base64url'),
    method: 'S256',
  }
}

/** A random `state` for one sign-in. */
export function createOAuthState(): string {
  return randomBytes(32).toString('base64url')
}

/** The authorize page's URL for one sign-in. */
export function buildAuthorizeUrl(input: {
  authorizeUrl: string
  clientId: string
  redirectUri: string
  state: string
  /** The PKCE challenge; omit only where the server refuses PKCE. */
  codeChallenge?: string
}): string {
  const url = new URL(input.authorizeUrl)
  url.searchParams.set('client_id', input.clientId)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('redirect_uri', input.redirectUri)
  url.searchParams.set('state', input.state)
  if (input.codeChallenge) {
    url.searchParams.set('code_challenge', input.codeChallenge)
    url.searchParams.set('code_challenge_method', 'S256')
  }
  return url.toString()
}

export interface AuthorizationResponse {
  code: string
  /** False when only a bare code was pasted: there was no state to compare. */
  stateChecked: boolean
}

/**
 * Reads what came back from the authorize page: the redirect URL (from the loopback listener or
 * pasted), its query string, or a bare pasted code. A URL must carry the expected `state`; an
 * `error` on it (the user denied access) ends in an `auth` error.
 */
export function readAuthorizationResponse(
  input: string,
  expectedState: string,
): AuthorizationResponse {
  const text = input.trim()
  const invalid = (message: string) =>
    new ProviderError({
      provider: 'transeu',
      kind: 'validation',
      message: `${message} Start signing in to Trans.eu again.`,
      fields: { redirect: [message] },
    })
  if (/^[A-Za-z0-9._~+/-]{8,}$/.test(text)) {
    return { code: text, stateChecked: false }
  }
  let params: URLSearchParams
  try {
    params = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
      ? new URL(text).searchParams
      : new URLSearchParams(text.replace(/^[?#]/, ''))
  } catch {
    throw invalid('This is neither the address Trans.eu redirected to nor a sign-in code.')
  }
  const error = params.get('error')
  if (error) {
    throw new ProviderError({
      provider: 'transeu',
      kind: 'auth',
      providerCode: error,
      message:
        error === 'access_denied'
          ? 'The sign-in on Trans.eu was cancelled, so Freightdesk got no access. Start signing in again and choose to allow access.'
          : `Trans.eu refused the sign-in (${error}). Start signing in again; if it keeps failing, check the client id and redirect address in Accounts.`,
    })
  }
  const code = params.get('code')
  if (!code) throw invalid('The address has no sign-in code in it.')
  const state = params.get('state')
  if (state === null)
    throw invalid('The address has no state, so it cannot be matched to this sign-in.')
  if (state !== expectedState) throw invalid('The address belongs to another sign-in attempt.')
  return { code, stateChecked: true }
}

export interface TranseuOAuth {
  /** Trades the code (single-use, valid one minute) for tokens. Never repeated once sent. */
  exchangeCode(
    input: { code: string; redirectUri: string; codeVerifier?: string },
    signal?: AbortSignal,
  ): Promise<TokenGrant & { scope: string }>
  /** Trades a refresh token (single-use) for new tokens. Never repeated once sent. */
  refresh(refreshToken: string, signal?: AbortSignal): Promise<TokenGrant>
}

export interface TranseuOAuthOptions {
  apiBaseUrl: string
  app: TranseuApp
  /** The token endpoint's limiter (5 a second), separate from the API's. */
  limiter: RateLimiter
  log: Logger
  http?: HttpTuning
}

export function createTranseuOAuth(options: TranseuOAuthOptions): TranseuOAuth {
  const { app } = options
  const http = createHttpClient({
    ...options.http,
    provider: 'transeu',
    baseUrl: options.apiBaseUrl,
    log: options.log,
    limiter: options.limiter,
    headers: { 'Api-key': app.apiKey },
    authHint:
      'Start signing in to Trans.eu again; if it keeps failing, check the client id, client secret and api-key in Accounts.',
  })
  const grantOf = (body: TranseuTokenResponse): TokenGrant => ({
    accessToken: body.access_token,
    expiresInSeconds: body.expires_in,
    refreshToken: body.refresh_token,
  })
  return {
    async exchangeCode(input, signal) {
      const answer = await http.json({
        method: 'POST',
        path: transeuTokenPath,
        form: {
          grant_type: 'authorization_code',
          code: input.code,
          redirect_uri: input.redirectUri,
          client_id: app.clientId,
          client_secret: app.clientSecret,
          code_verifier: input.codeVerifier,
        },
        secrets: [input.code, app.clientSecret, input.codeVerifier ?? ''],
        action: 'finish signing in',
        schema: TranseuTokenResponse,
        signal,
      })
      return { ...grantOf(answer.data), scope: answer.data.scope }
    },
    async refresh(refreshToken, signal) {
      const answer = await http.json({
        method: 'POST',
        path: transeuTokenPath,
        form: {
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: app.clientId,
          client_secret: app.clientSecret,
        },
        secrets: [refreshToken, app.clientSecret],
        action: 'refresh the sign-in',
        schema: TranseuTokenResponse,
        signal,
      })
      return grantOf(answer.data)
    },
  }
}

/** The token manager of one Trans.eu account: refreshes through `oauth`, persists to `store`. */
export function createTranseuTokenManager(options: {
  oauth: TranseuOAuth
  store: TokenStore
  log: Logger
  now?: () => number
  refreshMarginMs?: number
}): TokenManager {
  return createTokenManager({
    provider: 'transeu',
    store: options.store,
    refresh: (refreshToken, signal) => options.oauth.refresh(refreshToken, signal),
    log: options.log,
    now: options.now,
    refreshMarginMs: options.refreshMarginMs,
    signInHint: 'Sign in to Trans.eu again in Accounts.',
  })
}
