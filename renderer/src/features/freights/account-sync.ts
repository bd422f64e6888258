/**
 * "Each row knows when its account last synced": the time comes from the sync status the status
 * bar already follows (`connectivity.get` once, then `connectivity.changed` events), looked up by
 * the row's account id. No row and no page asks main for it.
 */
import { useMemo } from 'react'
import type { Account } from '@shared/domain/account'
import type { AccountConnectivity } from '@shared/domain/sync'
import type { Format } from '@shared/format'
import { useFormat } from '../../ui/format'
import { useAccounts } from '../accounts/accounts-store'
import { useSync } from '../sync/sync-store'

/** What a row shows of its account's last sync. */
export interface AccountSync {
  /** The account's name, for the row's title. */
  accountName: string
  /** When the last run that stored freights ended; null when it never did. */
  syncedAt: string | null
  /** "5 minutes ago", "Never". */
  text: string
  /** "Trans.eu Kraków last synced 5 minutes ago (23 Nov, 13:40)". */
  title: string
}

/** The label of one account's last sync at `now`. */
export function accountSyncLabel(
  format: Format,
  accountName: string,
  syncedAt: string | null,
  now: number,
): AccountSync {
  if (syncedAt === null) {
    return { accountName, syncedAt, text: 'Never', title: `${accountName} has not synced yet` }
  }
  const text = format.relative(syncedAt, now)
  return {
    accountName,
    syncedAt,
    text,
    title: `${accountName} last synced ${text} (${format.dateTime(syncedAt)})`,
  }
}

function labels(
  format: Format,
  accounts: readonly Account[],
  connectivity: Readonly<Record<string, AccountConnectivity>>,
  now: number,
): Map<string, AccountSync> {
  const byAccount = new Map<string, AccountSync>()
  for (const account of accounts) {
    const entry = connectivity[account.id]
    if (!entry) continue
    byAccount.set(account.id, accountSyncLabel(format, account.name, entry.lastSyncedAt, now))
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
  const accounts = useAccounts((state) => state.accounts)
  const connectivity = useSync((state) => state.connectivity)
  const format = useFormat()
  return useMemo(
    () => stableLabels(labels(format, accounts, connectivity, now)),
    [format, accounts, connectivity, now],
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
