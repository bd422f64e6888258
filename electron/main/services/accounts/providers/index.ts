import type { AccountProvider } from '@shared/domain/account'
import { cregoAccounts } from './crego'
import type { ProviderAccountRules } from './rules'
import { spotgoAccounts } from './spotgo'
import { transeuAccounts } from './transeu'

const rules: { [P in AccountProvider]: ProviderAccountRules<P> } = {
  spotgo: spotgoAccounts,
  transeu: transeuAccounts,
  crego: cregoAccounts,
}

/**
 * The rules for `provider`, typed for any provider: callers pass inputs whose `provider` is the
 * one they asked for (the contract's discriminated unions guarantee it).
 */
export function accountRules(provider: AccountProvider): ProviderAccountRules<AccountProvider> {
  return rules[provider] as unknown as ProviderAccountRules<AccountProvider>
}
