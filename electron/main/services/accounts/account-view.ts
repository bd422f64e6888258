/**
 * How an account reads to the dispatcher: its state after a probe or a call, with a sentence that
 * says what to do, and the renderer's view of it (settings, state, which secrets are set).
 */
import {
  providerLabels,
  type Account,
  type AccountState,
  type ConnectionTest,
} from '@shared/domain/account'
import { appError, isAppErrorException, type AppError } from '@shared/errors'
import type { StoredAccount } from '../../cache/account-store'
import { describeError, type Logger } from '../../log'
import type { ProbeOutcome, ProbeResult } from '../../providers/probe'
import type { SecretKind } from '../../secrets/secret-store'
import { accountRules } from './providers'

/** "Test connection" answers with these codes: ok, bad credentials, unreachable, or the error's. */
export const testCodes: Partial<Record<ProbeOutcome, ConnectionTest['code']>> = {
  ok: 'ok',
  bad_credentials: 'auth_required',
  unreachable: 'offline',
}

/** How an error a client threw reads as a probe outcome. */
export function outcomeOf(error: AppError): ProbeOutcome {
  if (error.code === 'auth_required') return 'bad_credentials'
  if (error.code === 'offline') return 'unreachable'
  return 'provider_error'
}

/** The account's state after a probe, with a sentence that says what to do (null when connected). */
export function stateAfterProbe(
  account: StoredAccount,
  probe: ProbeResult,
): { state: AccountState; message: string | null } {
  const label = providerLabels[account.provider]
  switch (probe.outcome) {
    case 'ok':
      return { state: 'connected', message: null }
    case 'bad_credentials':
      return {
        state: 'needs_sign_in',
        message: accountRules(account.provider).signInRefused,
      }
    case 'unreachable':
      return {
        state: 'unreachable',
        message: `${label} did not answer at ${account.baseUrl}. Check your network connection and try again; the cached data stays available.`,
      }
    case 'provider_error':
      return {
        state: 'provider_error',
        message:
          probe.error?.message ??
          `${label} answered with an error. Try again later; the cached data stays available.`,
      }
  }
}

export function accountGone() {
  return appError('not_found', 'This account no longer exists. Reload the list of accounts.', {
    fields: { id: 'No account has this id' },
  })
}

/** The keychain's own errors are not the provider's answer: they propagate as they are. */
export function isKeychainError(error: unknown): boolean {
  return isAppErrorException(error) && /system keychain/.test(error.error.message)
}

export function asAppError(error: unknown, log: Logger): AppError {
  if (isAppErrorException(error)) return error.error
  log.error('an account check failed unexpectedly', describeError(error))
  return {
    code: 'internal',
    message:
      'Something went wrong inside Freightdesk. Try again; if it keeps happening, restart the app.',
  }
}

/** What the renderer may see of an account: settings, state, and which secrets are set. */
export function toAccount(
  account: StoredAccount,
  kinds: ReadonlySet<SecretKind>,
  cachedFreights: number,
): Account {
  const state = (kind: SecretKind) => (kinds.has(kind) ? ('set' as const) : ('missing' as const))
  const common = {
    id: account.id,
    name: account.name,
    syncIntervalMinutes: account.syncIntervalMinutes,
    sandbox: account.sandbox,
    status: {
      state: account.status,
      message: account.statusMessage,
      checkedAt: account.statusCheckedAt,
      signedInAt: account.signedInAt,
    },
    cachedFreights,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
    baseUrl: account.baseUrl,
  }
  return accountRules(account.provider).present(account, common, state)
}
