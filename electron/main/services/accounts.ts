/**
 * Provider accounts: adding, changing and removing them, checking their credentials with the
 * provider, signing in, and handing other services a ready client for an account. Settings live
 * in the cache (SQLite); every secret lives in the OS keychain and never leaves main: what the
 * renderer gets says only whether a secret is set.
 */
import { randomUUID } from 'node:crypto'
import {
  providerLabels,
  type Account,
  type AccountState,
  type ConnectionTest,
  type ParsedAddAccount,
  type ParsedUpdateAccount,
  type SignInStarted,
} from '@shared/domain/account'
import { appError, type AppError } from '@shared/errors'
import type { AccountStore, AccountPatch, StoredAccount } from '../cache/account-store'
import type { EventHub } from '../events/event-hub'
import { describeError, type Logger } from '../log'
import type { ProbeResult } from '../providers/probe'
import type { SecretKind, SecretStore } from '../secrets/secret-store'
import {
  createProviderGateway,
  type AccountClient,
  type ProviderGateway,
} from './accounts/provider-gateway'
import { createAccountSecrets } from './accounts/account-secrets'
import { secretsForMove } from './accounts/secret-origins'
import { createTranseuSignIn, defaultSignInTimeoutMs } from './accounts/sign-in/transeu'
import { accountRules } from './accounts/providers'
import {
  accountGone,
  asAppError,
  isKeychainError,
  outcomeOf,
  stateAfterProbe,
  testCodes,
  toAccount,
} from './accounts/account-view'
import type { CredentialRefusal, RulesContext } from './accounts/providers/rules'

export interface AccountsServiceOptions {
  accounts: AccountStore
  secrets: SecretStore
  events: EventHub
  log: Logger
  now?: () => Date
  /** Opens the system browser (Electron's shell); absent in the web preview, where the page does. */
  openExternal?: (url: string) => Promise<void>
  /** How long a browser sign-in may take; default 5 minutes. */
  signInTimeoutMs?: number
}

export interface RemoveResult {
  removed: true
  removedFreights: number
}

export interface AccountsService {
  list(): Promise<Account[]>
  get(id: string): Promise<Account>
  add(input: ParsedAddAccount): Promise<Account>
  update(input: ParsedUpdateAccount): Promise<Account>
  remove(input: { id: string; removeCachedFreights: boolean }): Promise<RemoveResult>
  /** A real call with the stored credentials; the outcome is also stored as the account's state. */
  test(id: string): Promise<ConnectionTest>
  /**
   * Starts a Trans.eu sign-in. `openBrowser: false` keeps the system browser closed: the sandbox
   * signs its account in programmatically through the simulator's consent page.
   */
  startSignIn(id: string, options?: { openBrowser?: boolean }): Promise<SignInStarted>
  completeSignIn(input: { signInId: string; response: string }): Promise<Account>
  cancelSignIn(signInId: string): Promise<{ cancelled: boolean }>
  /**
   * A ready client for the account (sync, shares and documents use this): credentials from the
   * keychain, tokens refreshed and rotated into the keychain, one rate limiter per account.
   * Throws `not_found` for an unknown (or removed) account, `auth_required` when credentials are
   * missing from the keychain; calls of an account that is not signed in fail with `auth_required`.
   */
  clientFor(id: string): Promise<AccountClient>
  /**
   * What a caller (sync, shares) learned by using an account's client: null for success, or the
   * error. `auth_required` becomes "needs sign-in", `offline` "unreachable", `provider_error`
   * "provider error"; other codes (validation, not_found, ...) leave the state alone. A change is
   * stored and announced with `accounts.changed`.
   */
  recordOutcome(id: string, error: AppError | null): void
  /**
   * Deletes the keychain entries of accounts the cache does not know: left by a cache that was
   * lost, or by a crash between storing a secret and saving its account. Answers the account ids
   * whose entries went. Accounts being added meanwhile are left alone.
   */
  sweepOrphanSecrets(): Promise<string[]>
  dispose(): Promise<void>
}

