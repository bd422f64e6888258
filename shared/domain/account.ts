/**
 * Provider accounts: what the renderer may know about them. Secrets never appear here: an account
 * says only whether each secret is set. Inputs carry secrets one way, into main.
 */
import { z } from 'zod'
import { AppErrorCode } from '../errors'
import { AccountId } from './freight'
import { Instant } from './time'

export const accountProviders = ['spotgo', 'transeu', 'crego'] as const
export const AccountProvider = z.enum(accountProviders)
export type AccountProvider = z.infer<typeof AccountProvider>

export const providerLabels: Record<AccountProvider, string> = {
  spotgo: 'SpotGo',
  transeu: 'Trans.eu',
  crego: 'Crego',
}

/** The providers' documented hosts, by environment. `custom` takes an address typed by the dispatcher. */
export const providerEnvironments = {
  spotgo: {
    production: { label: 'Production', baseUrl: 'https://api.spotgo.eu' },
    test: { label: 'Test', baseUrl: 'https://api-test.spotgo.eu' },
  },
  transeu: {
    production: {
      label: 'Production',
      baseUrl: 'https://api.platform.trans.eu',
      authBaseUrl: 'https://auth.platform.trans.eu',
    },
  },
  crego: {
    preprod: { label: 'Pre-production', baseUrl: 'https://preprod.api.crego.io' },
  },
} as const

export const SpotGoEnvironment = z.enum(['production', 'test', 'custom'])
export const TranseuEnvironment = z.enum(['production', 'custom'])
export const CregoEnvironment = z.enum(['preprod', 'custom'])

const loopbackHosts = new Set(['127.0.0.1'])

/**
 * A provider address: https, or http on this machine only (the simulators and the sandbox).
 * Kept without a trailing slash, a query or a fragment.
 */
export const ServiceAddress = z
  .string()
  .trim()
  .max(300)
  .superRefine((text, context) => {
    const problem = serviceAddressProblem(text)
    if (problem) context.addIssue({ code: 'custom', message: problem })
  })
  .transform((text) => text.replace(/\/+$/, ''))

function serviceAddressProblem(text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'Enter a full address such as https://api.example.com'
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackHosts.has(url.hostname))) {
    return 'Use an https:// address (http:// only for this computer, 127.0.0.1)'
  }
  if (url.username || url.password) return 'Leave the user name and password out of the address'
  if (url.search || url.hash) return 'Leave the ? and # parts out of the address'
  return null
}

/** The https redirect address registered with Trans.eu, for the paste-the-address sign-in. */
export const RegisteredRedirect = z
  .string()
  .trim()
  .max(300)
  .refine((text) => URL.canParse(text) && new URL(text).protocol === 'https:', {
    message: 'Enter the https:// redirect address your Trans.eu app registration lists',
  })

export const AccountName = z
  .string()
  .trim()
  .min(1, 'Enter a name')
  .max(80, 'Use at most 80 characters')
export const SyncIntervalMinutes = z
  .number()
  .int('Use whole minutes')
  .min(1, 'At least 1 minute')
  .max(1440, 'At most 1440 minutes (a day)')
export const defaultSyncIntervalMinutes = 15

/** A secret typed or pasted by the dispatcher. Its value never comes back out of main. */
export const SecretText = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(4096, 'Too long for a credential')
  .refine((text) => !/[\s\p{Cc}]/u.test(text), {
    message: 'Must not contain spaces or line breaks',
  })

export const Email = z.email('Enter an e-mail address such as name@example.com').max(200)

/** Whether a secret is in the keychain. The value itself never leaves main. */
export const SecretState = z.enum(['set', 'missing'])
export type SecretState = z.infer<typeof SecretState>

/**
 * What the last check or sign-in found: `connected`; `needs_sign_in` (credentials missing,
 * refused or expired); `unreachable` (no answer: offline, provider down); `provider_error` (the
 * provider answered with an error that is not about credentials).
 */
export const AccountState = z.enum(['connected', 'needs_sign_in', 'unreachable', 'provider_error'])
export type AccountState = z.infer<typeof AccountState>

export const AccountStatus = z.object({
  state: AccountState,
  /** A sentence for the dispatcher; null when all is well. */
  message: z.string().nullable(),
  /** When the state was last established. */
  checkedAt: Instant,
  /** The last successful sign-in or credential check. */
  signedInAt: Instant.nullable(),
})
export type AccountStatus = z.infer<typeof AccountStatus>

const accountCommon = {
  id: AccountId,
  name: AccountName,
  syncIntervalMinutes: SyncIntervalMinutes,
  /** A sample-data account talks to the built-in provider simulators. */
  sandbox: z.boolean(),
  status: AccountStatus,
  /** Freights of this account in the offline cache. */
  cachedFreights: z.number().int().nonnegative(),
  createdAt: Instant,
  updatedAt: Instant,
}

