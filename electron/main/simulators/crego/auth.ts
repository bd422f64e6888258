/**
 * Crego's staff login: `POST /api/auth/login/` answers short-lived access tokens (900 s) and a
 * refresh token; `POST /api/auth/tokens/refresh/` rotates the refresh token (the old one stops
 * working). A long-lived access token stands for tenants that issue tokens another way.
 */
import type { Clock } from '../http/clock'
import { jsonReply, ReplyError, type RequestContext, type RouteTable } from '../http/router'
import { createTokenStore, type TokenStore } from '../http/tokens'
import { detailReply, readBody } from './errors'
import { LoginBody, RefreshBody, type User } from './shapes'

export interface CregoAuthConfig {
  username: string
  password: string
  /** An access token that never expires by time (only by `expireTokens()`). */
  apiToken: string
  user: User
  accessTokenLifetimeSeconds: number
  refreshTokenLifetimeSeconds: number
}

export type CregoAuthState = Pick<TokenStore, 'accessTokens' | 'refreshTokens'>

export interface CregoAuth {
  state: CregoAuthState
  addRoutes(routes: RouteTable): void
  /** Throws a 401 unless the request carries a live access token. */
  authorize(context: RequestContext): void
  expireTokens(): void
  revokeRefreshTokens(): void
}

const wwwAuthenticate = { 'www-authenticate': 'Bearer realm="api"' }

export function createCregoAuth(config: CregoAuthConfig, clock: Clock): CregoAuth {
  const tokens = createTokenStore(clock, {
    accessSeconds: config.accessTokenLifetimeSeconds,
    refreshSeconds: config.refreshTokenLifetimeSeconds,
  })
  tokens.addAccessToken(config.apiToken, Number.POSITIVE_INFINITY)
  const issue = () => ({
    ...tokens.issue(),
    expires_in: config.accessTokenLifetimeSeconds,
    token_type: 'Bearer',
  })

  return {
    state: tokens,
    addRoutes(routes) {
      routes.post('/api/auth/login/', async (context) => {
        const login = await readBody(context, LoginBody)
        if (login.username !== config.username || login.password !== config.password) {
          return detailReply(401, 'No active account found with the given credentials', {
            headers: wwwAuthenticate,
          })
        }
        return jsonReply(200, { ...issue(), user: config.user })
      })
      routes.post('/api/auth/tokens/refresh/', async (context) => {
        const { refresh } = await readBody(context, RefreshBody)
        if (tokens.useRefreshToken(refresh) !== 'ok') {
          return detailReply(401, 'Token is invalid or expired', {
            code: 'token_not_valid',
            headers: wwwAuthenticate,
          })
        }
        return jsonReply(200, issue())
      })
    },
    authorize(context) {
      const authorization = context.header('authorization') ?? ''
      if (!authorization.startsWith('Bearer ')) {
        throw new ReplyError(
          detailReply(401, 'Authentication credentials were not provided.', {
            headers: wwwAuthenticate,
          }),
        )
      }
      if (tokens.checkAccessToken(authorization.slice('Bearer '.length)) !== 'valid') {
        throw new ReplyError(
          detailReply(401, 'Given token not valid for any token type', {
            code: 'token_not_valid',
            headers: wwwAuthenticate,
          }),
        )
      }
    },
    expireTokens: () => tokens.expireAccessTokens(),
    revokeRefreshTokens: () => tokens.revokeRefreshTokens(),
  }
}
