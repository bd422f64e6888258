/**
 * Access and refresh tokens of the simulators that issue them (Trans.eu, Crego): random opaque
 * strings with lifetimes on the simulator's clock, single-use refresh tokens, and the token
 * faults (every access token expired, every refresh token revoked).
 */
import { randomBytes } from 'node:crypto'
import type { Clock } from './clock'

export interface IssuedToken {
  expiresAt: number
  revoked: boolean
  /** Refresh tokens: presented once already. */
  used: boolean
}

export type AccessTokenCheck = 'valid' | 'unknown' | 'expired'
export type RefreshTokenUse = 'ok' | 'unknown' | 'used' | 'revoked' | 'expired'

export interface TokenStore {
  readonly accessTokens: ReadonlyMap<string, IssuedToken>
  readonly refreshTokens: ReadonlyMap<string, IssuedToken>
  /** A new access and refresh token pair. */
  issue(): { access: string; refresh: string }
  /** Registers an access token minted elsewhere (e.g. a long-lived pasted token). */
  addAccessToken(token: string, expiresAt: number): void
  checkAccessToken(token: string): AccessTokenCheck
  /** Spends a refresh token: 'ok' once, then 'used'. */
  useRefreshToken(token: string): RefreshTokenUse
  /** Revokes the named tokens, access or refresh. */
  revoke(tokens: readonly string[]): void
  /** Every access token issued so far expires now. */
  expireAccessTokens(): void
  /** Every refresh token issued so far stops working. */
  revokeRefreshTokens(): void
}

export function createTokenStore(
  clock: Clock,
  lifetimes: { accessSeconds: number; refreshSeconds: number },
): TokenStore {
  const accessTokens = new Map<string, IssuedToken>()
  const refreshTokens = new Map<string, IssuedToken>()
  const fresh = (expiresAt: number): IssuedToken => ({ expiresAt, revoked: false, used: false })
  return {
    accessTokens,
    refreshTokens,
    issue() {
      const now = clock.now()
      const access = randomBytes(32).toString('base64url')
      const refresh = randomBytes(32).toString('base64url')
      accessTokens.set(access, fresh(now + lifetimes.accessSeconds * 1000))
      refreshTokens.set(refresh, fresh(now + lifetimes.refreshSeconds * 1000))
      return { access, refresh }
    },
    addAccessToken(token, expiresAt) {
      accessTokens.set(token, fresh(expiresAt))
    },
    checkAccessToken(token) {
      const issued = accessTokens.get(token)
      if (!issued || issued.revoked) return 'unknown'
      return issued.expiresAt <= clock.now() ? 'expired' : 'valid'
    },
    useRefreshToken(token) {
      const issued = refreshTokens.get(token)
      if (!issued) return 'unknown'
      if (issued.used) return 'used'
      if (issued.revoked) return 'revoked'
      if (issued.expiresAt <= clock.now()) return 'expired'
      issued.used = true
      return 'ok'
    },
    revoke(tokens) {
      for (const token of tokens) {
        const issued = accessTokens.get(token) ?? refreshTokens.get(token)
        if (issued) issued.revoked = true
      }
    },
    expireAccessTokens() {
      const now = clock.now()
      for (const issued of accessTokens.values()) issued.expiresAt = Math.min(issued.expiresAt, now)
    },
    revokeRefreshTokens() {
      for (const issued of refreshTokens.values()) issued.revoked = true
    },
  }
}