export const SpotGoAccount = z.object({
  provider: z.literal('spotgo'),
  ...accountCommon,
  environment: SpotGoEnvironment,
  baseUrl: ServiceAddress,
  /** The SpotGo user who owns the account's freights and shares. */
  ownerEmail: Email,
  secrets: z.object({ apiKey: SecretState }),
})

export const TranseuRedirectMode = z.enum(['loopback', 'paste'])

export const TranseuAccount = z.object({
  provider: z.literal('transeu'),
  ...accountCommon,
  environment: TranseuEnvironment,
  /** The API host (`/ext/...`, also the token endpoint). */
  baseUrl: ServiceAddress,
  /** The authorization server (`/oauth2/auth`). */
  authBaseUrl: ServiceAddress,
  /** Null: sign in through a listener on 127.0.0.1; else this registered https address, pasted back. */
  redirectUri: RegisteredRedirect.nullable(),
  secrets: z.object({
    /** Client id, client secret and api-key of the app registration. */
    app: SecretState,
    /** Access and refresh token of the signed-in user. */
    tokens: SecretState,
  }),
})

export const CregoSignInMethod = z.enum(['password', 'token'])

export const CregoAccount = z.object({
  provider: z.literal('crego'),
  ...accountCommon,
  environment: CregoEnvironment,
  baseUrl: ServiceAddress,
  /** Where the public links of shared documents start (default: the API host). */
  shareLinkBase: ServiceAddress,
  signInMethod: CregoSignInMethod,
  /** The staff user name (not a secret) for signing in with a password; null with a pasted token. */
  username: z.string().nullable(),
  secrets: z.object({ tokens: SecretState }),
})

export const Account = z.discriminatedUnion('provider', [
  SpotGoAccount,
  TranseuAccount,
  CregoAccount,
])
export type Account = z.infer<typeof Account>
export type SpotGoAccount = z.infer<typeof SpotGoAccount>
export type TranseuAccount = z.infer<typeof TranseuAccount>
export type CregoAccount = z.infer<typeof CregoAccount>

const inputCommon = {
  name: AccountName,
  syncIntervalMinutes: SyncIntervalMinutes.default(defaultSyncIntervalMinutes),
  sandbox: z.boolean().default(false),
}

/** Makes `baseUrl` (and for Trans.eu `authBaseUrl`) required exactly when the environment is custom. */
function requireCustomAddress<T extends { environment: string; baseUrl?: string | undefined }>(
  value: T,
  context: z.RefinementCtx<T>,
): void {
  if (value.environment === 'custom' && !value.baseUrl) {
    context.addIssue({
      code: 'custom',
      path: ['baseUrl'],
      message: 'Enter the address, or pick one of the listed environments',
    })
  }
}

export const AddSpotGoAccount = z
  .object({
    provider: z.literal('spotgo'),
    ...inputCommon,
    environment: SpotGoEnvironment,
    baseUrl: ServiceAddress.optional(),
    ownerEmail: Email,
    apiKey: SecretText,
  })
  .strict()
  .superRefine(requireCustomAddress)

export const AddTranseuAccount = z
  .object({
    provider: z.literal('transeu'),
    ...inputCommon,
    environment: TranseuEnvironment,
    baseUrl: ServiceAddress.optional(),
    /** Custom environments: the authorization server, when it is not the API host. */
    authBaseUrl: ServiceAddress.optional(),
    redirectUri: RegisteredRedirect.nullable().default(null),
    clientId: SecretText,
    clientSecret: SecretText,
    apiKey: SecretText,
  })
  .strict()
  .superRefine(requireCustomAddress)

export const CregoCredentials = z.discriminatedUnion('signInMethod', [
  z
    .object({
      signInMethod: z.literal('password'),
      username: z.string().trim().min(1, 'Required').max(200),
      password: z.string().min(1, 'Required').max(1024),
    })
    .strict(),
  z.object({ signInMethod: z.literal('token'), accessToken: SecretText }).strict(),
])
export type CregoCredentials = z.infer<typeof CregoCredentials>

const cregoAccountFields = {
  provider: z.literal('crego'),
  ...inputCommon,
  environment: CregoEnvironment,
  baseUrl: ServiceAddress.optional(),
  shareLinkBase: ServiceAddress.optional(),
}

export const AddCregoAccount = z
  .object({ ...cregoAccountFields, credentials: CregoCredentials })
  .strict()
  .superRefine(requireCustomAddress)

export const AddAccountInput = z.discriminatedUnion('provider', [
  AddSpotGoAccount,
  AddTranseuAccount,
  AddCregoAccount,
])
export type AddAccountInput = z.input<typeof AddAccountInput>
export type ParsedAddAccount = z.output<typeof AddAccountInput>

