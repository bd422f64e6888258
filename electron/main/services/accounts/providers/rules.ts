/**
 * What differs between the providers when an account is added, changed or shown: where it lives,
 * which secrets it keeps and how they are checked, and what the renderer sees of it. The accounts
 * service holds what is the same for all (storing, events, states, sign-in) and asks these rules
 * for the rest.
 */
import type {
  Account,
  AccountProvider,
  AccountState,
  ParsedAddAccount,
  ParsedUpdateAccount,
} from '@shared/domain/account'
import type { StoredAccount } from '../../../cache/account-store'
import type { SecretKind } from '../../../secrets/secret-store'
import type { AccountSecrets } from '../account-secrets'
import type { ProviderGateway } from '../provider-gateway'

export type AddInput<P extends AccountProvider> = Extract<ParsedAddAccount, { provider: P }>
export type UpdateInput<P extends AccountProvider> = Extract<ParsedUpdateAccount, { provider: P }>

/** The non-secret settings an account is stored with, beside its name and state. */
export type AccountSettings = Pick<
  StoredAccount,
  | 'environment'
  | 'baseUrl'
  | 'authBaseUrl'
  | 'redirectUri'
  | 'ownerEmail'
  | 'shareLinkBase'
  | 'signInMethod'
  | 'username'
>

/** Settings a provider does not use. */
export const noSettings = {
  authBaseUrl: null,
  redirectUri: null,
  ownerEmail: null,
  shareLinkBase: null,
  signInMethod: null,
  username: null,
} as const

/** The field a refused credential is reported on, and the sentence that says what to do. */
export interface CredentialRefusal {
  field: string
  message: string
}

/** What the rules may use: the account's secrets, the provider's calls, a credential check. */
export interface RulesContext {
  secrets: AccountSecrets
  gateway: ProviderGateway
  /**
   * Runs a credential check for an account being added or changed: a refusal becomes `refusal`
   * on its field, an unreachable host an `offline` error on the address.
   */
  checked: <T>(
    account: Pick<StoredAccount, 'provider' | 'environment' | 'baseUrl'>,
    refusal: CredentialRefusal,
    check: () => Promise<T>,
  ) => Promise<T>
}

/** The state an update leaves the account in, when it says anything about it. */
export interface StateAfterUpdate {
  state: AccountState
  message: string | null
  signedIn: boolean
}

/** Everything in common to the renderer's view of an account of any provider. */
export type AccountViewCommon = Omit<
  Extract<Account, { provider: 'spotgo' }>,
  'provider' | 'environment' | 'ownerEmail' | 'secrets'
>

export interface ProviderAccountRules<P extends AccountProvider> {
  /** The settings of a new account, preset addresses filled in. */
  settings(input: AddInput<P>): AccountSettings
  /**
   * Checks and stores a new account's secrets under `account.id`; returns the kinds written (so a
   * failure later can take them back). May set the account's initial state on `account`.
   */
  addSecrets(
    context: RulesContext,
    account: Omit<StoredAccount, 'removedAt'>,
    input: AddInput<P>,
  ): Promise<SecretKind[]>
  /** Where the account lives after `input`: sets addresses and plain settings on `next`. */
  relocate(before: StoredAccount, next: StoredAccount, input: UpdateInput<P>, custom: boolean): void
  /** The secret fields `input` carries, by input field name. */
  enteredSecrets(input: UpdateInput<P>): Set<string>
  /**
   * Checks and stores the secrets `input` carries (none: nothing happens). `movedSecrets` are
   * the stored secrets that do not follow the account to its new addresses.
   */
  updateSecrets(
    context: RulesContext,
    before: StoredAccount,
    next: StoredAccount,
    input: UpdateInput<P>,
    movedSecrets: readonly SecretKind[],
  ): Promise<StateAfterUpdate | null>
  /** What the dispatcher should do when the provider no longer accepts the stored sign-in. */
  signInRefused: string
  /** The renderer's view: settings, state, and whether each secret is set. */
  present(
    account: StoredAccount,
    common: AccountViewCommon,
    secret: (kind: SecretKind) => 'set' | 'missing',
  ): Account
}

/** The preset base address of a named environment. */
export function presetAddress(
  presets: Record<string, { baseUrl: string }>,
  provider: AccountProvider,
  environment: string,
): string {
  const preset = presets[environment]
  if (!preset) throw new Error(`No ${provider} environment named ${environment}`)
  return preset.baseUrl
}
