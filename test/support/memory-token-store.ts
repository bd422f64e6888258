import type { StoredTokens, TokenStore } from '../../electron/main/providers/token-manager'

/**
 * An in-memory TokenStore for tests (the app keeps the real one in the OS keychain). It records
 * every write in `writes` and, when given a shared `timeline`, a `store:<refresh token>` entry, so
 * a test can check that a rotated token was stored before the new access token was used.
 */
export function createMemoryTokenStore(
  initial: StoredTokens | null = null,
  options: { timeline?: string[] } = {},
): TokenStore & {
  current: StoredTokens | null
  writes: StoredTokens[]
  reads: number
  /** The next write rejects with this error (the keychain is locked). */
  failNextWrite(error: Error): void
} {
  let failure: Error | null = null
  const store = {
    current: initial,
    writes: [] as StoredTokens[],
    reads: 0,
    read() {
      store.reads++
      return Promise.resolve(store.current)
    },
    write(tokens: StoredTokens) {
      if (failure) {
        const error = failure
        failure = null
        return Promise.reject(error)
      }
      store.current = tokens
      store.writes.push(tokens)
      options.timeline?.push(`store:${tokens.refreshToken ?? ''}:${tokens.accessToken}`)
      return Promise.resolve()
    },
    failNextWrite(error: Error) {
      failure = error
    },
  }
  return store
}
