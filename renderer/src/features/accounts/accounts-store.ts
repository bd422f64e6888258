import { create } from 'zustand'
import type { Account, ConnectionTest } from '@shared/domain/account'
import { call, errorMessage, subscribe } from '../../api/client'

/** What "Test connection" last said, per account, until the list reloads it away. */
export interface TestResult {
  running: boolean
  result: Pick<ConnectionTest, 'ok' | 'code' | 'message'> | null
}

interface AccountsState {
  accounts: Account[]
  loaded: boolean
  loading: boolean
  error: string | null
  tests: Record<string, TestResult>
  load: () => Promise<void>
  test: (id: string) => Promise<void>
  /** Puts an account main just returned into the list without waiting for a reload. */
  put: (account: Account) => void
}

/** The provider accounts, kept fresh by `accounts.changed` while the screen is open. */
export const useAccounts = create<AccountsState>((set, get) => ({
  accounts: [],
  loaded: false,
  loading: false,
  error: null,
  tests: {},

  async load() {
    set({ loading: true })
    try {
      set({ accounts: await call('accounts.list'), loaded: true, error: null })
    } catch (error) {
      set({ error: errorMessage(error) })
    } finally {
      set({ loading: false })
    }
  },

  async test(id) {
    set({ tests: { ...get().tests, [id]: { running: true, result: null } } })
    try {
      const outcome = await call('accounts.test', { id })
      get().put(outcome.account)
      set({ tests: { ...get().tests, [id]: { running: false, result: outcome } } })
    } catch (error) {
      set({
        tests: {
          ...get().tests,
          [id]: {
            running: false,
            result: { ok: false, code: 'internal', message: errorMessage(error) },
          },
        },
      })
    }
  },

  put(account) {
    const accounts = get().accounts
    const index = accounts.findIndex((each) => each.id === account.id)
    const next =
      index < 0
        ? [...accounts, account]
        : accounts.map((each) => (each.id === account.id ? account : each))
    set({ accounts: next.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)) })
  },
}))

/** Reloads the list whenever main says accounts changed; returns the unsubscribe function. */
export function followAccountChanges(): () => void {
  return subscribe('accounts.changed', () => void useAccounts.getState().load())
}
