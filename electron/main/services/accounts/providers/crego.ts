/** Crego accounts: a user name and password, or a pasted access token, traded for tokens. */
import { providerEnvironments, type CregoCredentials } from '@shared/domain/account'
import { noSettings, presetAddress, type ProviderAccountRules } from './rules'

const address = (environment: string) =>
  presetAddress(providerEnvironments.crego, 'crego', environment)

function refusal(credentials: CregoCredentials) {
  return credentials.signInMethod === 'token'
    ? {
        field: 'credentials.accessToken',
        message: 'Crego refused this access token. Paste a current token.',
      }
    : {
        field: 'credentials.password',
        message: 'Crego refused this user name and password. Check them and try again.',
      }
}

const usernameOf = (credentials: CregoCredentials) =>
  credentials.signInMethod === 'password' ? credentials.username : null

export const cregoAccounts: ProviderAccountRules<'crego'> = {
  settings(input) {
    const baseUrl = input.environment === 'custom' ? input.baseUrl! : address(input.environment)
    return {
      ...noSettings,
      environment: input.environment,
      baseUrl,
      shareLinkBase: input.shareLinkBase ?? baseUrl,
      signInMethod: input.credentials.signInMethod,
      username: usernameOf(input.credentials),
    }
  },

  async addSecrets({ checked, gateway, secrets }, account, input) {
    const tokens = await checked(account, refusal(input.credentials), () =>
      gateway.cregoSignIn(account.baseUrl, input.credentials),
    )
    await secrets.setTokens(account.id, 'crego.tokens', tokens)
    return ['crego.tokens']
  },

  relocate(before, next, input, custom) {
    next.baseUrl = custom ? (input.baseUrl ?? before.baseUrl) : address(next.environment)
    if (input.shareLinkBase !== undefined) next.shareLinkBase = input.shareLinkBase
    else if (before.shareLinkBase === before.baseUrl) next.shareLinkBase = next.baseUrl
    if (input.credentials) next.signInMethod = input.credentials.signInMethod
  },

  enteredSecrets(input) {
    if (!input.credentials) return new Set()
    return new Set([
      input.credentials.signInMethod === 'token'
        ? 'credentials.accessToken'
        : 'credentials.password',
    ])
  },

  async updateSecrets({ checked, gateway, secrets }, before, next, input) {
    if (!input.credentials) return null
    const credentials = input.credentials
    const tokens = await checked(next, refusal(credentials), () =>
      gateway.cregoSignIn(next.baseUrl, credentials),
    )
    await secrets.setTokens(before.id, 'crego.tokens', tokens)
    next.username = usernameOf(credentials)
    return { state: 'connected', message: null, signedIn: true }
  },

  signInRefused: 'Crego no longer accepts the sign-in of this account. Click Sign in again.',

  present: (account, common, secret) => ({
    provider: 'crego',
    ...common,
    environment: account.environment as 'preprod' | 'custom',
    shareLinkBase: account.shareLinkBase ?? account.baseUrl,
    signInMethod: account.signInMethod ?? 'password',
    username: account.username,
    secrets: { tokens: secret('crego.tokens') },
  }),
}
