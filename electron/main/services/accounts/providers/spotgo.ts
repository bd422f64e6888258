/** SpotGo accounts: one API key, checked with a real call before it is kept. */
import { providerEnvironments } from '@shared/domain/account'
import { noSettings, presetAddress, type ProviderAccountRules } from './rules'

const refusal = {
  field: 'apiKey',
  message: 'SpotGo refused this API key. Copy the key again from SpotGo and paste it here.',
}

const address = (environment: string) =>
  presetAddress(providerEnvironments.spotgo, 'spotgo', environment)

export const spotgoAccounts: ProviderAccountRules<'spotgo'> = {
  settings: (input) => ({
    ...noSettings,
    environment: input.environment,
    baseUrl: input.environment === 'custom' ? input.baseUrl! : address(input.environment),
    ownerEmail: input.ownerEmail,
  }),

  async addSecrets({ checked, gateway, secrets }, account, input) {
    await checked(account, refusal, () => gateway.checkSpotGo(account.baseUrl, input.apiKey))
    await secrets.setSpotGoKey(account.id, input.apiKey)
    return ['spotgo.api-key']
  },

  relocate(before, next, input, custom) {
    next.baseUrl = custom ? (input.baseUrl ?? before.baseUrl) : address(next.environment)
    if (input.ownerEmail !== undefined) next.ownerEmail = input.ownerEmail
  },

  enteredSecrets: (input) => new Set(input.apiKey !== undefined ? ['apiKey'] : []),

  async updateSecrets({ checked, gateway, secrets }, before, next, input) {
    if (input.apiKey === undefined) return null
    const key = input.apiKey
    await checked(next, refusal, () => gateway.checkSpotGo(next.baseUrl, key))
    await secrets.setSpotGoKey(before.id, key)
    return { state: 'connected', message: null, signedIn: true }
  },

  signInRefused: 'SpotGo refused the stored API key. Click Sign in again and paste a current key.',

  present: (account, common, secret) => ({
    provider: 'spotgo',
    ...common,
    environment: account.environment as 'production' | 'test' | 'custom',
    ownerEmail: account.ownerEmail ?? '',
    secrets: { apiKey: secret('spotgo.api-key') },
  }),
}
