/**
 * Where accounts meet the provider clients: credential checks before saving, the
 * Trans.eu authorize URL and code exchange, Crego staff login, probes, and one ready client per
 * account (credentials from the keychain, tokens refreshed and rotated into the keychain through
 * a `TokenStore`, rate limiters kept per account for as long as the client lives). No HTTP is
 * written here: every call goes through a client.
 */
import type { CregoCredentials } from '@shared/domain/account'
import { appError, AppErrorException } from '@shared/errors'
import type { StoredAccount } from '../../cache/account-store'
import type { Logger } from '../../log'
import { createCregoTokenManager, cregoLogin, pastedCregoTokens } from '../../providers/crego/auth'
import { createCregoClient, type CregoClient } from '../../providers/crego/client'
import { isProviderError, ProviderError } from '../../providers/errors'
import type { ProbeResult } from '../../providers/probe'
import {
  createRateLimiter,
  limiterFor,
  providerRateLimits,
  type RateLimiter,
} from '../../providers/rate-limiter'
import { createSpotGoClient, type SpotGoClient } from '../../providers/spotgo/client'
import {
  createTokenManager,
  type StoredTokens,
  type TokenManager,
  type TokenStore,
} from '../../providers/token-manager'
import { createTranseuClient, type TranseuClient } from '../../providers/transeu/client'
import {
  buildAuthorizeUrl,
  createTranseuOAuth,
  createTranseuTokenManager,
  type TranseuOAuth,
} from '../../providers/transeu/oauth'
import type { AccountSecrets } from './account-secrets'
import type { AuthorizeRequest } from './sign-in/transeu'

/** A ready client for one account, with what callers need beside it. */
export type AccountClient =
  | {
      provider: 'spotgo'
      accountId: string
      client: SpotGoClient
      /** The SpotGo user who owns the account's freights and shares. */
      ownerEmail: string
    }
  | {
      provider: 'transeu'
      accountId: string
      client: TranseuClient
      tokens: TokenManager
    }
  | {
      provider: 'crego'
      accountId: string
      client: CregoClient
      tokens: TokenManager
      /** Where the account's public document links start. */
      shareLinkBase: string
    }

export interface ProviderGateway {
  /** A real call with this key; throws `auth_required`, `offline`, ... when it fails. */
  checkSpotGo(baseUrl: string, apiKey: string): Promise<void>
  /** Staff login (tokens back), or a check of a pasted access token. */
  cregoSignIn(baseUrl: string, credentials: CregoCredentials): Promise<StoredTokens>
  /** The authorize URL builder for an account's next sign-in (reads its client id). */
  transeuAuthorizer(account: StoredAccount): Promise<(request: AuthorizeRequest) => string>
  /** Exchanges a code; the tokens are in the keychain when this resolves. */
  transeuExchange(
    account: StoredAccount,
    grant: { code: string; codeVerifier: string; redirectUri: string },
  ): Promise<void>
  /** One cheap call with the stored credentials; missing credentials answer without a call. */
  probe(account: StoredAccount): Promise<ProbeResult>
  client(account: StoredAccount): Promise<AccountClient>
  /** Drops the account's client (credentials or settings changed, account removed). */
  forget(accountId: string): void
  dispose(): void
}

export interface ProviderGatewayOptions {
  secrets: AccountSecrets
  log: Logger
  now: () => Date
}

/** A client and the parts of it only the gateway uses (the Trans.eu token endpoint). */
interface Built {
  client: AccountClient
  transeuOAuth?: TranseuOAuth
}

