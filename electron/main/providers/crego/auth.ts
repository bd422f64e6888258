/**
 * Signing in to Crego: staff login and refresh (the refresh token rotates), a pasted access token,
 * and the token manager of one account. The document and share calls live in client.ts.
 */
import type { Logger } from '../../log'
import { createHttpClient, type HttpTuning } from '../http'
import type { RateLimiter } from '../rate-limiter'
import {
  createTokenManager,
  type StoredTokens,
  type TokenGrant,
  type TokenManager,
  type TokenStore,
} from '../token-manager'
import { CregoLoginResponse, CregoRefreshResponse, type CregoUser } from './wire'

const loginHint = 'Check the Crego username and password in Accounts.'

export interface CregoConnection {
  baseUrl: string
  log: Logger
  /** Crego documents no limit; `providerRateLimits.crego` keeps a polite pace. */
  limiter?: RateLimiter
  http?: HttpTuning
}

/** Staff login: the tokens and the signed-in user. Safe to repeat: nothing is spent. */
export async function cregoLogin(
  connection: CregoConnection,
  credentials: { username: string; password: string },
  signal?: AbortSignal,
): Promise<{ grant: TokenGrant; user: CregoUser }> {
  const answer = await authHttp(connection, loginHint).json({
    method: 'POST',
    path: '/api/auth/login/',
    json: { username: credentials.username, password: credentials.password, type: 'staff' },
    secrets: [credentials.password],
    idempotent: true,
    action: 'sign in',
    schema: CregoLoginResponse,
    signal,
  })
  return { grant: grantOf(answer.data), user: answer.data.user }
}

/** Trades a refresh token for new tokens (it rotates). Never repeated once sent. */
export async function cregoRefresh(
  connection: CregoConnection,
  refreshToken: string,
  signal?: AbortSignal,
): Promise<TokenGrant> {
  const answer = await authHttp(connection, 'Sign in to Crego again in Accounts.').json({
    method: 'POST',
    path: '/api/auth/tokens/refresh/',
    json: { refresh: refreshToken },
    secrets: [refreshToken],
    action: 'refresh the sign-in',
    schema: CregoRefreshResponse,
    signal,
  })
  return grantOf(answer.data)
}

/** What to store for an access token pasted by the user: no expiry known, nothing to refresh. */
export function pastedCregoTokens(accessToken: string): StoredTokens {
  return { accessToken: accessToken.trim(), accessTokenExpiresAt: null }
}

/**
 * The token manager of one Crego account. With `login` (staff credentials kept by the account),
 * a dead refresh token leads to a new login instead of asking the user.
 */
export function createCregoTokenManager(
  options: CregoConnection & {
    store: TokenStore
    login?: { username: string; password: string }
    now?: () => number
    refreshMarginMs?: number
  },
): TokenManager {
  const login = options.login
  return createTokenManager({
    provider: 'crego',
    store: options.store,
    refresh: (refreshToken, signal) => cregoRefresh(options, refreshToken, signal),
    reauthenticate: login
      ? async (signal) => (await cregoLogin(options, login, signal)).grant
      : undefined,
    now: options.now,
    refreshMarginMs: options.refreshMarginMs,
    log: options.log,
    signInHint: 'Sign in to Crego again in Accounts (or paste a new access token).',
  })
}

function authHttp(connection: CregoConnection, authHint: string) {
  return createHttpClient({
    ...connection.http,
    provider: 'crego',
    baseUrl: connection.baseUrl,
    log: connection.log,
    limiter: connection.limiter,
    authHint,
  })
}

function grantOf(body: CregoRefreshResponse): TokenGrant {
  return { accessToken: body.access, expiresInSeconds: body.expires_in, refreshToken: body.refresh }
}
