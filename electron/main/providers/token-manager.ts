/**
 * Access tokens of one account (Trans.eu, Crego): held in memory with their expiry, refreshed
 * shortly before they expire and once after a 401, one refresh at a time however many calls need
 * it, and every rotated token written to the `TokenStore` before the new access token is used
 * (a single-use refresh token that is not stored is lost with the next crash). A dead refresh
 * token ends in an `auth` ProviderError (AppError `auth_required`), never in "offline".
 */
import { z } from 'zod'
import type { Logger } from '../log'
import { isProviderError, providerLabels, ProviderError, type ProviderName } from './errors'

/** What is kept of a sign-in, in the keychain (the app) or in memory (tests). */
export const StoredTokens = z.object({
  accessToken: z.string().min(1),
  /** UTC instant; null when the token's lifetime is unknown (a pasted token). */
  accessTokenExpiresAt: z.iso.datetime({ offset: true }).nullable(),
  /** Absent for a pasted access token. */
  refreshToken: z.string().min(1).optional(),
})
export type StoredTokens = z.infer<typeof StoredTokens>

/** Where a token manager persists tokens. `write` must be durable when it resolves. */
export interface TokenStore {
  read(): Promise<StoredTokens | null>
  write(tokens: StoredTokens): Promise<void>
}

/** Tokens as an authorization server hands them out. */
export interface TokenGrant {
  accessToken: string
  /** Seconds the access token lives; null when unknown. */
  expiresInSeconds: number | null
  /** The new refresh token; absent when the server does not rotate (the old one stays). */
  refreshToken?: string
}

export interface TokenManagerOptions {
  provider: ProviderName
  store: TokenStore
  /** Trades a refresh token for new tokens; throws an `auth` ProviderError when it is dead. */
  refresh?: (refreshToken: string, signal?: AbortSignal) => Promise<TokenGrant>
  /**
   * A fresh sign-in without the user, when the refresh token is dead or missing (Crego's staff
   * login with stored credentials). Absent: the user must sign in again.
   */
  reauthenticate?: (signal?: AbortSignal) => Promise<TokenGrant>
  /** Refresh when the access token expires within this (default 60 s). */
  refreshMarginMs?: number
  /** Milliseconds since the epoch (default `Date.now`). */
  now?: () => number
  log: Logger
  /** The next step when the sign-in is gone ("Sign in to Trans.eu again in Accounts."). */
  signInHint: string
}

