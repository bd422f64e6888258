/**
 * Crego's staff login: `POST /api/auth/login/` answers short-lived access tokens (900 s) and a
 * refresh token; `POST /api/auth/tokens/refresh/` rotates the refresh token (the old one stops
 * working). A long-lived access token stands for tenants that issue tokens another way.
 */
import { randomBytes } from 'node:crypto'
import {
  CregoLoginRequest,
  CregoLoginResponse,
  CregoRefreshRequest,
  CregoRefreshResponse,
  type CregoUser,
} from '../../providers/crego/wire'
import type { Clock } from '../http/clock'
import { jsonReply, ReplyError, type RequestContext, type RouteTable } from '../http/router'
import { detailReply, readBody } from './errors'

export interface CregoAuthConfig {
  username: string
  password: string
  /** An access token that never expires by time (only by `expireTokens()`). */
  apiToken: string
  user: CregoUser
  accessTokenLifetimeSeconds: number
  refreshTokenLifetimeSeconds: number
}

interface Issued {
  expiresAt: number
  /** Refresh tokens only. */
  used: boolean
  revoked: boolean
}

export interface CregoAuthState {
  readonly accessTokens: ReadonlyMap<string, Issued>
  readonly refreshTokens: ReadonlyMap<string, Issued>
}

export interface CregoAuth {
  state: CregoAuthState
  addRoutes(routes: RouteTable): void
  /** Throws a 401 unless the request carries a live access token. */
  authorize(context: RequestContext): void
  expireTokens(): void
  revokeRefreshTokens(): void
}

const invalidToken = { detail: 'Given token not valid for any token type', code: 'token_not_valid' }
const wwwAuthenticate = { 'www-authenticate': 'Bearer realm="api"' }

export function createCregoAuth(config: CregoAuthConfig, clock: Clock): CregoAuth {
  const accessTokens = new Map<string, Issued>([
    [config.apiToken, { expiresAt: Number.POSITIVE_INFINITY, used: false, revoked: false }],
  ])
  const refreshTokens = new Map<string, Issued>()

  const issue = () => {
    const now = clock.now()
    const access = randomBytes(32).toString('base64url')
    const refresh = randomBytes(32).toString('base64url')
    accessTokens.set(access, {
      expiresAt: now + config.accessTokenLifetimeSeconds * 1000,
      used: false,
      revoked: false,
    })
    refreshTokens.set(refresh, {
      expiresAt: now + config.refreshTokenLifetimeSeconds * 1000,
      used: false,
      revoked: false,
    })
    return {
      access,
      refresh,
      expires_in: config.accessTokenLifetimeSeconds,
      token_type: 'Bearer',
    }
  }

  return {
    state: { accessTokens, refreshTokens },
    addRoutes(routes) {
      routes.post('/api/auth/login/', async (context) => {
        const login = await readBody(context, CregoLoginRequest)
        if (login.username !== config.username || login.password !== config.password) {
          return detailReply(401, 'No active account found with the given credentials', {
            headers: wwwAuthenticate,
          })
        }
        return jsonReply(200, CregoLoginResponse.parse({ ...issue(), user: config.user }))
      })
      routes.post('/api/auth/tokens/refresh/', async (context) => {
        const { refresh } = await readBody(context, CregoRefreshRequest)
        const issued = refreshTokens.get(refresh)
        if (!issued || issued.used || issued.revoked || issued.expiresAt <= clock.now()) {
          return detailReply(401, 'Token is invalid or expired', {
            code: 'token_not_valid',
            headers: wwwAuthenticate,
          })
        }
        issued.used = true
        return jsonReply(200, CregoRefreshResponse.parse(issue()))
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
      const issued = accessTokens.get(authorization.slice('Bearer '.length))
      if (!issued || issued.revoked || issued.expiresAt <= clock.now()) {
        throw new ReplyError(
          detailReply(401, invalidToken.detail, {
            code: invalidToken.code,
            headers: wwwAuthenticate,
          }),
        )
      }
    },
    expireTokens() {
      const now = clock.now()
      for (const issued of accessTokens.values()) issued.expiresAt = Math.min(issued.expiresAt, now)
    },
    revokeRefreshTokens() {
      for (const issued of refreshTokens.values()) issued.revoked = true
    },
  }
}