export function createProviderGateway(options: ProviderGatewayOptions): ProviderGateway {
  const { secrets, log } = options
  const now = () => options.now().getTime()
  /** Clients by account id, with the settings they were built for. */
  const clients = new Map<string, { built: string; client: Promise<Built> }>()
  /**
   * Limiters by account and endpoint group. They outlive the account's client: a client rebuilt
   * while the old one still has calls in flight must pace against the same slots, or the two
   * together would exceed what the provider allows.
   */
  const limiters = new Map<string, RateLimiter>()
  function limiter(accountId: string, group: keyof typeof providerRateLimits): RateLimiter {
    const key = `${accountId}/${group}`
    let found = limiters.get(key)
    if (!found) limiters.set(key, (found = createRateLimiter(providerRateLimits[group])))
    return found
  }

  async function transeuApp(account: StoredAccount) {
    const app = await secrets.transeuApp(account.id)
    if (!app) {
      throw appError(
        'auth_required',
        'The Trans.eu app credentials of this account are missing from the keychain. Open Edit and enter the client id, client secret and api-key again.',
        { provider: 'transeu' },
      )
    }
    return app
  }

  async function buildTranseu(account: StoredAccount): Promise<Built> {
    const app = await transeuApp(account)
    const oauth = createTranseuOAuth({
      apiBaseUrl: account.baseUrl,
      app,
      limiter: limiter(account.id, 'transeuToken'),
      log,
    })
    const tokens = createTranseuTokenManager({
      oauth,
      store: secrets.tokenStore(account.id, 'transeu.tokens'),
      log,
      now,
    })
    const client = createTranseuClient({
      baseUrl: account.baseUrl,
      apiKey: app.apiKey,
      tokens,
      limiter: limiter(account.id, 'transeuApi'),
      log,
    })
    return {
      client: { provider: 'transeu', accountId: account.id, client, tokens },
      transeuOAuth: oauth,
    }
  }

  /** What a client depends on; a change builds a new one. */
  const fingerprint = (account: StoredAccount) =>
    JSON.stringify([account.provider, account.baseUrl, account.authBaseUrl, account.signInMethod])

  async function buildSpotGo(account: StoredAccount): Promise<Built> {
    const apiKey = await secrets.spotGoKey(account.id)
    if (!apiKey) {
      throw appError(
        'auth_required',
        'The SpotGo API key of this account is missing from the keychain. Click Sign in again and paste the key.',
        { provider: 'spotgo' },
      )
    }
    const client = createSpotGoClient({
      baseUrl: account.baseUrl,
      apiKey,
      limiter: limiter(account.id, 'spotgo'),
      log,
    })
    return {
      client: {
        provider: 'spotgo',
        accountId: account.id,
        client,
        ownerEmail: account.ownerEmail ?? '',
      },
    }
  }

  function buildCrego(
    accountId: string,
    settings: { baseUrl: string; shareLinkBase: string },
    store: TokenStore,
  ): Built {
    const connection = { baseUrl: settings.baseUrl, log, limiter: limiter(accountId, 'crego') }
    // No password is kept, so a dead refresh token means signing in again, never a silent login.
    const tokens = createCregoTokenManager({ ...connection, store, now })
    const client = createCregoClient({
      ...connection,
      tokens,
      shareLinkBase: settings.shareLinkBase,
    })
    return {
      client: {
        provider: 'crego',
        accountId,
        client,
        tokens,
        shareLinkBase: settings.shareLinkBase,
      },
    }
  }

  function build(account: StoredAccount): Promise<Built> {
    switch (account.provider) {
      case 'spotgo':
        return buildSpotGo(account)
      case 'transeu':
        return buildTranseu(account)
      case 'crego':
        return Promise.resolve(
          buildCrego(
            account.id,
            { baseUrl: account.baseUrl, shareLinkBase: account.shareLinkBase ?? account.baseUrl },
            secrets.tokenStore(account.id, 'crego.tokens'),
          ),
        )
    }
  }

  function built(account: StoredAccount): Promise<Built> {
    const print = fingerprint(account)
    const known = clients.get(account.id)
    if (known && known.built === print) return known.client
    const created = build(account)
    clients.set(account.id, { built: print, client: created })
    // A failed build (keychain locked, secret missing) is not kept: the next call tries again.
    created.catch(() => {
      if (clients.get(account.id)?.client === created) clients.delete(account.id)
    })
    return created
  }

  return {
    async checkSpotGo(baseUrl, apiKey) {
      const client = createSpotGoClient({ baseUrl, apiKey, limiter: limiterFor('spotgo'), log })
      failUnlessOk(await client.probe())
    },

    async cregoSignIn(baseUrl, credentials) {
      // Tokens are kept in memory until the check passes; the caller stores them.
      const held = memoryTokenStore()
      if (credentials.signInMethod === 'password') {
        const { grant } = await cregoLogin(
          { baseUrl, log, limiter: limiterFor('crego') },
          credentials,
        )
        const manager = createTokenManager({
          provider: 'crego',
          store: held,
          log,
          now,
          signInHint: 'Sign in to Crego again.',
        })
        return manager.adopt(grant)
      }
      await held.write(pastedCregoTokens(credentials.accessToken))
      const check = buildCrego('check', { baseUrl, shareLinkBase: baseUrl }, held)
      const probe = await check.client.client.probe()
      failUnlessOk(probe)
      const tokens = await held.read()
      if (!tokens) throw new Error('the pasted token was not held')
      return tokens
    },

    async transeuAuthorizer(account) {
      const app = await transeuApp(account)
      const authorizeUrl = `${account.authBaseUrl ?? account.baseUrl}/oauth2/auth`
      return (request) =>
        buildAuthorizeUrl({
          authorizeUrl,
          clientId: app.clientId,
          redirectUri: request.redirectUri,
          state: request.state,
          codeChallenge: request.codeChallenge,
        })
    },

    async transeuExchange(account, grant) {
      const { client: current, transeuOAuth } = await built(account)
      if (current.provider !== 'transeu' || !transeuOAuth) throw new Error('Not a Trans.eu account')
      let tokens
      try {
        tokens = await transeuOAuth.exchangeCode({
          code: grant.code,
          redirectUri: grant.redirectUri,
          codeVerifier: grant.codeVerifier,
        })
      } catch (error) {
        throw exchangeError(error)
      }
      // Stored first (the keychain write), then held by the account's client for its calls.
      await current.tokens.adopt(tokens)
    },

    async probe(account) {
      const kinds = await secrets.kindsOf(account.id)
      const missing = missingSignIn(account, kinds)
      if (missing) return { outcome: 'bad_credentials', latencyMs: 0, error: missing }
      const { client } = await built(account)
      return client.client.probe()
    },

    async client(account) {
      return (await built(account)).client
    },

    forget(accountId) {
      clients.delete(accountId)
    },

    dispose() {
      clients.clear()
      limiters.clear()
    },
  }
}

