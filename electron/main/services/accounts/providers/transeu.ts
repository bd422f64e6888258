/**
 * Trans.eu accounts: the app registration (client id and secret, API key) is kept when the
 * account is added; the tokens come from a browser sign-in afterwards.
 */
import { providerEnvironments } from '@shared/domain/account'
import { noSettings, type ProviderAccountRules } from './rules'

const preset = providerEnvironments.transeu.production

export const transeuAccounts: ProviderAccountRules<'transeu'> = {
  settings(input) {
    const custom = input.environment === 'custom'
    const baseUrl = custom ? input.baseUrl! : preset.baseUrl
    return {
      ...noSettings,
      environment: input.environment,
      baseUrl,
      authBaseUrl: custom ? (input.authBaseUrl ?? baseUrl) : preset.authBaseUrl,
      redirectUri: input.redirectUri,
    }
  },

  async addSecrets({ secrets }, account, input) {
    await secrets.setTranseuApp(account.id, {
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      apiKey: input.apiKey,
    })
    account.status = 'needs_sign_in'
    account.statusMessage = 'Sign in to Trans.eu to finish adding this account.'
    account.signedInAt = null
    return ['transeu.app']
  },

  relocate(before, next, input, custom) {
    next.baseUrl = custom ? (input.baseUrl ?? before.baseUrl) : preset.baseUrl
    next.authBaseUrl = custom
      ? (input.authBaseUrl ??
        (input.baseUrl !== undefined ? input.baseUrl : before.authBaseUrl) ??
        next.baseUrl)
      : preset.authBaseUrl
    if (input.redirectUri !== undefined) next.redirectUri = input.redirectUri
  },

  enteredSecrets: (input) =>
    new Set(
      (['clientId', 'clientSecret', 'apiKey'] as const).filter(
        (field) => input[field] !== undefined,
      ),
    ),

  async updateSecrets({ secrets }, before, _next, input, movedSecrets) {
    const appChanged = input.clientId !== undefined
    if (appChanged) {
      await secrets.setTranseuApp(before.id, {
        clientId: input.clientId!,
        clientSecret: input.clientSecret!,
        apiKey: input.apiKey!,
      })
      // Tokens belong to the app registration that signed in.
      await secrets.delete(before.id, 'transeu.tokens')
    }
    if (!appChanged && movedSecrets.length === 0) return null
    return {
      state: 'needs_sign_in',
      message: 'Sign in to Trans.eu again: the app credentials or addresses changed.',
      signedIn: false,
    }
  },

  signInRefused: 'Trans.eu no longer accepts the sign-in of this account. Click Sign in again.',

  present: (account, common, secret) => ({
    provider: 'transeu',
    ...common,
    environment: account.environment as 'production' | 'custom',
    authBaseUrl: account.authBaseUrl ?? account.baseUrl,
    redirectUri: account.redirectUri,
    secrets: { app: secret('transeu.app'), tokens: secret('transeu.tokens') },
  }),
}
