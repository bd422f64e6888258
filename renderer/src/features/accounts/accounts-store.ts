/**
 * The provider accounts, once for the whole window: the accounts screen, the status bar, the grid
 * (account names, sync times), the share dialog and the documents screen all read this store.
 * It is loaded at start and kept fresh by `accounts.changed` and by finished syncs (which change
 * each account's count of cached freights).
 */
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
  /** Takes an account out of the list at once (main removed it). */
  drop: (id: string) => void
}

let loadRequest = 0

export const useAccounts = create<AccountsState>((set, get) => ({
  accounts: [],
  loaded: false,
  loading: false,
  error: null,
  tests: {},

  async load() {
    const request = ++loadRequest
    set({ loading: true })
    try {
      const accounts = await call('accounts.list')
      // A later load (after a later change) wins over this one.
      if (request === loadRequest) set({ accounts, loaded: true, error: null })
    } catch (error) {
      if (request === loadRequest) set({ error: errorMessage(error) })
    } finally {
      if (request === loadRequest) set({ loading: false })
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

  drop(id) {
    set({ accounts: get().accounts.filter((each) => each.id !== id) })
  },
}))

/**
 * Loads the accounts and keeps them fresh while the window is open; returns the unsubscribe.
 * Called once, by the app.
 */
export function followAccounts(): () => void {
  void useAccounts.getState().load()
  const stops = [
    subscribe('accounts.changed', () => void useAccounts.getState().load()),
    subscribe('sync.progress', (progress) => {
      if (progress.phase === 'finished') void useAccounts.getState().load()
    }),
  ]
  return () => {
    for (const stop of stops) stop()
  }
}

/** An account's name, or a stand-in when the account is gone. */
export function accountName(accounts: readonly Account[], id: string): string {
  return accounts.find((account) => account.id === id)?.name ?? 'Removed account'
}

/**
 * A short label for an account in narrow places (the grid): the name itself when short, else its
 * first and last words around an ellipsis ("Spedycja … Kraków"). The full name is on hover and in
 * the detail.
 */
export function shortAccountLabel(name: string, max = 22): string {
  if (name.length <= max) return name
  const words = name.split(/\s+/).filter(Boolean)
  const first = words[0] ?? ''
  const last = words[words.length - 1] ?? ''
  const short = words.length > 1 ? `${first} … ${last}` : name
  return short.length <= max ? short : `${name.slice(0, max - 1).trimEnd()}…`
}