export interface TokenManager {
  readonly provider: ProviderName
  /** A live access token; refreshed first when it expires within the margin. */
  accessToken(signal?: AbortSignal): Promise<string>
  /**
   * Runs `call` with a live access token; when it fails with a 401, refreshes once (or takes the
   * token another caller just refreshed) and runs it once more.
   */
  withAccessToken<T>(call: (accessToken: string) => Promise<T>, signal?: AbortSignal): Promise<T>
  /** Takes tokens from a sign-in: stored first, then held. */
  adopt(grant: TokenGrant): Promise<StoredTokens>
  /** Refreshes now (unless `rejected` is no longer the current token); returns the new token. */
  refresh(rejected?: string, signal?: AbortSignal): Promise<string>
  /** Drops the tokens held in memory (the store is left alone). */
  forget(): void
}

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const now = options.now ?? Date.now
  const margin = options.refreshMarginMs ?? 60_000
  const label = providerLabels[options.provider]
  let held: StoredTokens | null = null
  /** Held tokens the store has not confirmed yet (a write failed): not used until it does. */
  let unsaved = false
  let loading: Promise<StoredTokens> | null = null
  let refreshing: Promise<StoredTokens> | null = null
  /** Set when the provider refused the refresh for good; cleared by a new sign-in. */
  let dead: ProviderError | null = null

  const signInNeeded = (message: string, cause?: unknown) =>
    new ProviderError({
      provider: options.provider,
      kind: 'auth',
      status: isProviderError(cause) ? cause.status : null,
      message: `${message} ${options.signInHint}`,
      cause,
    })

  const toStored = (grant: TokenGrant, previous: StoredTokens | null): StoredTokens =>
    StoredTokens.parse({
      accessToken: grant.accessToken,
      accessTokenExpiresAt:
        grant.expiresInSeconds === null
          ? null
          : new Date(now() + grant.expiresInSeconds * 1000).toISOString(),
      refreshToken: grant.refreshToken ?? previous?.refreshToken,
    })

  /** Holds `tokens` and writes them; the caller may use them only after this resolves. */
  const persist = async (tokens: StoredTokens): Promise<StoredTokens> => {
    held = tokens
    unsaved = true
    await options.store.write(tokens)
    if (held === tokens) unsaved = false
    return tokens
  }

  const current = async (): Promise<StoredTokens> => {
    if (held) {
      if (unsaved) await persist(held)
      return held
    }
    loading ??= (async () => {
      try {
        const stored = await options.store.read()
        if (!stored) throw signInNeeded(`${label} is not signed in.`)
        const parsed = StoredTokens.safeParse(stored)
        if (!parsed.success) throw signInNeeded(`The stored ${label} sign-in cannot be read.`)
        held ??= parsed.data
        return held
      } finally {
        loading = null
      }
    })()
    return loading
  }

  const expiresSoon = (tokens: StoredTokens) =>
    tokens.accessTokenExpiresAt !== null &&
    Date.parse(tokens.accessTokenExpiresAt) - margin <= now()
  const expired = (tokens: StoredTokens) =>
    tokens.accessTokenExpiresAt !== null && Date.parse(tokens.accessTokenExpiresAt) <= now()
  const canRenew = (tokens: StoredTokens) =>
    Boolean((tokens.refreshToken && options.refresh) || options.reauthenticate)

  /** One refresh for everyone who asks while it runs. */
  const renew = (signal?: AbortSignal): Promise<StoredTokens> => {
    if (dead) return Promise.reject(dead)
    refreshing ??= (async () => {
      try {
        const before = await current()
        let grant: TokenGrant
        if (before.refreshToken && options.refresh) {
          try {
            grant = await options.refresh(before.refreshToken, signal)
          } catch (error) {
            if (!(isProviderError(error) && error.kind === 'auth')) throw error
            if (!options.reauthenticate) {
              throw signInNeeded(`${label} no longer accepts this account's sign-in.`, error)
            }
            options.log.info(`${label} refresh token refused; signing in again`, {
              provider: options.provider,
            })
            grant = await reauthenticate(signal)
          }
        } else if (options.reauthenticate) {
          grant = await reauthenticate(signal)
        } else {
          throw signInNeeded(`${label} no longer accepts this account's access token.`)
        }
        return await persist(toStored(grant, before))
      } catch (error) {
        if (isProviderError(error) && error.kind === 'auth') dead = error
        throw error
      } finally {
        refreshing = null
      }
    })()
    return refreshing
  }

  const reauthenticate = async (signal?: AbortSignal): Promise<TokenGrant> => {
    try {
      return await (options.reauthenticate as (signal?: AbortSignal) => Promise<TokenGrant>)(signal)
    } catch (error) {
      if (isProviderError(error) && error.kind === 'auth') {
        throw signInNeeded(`${label} no longer accepts this account's sign-in.`, error)
      }
      throw error
    }
  }

  const accessToken = async (signal?: AbortSignal): Promise<string> => {
    const tokens = refreshing ? await refreshing.catch(() => current()) : await current()
    if (!expiresSoon(tokens)) return tokens.accessToken
    if (!canRenew(tokens)) {
      if (expired(tokens)) throw signInNeeded(`${label}'s access token has expired.`)
      return tokens.accessToken
    }
    try {
      return (await renew(signal)).accessToken
    } catch (error) {
      // Offline or a provider fault while the old token still lives: keep working with it.
      const auth = isProviderError(error) && error.kind === 'auth'
      if (!auth && !expired(tokens) && held === tokens && !signal?.aborted) {
        options.log.warn(
          `${label} token refresh failed; using the current token until it expires`,
          {
            provider: options.provider,
            kind: isProviderError(error) ? error.kind : 'unknown',
          },
        )
        return tokens.accessToken
      }
      throw error
    }
  }

  const refresh = async (rejected?: string, signal?: AbortSignal): Promise<string> => {
    const tokens = refreshing ? await refreshing.catch(() => current()) : await current()
    if (rejected !== undefined && tokens.accessToken !== rejected) return tokens.accessToken
    return (await renew(signal)).accessToken
  }

  return {
    provider: options.provider,
    accessToken,
    refresh,
    async withAccessToken(call, signal) {
      const token = await accessToken(signal)
      try {
        return await call(token)
      } catch (error) {
        if (!(isProviderError(error) && error.kind === 'auth' && error.status === 401)) throw error
        const tokens = held
        if (!tokens || !canRenew(tokens)) {
          throw signInNeeded(`${label} no longer accepts this account's access token.`, error)
        }
        options.log.info(`${label} answered 401; refreshing the access token once`, {
          provider: options.provider,
        })
        return call(await refresh(token, signal))
      }
    },
    adopt(grant) {
      dead = null
      return persist(toStored(grant, null))
    },
    forget() {
      held = null
      unsaved = false
      dead = null
    },
  }
}