/** Throws what a probe found unless it found the credentials working. */
function failUnlessOk(probe: ProbeResult): void {
  if (probe.outcome === 'ok') return
  const error = probe.error ?? { code: 'provider_error' as const, message: 'The check failed.' }
  // Refused credentials read as auth_required whatever status the provider used (401 or 403).
  throw new AppErrorException(
    probe.outcome === 'bad_credentials' ? { ...error, code: 'auth_required' } : error,
  )
}

/** Tokens held in memory only, while a credential is checked before anything is stored. */
function memoryTokenStore(): TokenStore {
  let tokens: StoredTokens | null = null
  return {
    read: () => Promise.resolve(tokens),
    write(value) {
      tokens = value
      return Promise.resolve()
    },
  }
}

/** The sign-in an account lacks before any call can work, or null. */
function missingSignIn(account: StoredAccount, kinds: ReadonlySet<string>) {
  const needed =
    account.provider === 'spotgo'
      ? ['spotgo.api-key']
      : account.provider === 'transeu'
        ? ['transeu.app', 'transeu.tokens']
        : ['crego.tokens']
  if (needed.every((kind) => kinds.has(kind))) return null
  return {
    code: 'auth_required' as const,
    message: 'This account is not signed in.',
    provider: account.provider,
  }
}

/**
 * A failed code exchange in the dispatcher's terms: a wrong, used or expired code is a
 * `validation` error (sign in again on the page for a new code); refused app credentials are
 * `auth_required`; the rest as the client said.
 */
function exchangeError(error: unknown): unknown {
  if (!isProviderError(error)) return error
  if (error.providerCode === 'invalid_grant') {
    return new ProviderError({
      provider: 'transeu',
      kind: 'validation',
      status: error.status,
      providerCode: error.providerCode,
      message:
        'Trans.eu did not accept this sign-in code: it is wrong, was already used, or expired (codes live one minute). Sign in again on the Trans.eu page and use the new address.',
      cause: error,
    })
  }
  if (error.providerCode === 'invalid_client' || error.kind === 'auth') {
    return new ProviderError({
      provider: 'transeu',
      kind: 'auth',
      status: error.status,
      providerCode: error.providerCode,
      message:
        'Trans.eu refused the app credentials. Open Edit, check the client id, client secret and api-key, then sign in again.',
      cause: error,
    })
  }
  return error
}
