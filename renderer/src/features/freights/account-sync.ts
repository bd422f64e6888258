/**
 * "Each row knows when its account last synced": the time comes from the sync status the status
 * bar already follows (`connectivity.get` once, then `connectivity.changed` events), looked up by
 * the row's account id. No row and no page asks main for it.
 */
import { useMemo } from 'react'
import type { AccountConnectivity } from '@shared/domain/sync'
import { exactTime, relativeTime, useSync, type AccountLabel } from '../sync/sync-store'

/** What a row shows of its account's last sync. */
export interface AccountSync {
  /** The account's name, for the row's title. */
  accountName: string
  /** When the last run that stored freights ended; null when it never did. */
  syncedAt: string | null
  /** "5 min ago", "Never". */
  text: string
  /** "Trans.eu Kraków last synced 5 min ago (23 Nov 2026, 13:40:12)". */
  title: string
}

/** The label of one account's last sync at `now`. */
export function accountSyncLabel(
  accountName: string,
  syncedAt: string | null,
  now: number,
): AccountSync {
  if (syncedAt === null) {
    return { accountName, syncedAt, text: 'Never', title: `${accountName} has not synced yet` }
  }
  const text = relativeTime(syncedAt, now)
  return {
    accountName,
    syncedAt,
    text,
    title: `${accountName} last synced ${text} (${exactTime(syncedAt)})`,
  }
}

function labels(
  accounts: readonly AccountLabel[],
  connectivity: Readonly<Record<string, AccountConnectivity>>,
  now: number,
): Map<string, AccountSync> {
  const byAccount = new Map<string, AccountSync>()
  for (const account of accounts) {
    const entry = connectivity[account.id]
    if (!entry) continue
    byAccount.set(account.id, accountSyncLabel(account.name, entry.lastSyncedAt, now))
  }
  return byAccount
}

const same = (a: AccountSync, b: AccountSync) =>
  a.accountName === b.accountName && a.syncedAt === b.syncedAt && a.text === b.text

/**
 * Each listed account's last sync, as of `now`. An account's entry keeps its identity while its
 * text stays the same, so memoized rows re-render only when what they show changes.
 */
export function useAccountSyncs(now: number): ReadonlyMap<string, AccountSync> {
  const accounts = useSync((state) => state.accounts)
  const connectivity = useSync((state) => state.connectivity)
  return useMemo(
    () => stableLabels(labels(accounts, connectivity, now)),
    [accounts, connectivity, now],
  )
}

/** The labels last handed out, by account: unchanged ones are handed out again. */
let lastLabels = new Map<string, AccountSync>()

function stableLabels(next: Map<string, AccountSync>): Map<string, AccountSync> {
  for (const [id, label] of next) {
    const before = lastLabels.get(id)
    if (before && same(before, label)) next.set(id, before)
  }
  lastLabels = next
  return next
}