/**
 * Changes to an account: every field optional; a secret field that is absent keeps the stored
 * secret. Changing where a provider lives, or its credentials, checks them again before saving.
 */
export const UpdateAccountInput = z.discriminatedUnion('provider', [
  z
    .object({
      id: AccountId,
      provider: z.literal('spotgo'),
      name: AccountName.optional(),
      syncIntervalMinutes: SyncIntervalMinutes.optional(),
      environment: SpotGoEnvironment.optional(),
      baseUrl: ServiceAddress.optional(),
      ownerEmail: Email.optional(),
      apiKey: SecretText.optional(),
    })
    .strict(),
  z
    .object({
      id: AccountId,
      provider: z.literal('transeu'),
      name: AccountName.optional(),
      syncIntervalMinutes: SyncIntervalMinutes.optional(),
      environment: TranseuEnvironment.optional(),
      baseUrl: ServiceAddress.optional(),
      authBaseUrl: ServiceAddress.optional(),
      redirectUri: RegisteredRedirect.nullable().optional(),
      /** All three together, or none. */
      clientId: SecretText.optional(),
      clientSecret: SecretText.optional(),
      apiKey: SecretText.optional(),
    })
    .strict()
    .superRefine((value, context) => {
      const given = [value.clientId, value.clientSecret, value.apiKey].filter(Boolean).length
      if (given === 0 || given === 3) return
      for (const field of ['clientId', 'clientSecret', 'apiKey'] as const) {
        if (!value[field]) {
          context.addIssue({
            code: 'custom',
            path: [field],
            message: 'Enter all three app credentials to replace them',
          })
        }
      }
    }),
  z
    .object({
      id: AccountId,
      provider: z.literal('crego'),
      name: AccountName.optional(),
      syncIntervalMinutes: SyncIntervalMinutes.optional(),
      environment: CregoEnvironment.optional(),
      baseUrl: ServiceAddress.optional(),
      shareLinkBase: ServiceAddress.optional(),
      credentials: CregoCredentials.optional(),
    })
    .strict(),
])
export type UpdateAccountInput = z.input<typeof UpdateAccountInput>
export type ParsedUpdateAccount = z.output<typeof UpdateAccountInput>

export const AccountRef = z.object({ id: AccountId }).strict()

export const RemoveAccountInput = z
  .object({
    id: AccountId,
    /**
     * true: the account's cached freights go with it. false: they stay in the cache for offline
     * review (the account is retired: hidden from the list, its secrets deleted, never synced).
     */
    removeCachedFreights: z.boolean(),
  })
  .strict()
export type RemoveAccountInput = z.infer<typeof RemoveAccountInput>

export const RemoveAccountResult = z.object({
  removed: z.literal(true),
  /** How many cached freights were removed with it. */
  removedFreights: z.number().int().nonnegative(),
})

/** What "Test connection" found; never an exception for an answer the provider gave. */
export const ConnectionTest = z.object({
  ok: z.boolean(),
  /** `ok`, or why not: `auth_required` (bad credentials), `offline` (unreachable), ... */
  code: z.union([z.literal('ok'), AppErrorCode]),
  message: z.string(),
  account: Account,
})
export type ConnectionTest = z.infer<typeof ConnectionTest>

export const SignInId = z.string().trim().min(1).max(100)

/** How the sign-in page reaches the dispatcher: opened by main, or to be opened by the page. */
export const BrowserHandoff = z.enum(['opened', 'open_in_page'])

export const SignInStarted = z.object({
  signInId: SignInId,
  accountId: AccountId,
  /** The provider's sign-in page (carries no secret: client id, state and PKCE challenge are public). */
  authorizeUrl: z.url(),
  /** `loopback`: the browser comes back on its own; `paste`: paste the address the browser shows. */
  redirect: TranseuRedirectMode,
  browser: BrowserHandoff,
  expiresAt: Instant,
})
export type SignInStarted = z.infer<typeof SignInStarted>

export const CompleteSignInInput = z
  .object({
    signInId: SignInId,
    /** The address the browser was sent to after signing in, or just the code from it. */
    response: z.string().trim().min(1, 'Paste the address or the code').max(4096),
  })
  .strict()

export const SignInRef = z.object({ signInId: SignInId }).strict()

export const AccountsChanged = z.object({
  reason: z.enum(['added', 'updated', 'removed', 'status', 'signed_in']),
  accountId: AccountId,
})
export type AccountsChanged = z.infer<typeof AccountsChanged>

export const SignInFinished = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), signInId: SignInId, accountId: AccountId }),
  z.object({
    ok: z.literal(false),
    signInId: SignInId,
    accountId: AccountId,
    error: z.object({ code: AppErrorCode, message: z.string() }),
  }),
])
export type SignInFinished = z.infer<typeof SignInFinished>
