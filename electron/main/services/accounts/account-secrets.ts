/**
 * The accounts' secrets, typed: the SpotGo key, the Trans.eu app registration, the Trans.eu and
 * Crego tokens, each one keychain entry, and the keychain-backed `TokenStore` the token managers
 * write rotated tokens through (one JSON value per write, so a rotation is atomic).
 */
import { z } from 'zod'
import type { Logger } from '../../log'
import { StoredTokens, type TokenStore } from '../../providers/token-manager'
import type { TranseuApp } from '../../providers/transeu/oauth'
import type { SecretKind, SecretStore } from '../../secrets/secret-store'

/** A Trans.eu app registration as kept in its one keychain entry. */
const TranseuAppEntry: z.ZodType<TranseuApp> = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  apiKey: z.string().min(1),
})

export type TokenKind = Extract<SecretKind, 'transeu.tokens' | 'crego.tokens'>

export interface AccountSecrets {
  /** Which kinds each account holds (`accountIds`: whose kinds to read one by one if need be). */
  inventory(accountIds: readonly string[]): Promise<Map<string, Set<SecretKind>>>
  kindsOf(accountId: string): Promise<Set<SecretKind>>
  spotGoKey(accountId: string): Promise<string | null>
  setSpotGoKey(accountId: string, apiKey: string): Promise<void>
  transeuApp(accountId: string): Promise<TranseuApp | null>
  setTranseuApp(accountId: string, app: TranseuApp): Promise<void>
  tokens(accountId: string, kind: TokenKind): Promise<StoredTokens | null>
  setTokens(accountId: string, kind: TokenKind, tokens: StoredTokens): Promise<void>
  /** The token store a token manager of this account persists through. */
  tokenStore(accountId: string, kind: TokenKind): TokenStore
  delete(accountId: string, kind: SecretKind): Promise<boolean>
  deleteAll(accountId: string): Promise<void>
}

export function createAccountSecrets(store: SecretStore, log: Logger): AccountSecrets {
  /** Reads a JSON entry; an entry that no longer parses counts as missing (and is logged). */
  async function readJson<T>(
    accountId: string,
    kind: SecretKind,
    schema: z.ZodType<T>,
  ): Promise<T | null> {
    const text = await store.get(accountId, kind)
    if (text === null) return null
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      value = undefined
    }
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    // Only the entry's name is logged, never its content.
    log.warn('a keychain entry could not be read; treating it as missing', { accountId, kind })
    return null
  }

  const tokens = (accountId: string, kind: TokenKind) => readJson(accountId, kind, StoredTokens)
  const setTokens = (accountId: string, kind: TokenKind, value: StoredTokens) =>
    store.set(accountId, kind, JSON.stringify(StoredTokens.parse(value)))

  return {
    inventory: (accountIds) => store.inventory(accountIds),
    async kindsOf(accountId) {
      return (await store.inventory([accountId])).get(accountId) ?? new Set()
    },
    spotGoKey: (accountId) => store.get(accountId, 'spotgo.api-key'),
    setSpotGoKey: (accountId, apiKey) => store.set(accountId, 'spotgo.api-key', apiKey),
    transeuApp: (accountId) => readJson(accountId, 'transeu.app', TranseuAppEntry),
    setTranseuApp: (accountId, app) =>
      store.set(accountId, 'transeu.app', JSON.stringify(TranseuAppEntry.parse(app))),
    tokens,
    setTokens,
    tokenStore: (accountId, kind) => ({
      read: () => tokens(accountId, kind),
      write: (value) => setTokens(accountId, kind, value),
    }),
    delete: (accountId, kind) => store.delete(accountId, kind),
    deleteAll: (accountId) => store.deleteAll(accountId),
  }
}
