import { create } from 'zustand'
import type { AccountConnectivity, OutboxItem, SyncProgress } from '@shared/domain/sync'
import { call, errorMessage, subscribe } from '../../api/client'

/** An account as the status bar names it. */
export interface AccountLabel {
  id: string
  name: string
  provider: 'spotgo' | 'transeu' | 'crego'
  /** Freights of the account in the offline cache. */
  cachedFreights: number
}

interface SyncState {
  accounts: AccountLabel[]
  connectivity: Record<string, AccountConnectivity>
  outbox: OutboxItem[]
  /** The last action that failed (Sync now, Cancel, Retry, Discard), for the dispatcher. */
  error: string | null
  load: () => Promise<void>
  syncNow: (accountId?: string) => Promise<void>
  cancel: (accountId?: string) => Promise<void>
  retry: (id: number) => Promise<void>
  discard: (id: number) => Promise<void>
  /** Subscribes to the events that keep this store fresh; returns the unsubscribe. */
  listen: () => () => void
}

/** Per-account connectivity, running syncs and the outbox, kept fresh by main's events. */
export const useSync = create<SyncState>((set, get) => {
  const guarded = async (action: () => Promise<void>) => {
    try {
      await action()
      set({ error: null })
    } catch (error) {
      set({ error: errorMessage(error) })
    }
  }
  const loadAccounts = async () => {
    const accounts = await call('accounts.list')
    set({
      accounts: accounts.map(({ id, name, provider, cachedFreights }) => ({
        id,
        name,
        provider,
        cachedFreights,
      })),
    })
  }
  const loadConnectivity = async () => {
    const list = await call('connectivity.get')
    set({ connectivity: Object.fromEntries(list.map((entry) => [entry.accountId, entry])) })
  }
  const loadOutbox = async () => set({ outbox: await call('outbox.list') })
  const progressed = (progress: SyncProgress) => {
    const current = get().connectivity[progress.accountId]
    if (!current) return
    const running = progress.phase === 'finished' ? null : progress
    set({ connectivity: { ...get().connectivity, [progress.accountId]: { ...current, running } } })
    // The cached counts changed with the run.
    if (progress.phase === 'finished') void guarded(loadAccounts)
  }

  return {
    accounts: [],
    connectivity: {},
    outbox: [],
    error: null,
    load: () =>
      guarded(
        async () => void (await Promise.all([loadAccounts(), loadConnectivity(), loadOutbox()])),
      ),
    syncNow: (accountId) =>
      guarded(async () => void (await call('sync.start', accountId ? { accountId } : {}))),
    cancel: (accountId) =>
      guarded(async () => void (await call('sync.cancel', accountId ? { accountId } : {}))),
    retry: (id) => guarded(async () => set({ outbox: await call('outbox.retry', { id }) })),
    discard: (id) => guarded(async () => set({ outbox: await call('outbox.discard', { id }) })),
    listen() {
      const stops = [
        subscribe('connectivity.changed', (entry) =>
          set({ connectivity: { ...get().connectivity, [entry.accountId]: entry } }),
        ),
        subscribe('sync.progress', progressed),
        subscribe('outbox.changed', () => void guarded(loadOutbox)),
        subscribe(
          'accounts.changed',
          () =>
            void guarded(
              async () => void (await Promise.all([loadAccounts(), loadConnectivity()])),
            ),
        ),
      ]
      return () => {
        for (const stop of stops) stop()
      }
    },
  }
})

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function relativeTime(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
  if (seconds < 45) return 'just now'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  const days = Math.round(hours / 24)
  return days === 1 ? 'yesterday' : `${days} days ago`
}

/** The exact local time, for a title. */
export function exactTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
}
