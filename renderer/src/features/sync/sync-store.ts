import { useMemo } from 'react'
import { create } from 'zustand'
import type {
  AccountConnectivity,
  FreightPriceChange,
  OutboxItem,
  SyncProgress,
} from '@shared/domain/sync'
import { call, errorMessage, subscribe } from '../../api/client'
import { createReadTracker } from './read-versus-events'

interface SyncState {
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
  const connectivityReads = createReadTracker()
  const loadConnectivity = async () => {
    const merge = connectivityReads.startRead()
    const list = await call('connectivity.get')
    const read = Object.fromEntries(list.map((entry) => [entry.accountId, entry]))
    set({ connectivity: merge(get().connectivity, read) })
  }
  const loadOutbox = async () => set({ outbox: await call('outbox.list') })
  const progressed = (progress: SyncProgress) => {
    const current = get().connectivity[progress.accountId]
    if (!current) return
    const running = progress.phase === 'finished' ? null : progress
    connectivityReads.heard(progress.accountId)
    set({ connectivity: { ...get().connectivity, [progress.accountId]: { ...current, running } } })
  }

  return {
    connectivity: {},
    outbox: [],
    error: null,
    load: () => guarded(async () => void (await Promise.all([loadConnectivity(), loadOutbox()]))),
    syncNow: (accountId) =>
      guarded(async () => void (await call('sync.start', accountId ? { accountId } : {}))),
    cancel: (accountId) =>
      guarded(async () => void (await call('sync.cancel', accountId ? { accountId } : {}))),
    retry: (id) => guarded(async () => set({ outbox: await call('outbox.retry', { id }) })),
    discard: (id) => guarded(async () => set({ outbox: await call('outbox.discard', { id }) })),
    listen() {
      const stops = [
        subscribe('connectivity.changed', (entry) => {
          connectivityReads.heard(entry.accountId)
          set({ connectivity: { ...get().connectivity, [entry.accountId]: entry } })
        }),
        subscribe('sync.progress', progressed),
        subscribe('outbox.changed', () => void guarded(loadOutbox)),
        subscribe('accounts.changed', () => void guarded(loadConnectivity)),
      ]
      return () => {
        for (const stop of stops) stop()
      }
    },
  }
})

/** A new price waiting in the outbox for one freight (the latest, when several wait). */
export interface PendingPrice {
  change: FreightPriceChange
  state: OutboxItem['state']
}

/** Price changes waiting in the outbox, by cached freight. */
export function pendingPrices(outbox: readonly OutboxItem[]): ReadonlyMap<number, PendingPrice> {
  const byFreight = new Map<number, PendingPrice>()
  for (const item of outbox) {
    if (item.kind !== 'spotgo.changePrice' || item.freightId === null || !item.priceChange) continue
    byFreight.set(item.freightId, { change: item.priceChange, state: item.state })
  }
  return byFreight
}

/** The pending prices of the outbox now, the same map while the outbox is unchanged. */
export function usePendingPrices(): ReadonlyMap<number, PendingPrice> {
  const outbox = useSync((state) => state.outbox)
  return useMemo(() => pendingPrices(outbox), [outbox])
}