export function createAccountsService(options: AccountsServiceOptions): AccountsService {
  const { accounts, events, log } = options
  const now = options.now ?? (() => new Date())
  const secrets = createAccountSecrets(options.secrets, log)
  /** Ids of accounts whose secrets are being stored before the account itself is saved. */
  const adding = new Set<string>()
  const gateway: ProviderGateway = createProviderGateway({ secrets, log, now })
  const context: RulesContext = {
    secrets,
    gateway,
    checked: (account, refusal, check) => checkCredentials(account, refusal, check, log),
  }
  const signIn = createTranseuSignIn({
    log,
    now,
    timeoutMs: options.signInTimeoutMs ?? defaultSignInTimeoutMs,
    openExternal: options.openExternal,
    onFinished(event) {
      if (!event.ok) {
        log.info('a Trans.eu sign-in ended without signing in', {
          accountId: event.accountId,
          code: event.error.code,
        })
      }
      events.emit('accounts.signIn.finished', event)
    },
  })

  function stored(id: string): StoredAccount {
    const account = accounts.get(id)
    if (!account) throw accountGone()
    return account
  }

  async function present(account: StoredAccount, kinds?: Set<SecretKind>): Promise<Account> {
    const inventory = kinds ?? (await secrets.kindsOf(account.id))
    const cached = accounts.cachedFreightCounts().get(account.id) ?? 0
    return toAccount(account, inventory, cached)
  }

  function changed(reason: 'added' | 'updated' | 'removed' | 'status' | 'signed_in', id: string) {
    events.emit('accounts.changed', { reason, accountId: id })
  }

  function setState(id: string, state: AccountState, message: string | null, signedIn = false) {
    const at = now().toISOString()
    const updated = accounts.setStatus(id, {
      status: state,
      statusMessage: message,
      statusCheckedAt: at,
      ...(signedIn ? { signedInAt: at } : {}),
    })
    return updated
  }

  /** Exchanges a Trans.eu code and stores the tokens: the end of every Trans.eu sign-in. */
  async function finishTranseuSignIn(
    accountId: string,
    grant: { code: string; codeVerifier: string; redirectUri: string },
  ): Promise<void> {
    const account = stored(accountId)
    await gateway.transeuExchange(account, grant)
    setState(accountId, 'connected', null, true)
    changed('signed_in', accountId)
  }

  return {
    async list() {
      const all = accounts.list()
      const inventory = await secrets.inventory(all.map((account) => account.id))
      const counts = accounts.cachedFreightCounts()
      return all.map((account) =>
        toAccount(account, inventory.get(account.id) ?? new Set(), counts.get(account.id) ?? 0),
      )
    },

    async get(id) {
      return present(stored(id))
    },

    async add(input) {
      const id = randomUUID()
      adding.add(id)
      const at = now().toISOString()
      const rules = accountRules(input.provider)
      const base: Omit<StoredAccount, 'removedAt'> = {
        id,
        provider: input.provider,
        name: input.name,
        createdAt: at,
        updatedAt: at,
        syncIntervalMinutes: input.syncIntervalMinutes,
        sandbox: input.sandbox,
        status: 'connected',
        statusMessage: null,
        statusCheckedAt: at,
        signedInAt: at,
        ...rules.settings(input),
      }
      const written: SecretKind[] = []
      try {
        written.push(...(await rules.addSecrets(context, base, input)))
        const saved = accounts.insert(base)
        log.info('added an account', { accountId: id, provider: input.provider })
        changed('added', id)
        return await present(saved)
      } catch (error) {
        for (const kind of written) {
          await secrets.delete(id, kind).catch((cleanup: unknown) => {
            log.error('could not delete the secret of an account that was not added', {
              accountId: id,
              kind,
              ...describeError(cleanup),
            })
          })
        }
        throw error
      } finally {
        adding.delete(id)
      }
    },

    async update(input) {
      const before = stored(input.id)
      if (before.provider !== input.provider) {
        throw appError(
          'validation',
          `This is a ${providerLabels[before.provider]} account; its provider cannot change. Add a new account instead.`,
          { fields: { provider: `Must stay ${before.provider}` } },
        )
      }
      const patch: AccountPatch = { updatedAt: now().toISOString() }
      if (input.name !== undefined) patch.name = input.name
      if (input.syncIntervalMinutes !== undefined) {
        patch.syncIntervalMinutes = input.syncIntervalMinutes
      }
      const environment = input.environment ?? before.environment
      const custom = environment === 'custom'
      const addressGiven = input.baseUrl !== undefined
      if (custom && !addressGiven && before.environment !== 'custom') {
        throw appError('validation', 'Enter the address for the custom environment.', {
          fields: { baseUrl: 'Enter the address, or pick one of the listed environments' },
        })
      }
      const next: StoredAccount = { ...before, ...patch, environment }
      const rules = accountRules(input.provider)
      // Where the account will live; nothing is sent anywhere before the secrets are checked.
      rules.relocate(before, next, input, custom)
      // A stored secret never follows the account to another origin: refused unless entered again.
      const issuedElsewhere = secretsForMove(before, next, rules.enteredSecrets(input))
      const statusAfter = await rules.updateSecrets(context, before, next, input, issuedElsewhere)
      // Tokens issued by the old addresses are of no use at the new ones.
      for (const kind of issuedElsewhere) await secrets.delete(before.id, kind)

      const settingsPatch: AccountPatch = {
        ...patch,
        environment: next.environment,
        baseUrl: next.baseUrl,
        authBaseUrl: next.authBaseUrl,
        redirectUri: next.redirectUri,
        ownerEmail: next.ownerEmail,
        shareLinkBase: next.shareLinkBase,
        signInMethod: next.signInMethod,
        username: next.username,
      }
      if (statusAfter) {
        settingsPatch.status = statusAfter.state
        settingsPatch.statusMessage = statusAfter.message
        settingsPatch.statusCheckedAt = patch.updatedAt
        if (statusAfter.signedIn) settingsPatch.signedInAt = patch.updatedAt
      }
      const saved = accounts.update(before.id, settingsPatch)
      if (!saved) throw accountGone()
      gateway.forget(before.id)
      changed('updated', before.id)
      return present(saved)
    },

    async remove(input) {
      const account = stored(input.id)
      for (const signInId of signIn.sessionsOf(account.id)) await signIn.cancel(signInId)
      // Secrets first: if the keychain cannot be reached, nothing is removed and nothing is orphaned.
      await secrets.deleteAll(account.id)
      gateway.forget(account.id)
      let removedFreights = 0
      if (input.removeCachedFreights) {
        const removed = accounts.remove(account.id)
        if (!removed) throw accountGone()
        removedFreights = removed.removedFreights
      } else if (!accounts.retire(account.id, now().toISOString())) {
        throw accountGone()
      }
      log.info('removed an account', { accountId: account.id, removedFreights })
      changed('removed', account.id)
      if (removedFreights > 0) {
        events.emit('freights.changed', { reason: 'removed', accountId: account.id })
      }
      return { removed: true, removedFreights }
    },

    async test(id) {
      const account = stored(id)
      const label = providerLabels[account.provider]
      let outcome: ProbeResult
      try {
        outcome = await gateway.probe(account)
      } catch (caught) {
        if (isKeychainError(caught)) throw caught
        outcome = { outcome: 'provider_error', latencyMs: 0, error: asAppError(caught, log) }
      }
      const { state, message } = stateAfterProbe(account, outcome)
      const saved = setState(id, state, message, state === 'connected') ?? account
      changed('status', id)
      return {
        ok: state === 'connected',
        code: testCodes[outcome.outcome] ?? outcome.error?.code ?? 'provider_error',
        message: message ?? `Connected to ${label} at ${account.baseUrl}.`,
        account: await present(saved),
      }
    },

    async startSignIn(id, startOptions) {
      const account = stored(id)
      if (account.provider !== 'transeu') {
        throw appError(
          'validation',
          `${providerLabels[account.provider]} accounts sign in with the credentials in their form: open Edit and enter them again.`,
          { fields: { id: 'Not a Trans.eu account' } },
        )
      }
      const authorize = await gateway.transeuAuthorizer(account)
      return signIn.start({
        accountId: id,
        registeredRedirect: account.redirectUri,
        authorizeUrl: authorize,
        exchange: (grant) => finishTranseuSignIn(id, grant),
        openBrowser: startOptions?.openBrowser ?? true,
      })
    },

    async completeSignIn(input) {
      const { accountId } = await signIn.complete(input.signInId, input.response)
      return present(stored(accountId))
    },

    async cancelSignIn(signInId) {
      return { cancelled: await signIn.cancel(signInId) }
    },

    async clientFor(id) {
      const account = stored(id)
      return gateway.client(account)
    },

    recordOutcome(id, error) {
      const account = accounts.get(id)
      if (!account) return
      // Only what says something about the account itself: a refused input or a missing freight
      // does not change whether the account is connected.
      if (error && !['auth_required', 'offline', 'provider_error'].includes(error.code)) return
      const next = error
        ? stateAfterProbe(account, { outcome: outcomeOf(error), latencyMs: 0, error })
        : { state: 'connected' as const, message: null }
      if (next.state === account.status && next.message === account.statusMessage) return
      setState(id, next.state, next.message, error === null)
      changed('status', id)
    },

    async sweepOrphanSecrets() {
      const inventory = await secrets.inventory([])
      const swept: string[] = []
      for (const accountId of inventory.keys()) {
        if (accounts.get(accountId) || adding.has(accountId)) continue
        await secrets.deleteAll(accountId)
        swept.push(accountId)
      }
      if (swept.length > 0) {
        log.info('removed the keychain entries of accounts the cache does not know', {
          accounts: swept,
        })
      }
      return swept
    },

    async dispose() {
      await signIn.dispose()
      gateway.dispose()
    },
  }
}

/**
 * Runs a credential check for an account being added or changed, and turns a refusal into a
 * field error on the credential, an unreachable host into an `offline` error on the address.
 */
async function checkCredentials<T>(
  account: Pick<StoredAccount, 'provider' | 'environment' | 'baseUrl'>,
  refusal: CredentialRefusal,
  check: () => Promise<T>,
  log: Logger,
): Promise<T> {
  const provider = account.provider
  try {
    return await check()
  } catch (caught) {
    if (isKeychainError(caught)) throw caught
    const error = asAppError(caught, log)
    if (error.code === 'auth_required' || (error.code === 'validation' && provider === 'crego')) {
      throw appError('validation', refusal.message, {
        fields: { [refusal.field]: refusal.message },
        provider,
      })
    }
    if (error.code === 'offline') {
      const message = `${providerLabels[provider]} did not answer at ${account.baseUrl}. Check the address and your network connection, then try again.`
      throw appError('offline', message, {
        provider,
        ...(account.environment === 'custom' ? { fields: { baseUrl: message } } : {}),
      })
    }
    throw appError(error.code, error.message, {
      provider,
      ...(error.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: error.retryAfterSeconds }
        : {}),
    })
  }
}

export type { AccountClient }
