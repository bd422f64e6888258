/**
 * The one rule for every provider: a secret is only ever sent to the origin it was entered for.
 * Each provider declares which secrets go to which of its addresses; a change of addresses that
 * takes a secret to another origin needs that secret entered again (the stored one is never read
 * for the new address), and secrets the provider issued there (tokens) are dropped.
 */
import { providerLabels, type AccountProvider } from '@shared/domain/account'
import { appError } from '@shared/errors'
import type { StoredAccount } from '../../cache/account-store'
import type { SecretKind } from '../../secrets/secret-store'

type Addresses = Pick<StoredAccount, 'provider' | 'baseUrl' | 'authBaseUrl' | 'signInMethod'>

interface SecretBinding {
  /** The keychain entries that hold the secret. */
  kinds: readonly SecretKind[]
  /**
   * The input fields that enter it again; none for secrets the provider issued (tokens), which
   * are dropped on a move and come back with the next sign-in.
   */
  fields: (account: Addresses) => readonly string[]
  /** What the dispatcher is asked to enter again. */
  what: string
  /** Every address the secret is sent to. */
  addresses: (account: Addresses) => readonly string[]
}

const apiAndAuth = (account: Addresses) => [account.baseUrl, account.authBaseUrl ?? account.baseUrl]

const bindings: Record<AccountProvider, readonly SecretBinding[]> = {
  spotgo: [
    {
      kinds: ['spotgo.api-key'],
      fields: () => ['apiKey'],
      what: 'the SpotGo API key',
      addresses: (account) => [account.baseUrl],
    },
  ],
  transeu: [
    {
      // The client secret goes to the token endpoint, the api-key with every call.
      kinds: ['transeu.app'],
      fields: () => ['clientId', 'clientSecret', 'apiKey'],
      what: 'the Trans.eu client id, client secret and api-key',
      addresses: apiAndAuth,
    },
    { kinds: ['transeu.tokens'], fields: () => [], what: 'a sign-in', addresses: apiAndAuth },
  ],
  crego: [
    {
      kinds: ['crego.tokens'],
      fields: (account) => [
        account.signInMethod === 'token' ? 'credentials.accessToken' : 'credentials.password',
      ],
      what: 'the Crego password or access token',
      addresses: (account) => [account.baseUrl],
    },
  ],
}

/** The set of origins of `addresses`, sorted, as one comparable string. */
function originsOf(addresses: readonly string[]): string {
  return [...new Set(addresses.map((address) => new URL(address).origin))].sort().join(' ')
}

/**
 * Checks a change of an account's addresses against the rule. `entered` names the secrets the
 * change carries (input field names, e.g. `apiKey`, `credentials.password`). Throws a validation
 * error with a field error on each secret that would move without being entered again; answers
 * the issued entries (tokens) that the move makes useless and that must be dropped.
 */
export function secretsForMove(
  before: Addresses,
  next: Addresses,
  entered: ReadonlySet<string>,
): SecretKind[] {
  const missing: Record<string, string> = {}
  const asked: string[] = []
  const drop: SecretKind[] = []
  for (const binding of bindings[before.provider]) {
    if (originsOf(binding.addresses(before)) === originsOf(binding.addresses(next))) continue
    const fields = binding.fields(next)
    if (fields.length === 0) {
      drop.push(...binding.kinds)
      continue
    }
    if (fields.every((field) => entered.has(field))) continue
    asked.push(binding.what)
    for (const field of fields) {
      missing[field] =
        'Required for the new address: Freightdesk sends a secret only to the address it was entered for.'
    }
  }
  if (asked.length > 0) {
    const label = providerLabels[before.provider]
    throw appError(
      'validation',
      `Enter ${asked.join(' and ')} again for the new address. Freightdesk sends a stored ${label} secret only to the address it was entered for, never to another one.`,
      { fields: missing, provider: before.provider },
    )
  }
  return drop
}
