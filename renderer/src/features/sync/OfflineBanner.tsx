import type { Account } from '@shared/domain/account'
import { useFormat } from '../../ui/format'
import { useNow } from '../shares/share-actions'
import { useAccounts } from '../accounts/accounts-store'
import { outboxText } from './OutboxPanel'
import { useSync } from './sync-store'

function names(accounts: readonly Account[]): string {
  const list = accounts.map((account) => account.name)
  if (list.length <= 1) return list.join('')
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`
}

/**
 * Over the grid while any freight account is offline: which accounts, that the grid shows their
 * cached freights and as of when, and what waits in the outbox until they are back.
 */
export function OfflineBanner() {
  const accounts = useAccounts((state) => state.accounts)
  const connectivity = useSync((state) => state.connectivity)
  const outbox = useSync((state) => state.outbox)
  const format = useFormat()
  const now = useNow(30_000)
  const offline = accounts.filter(
    (account) => account.provider !== 'crego' && connectivity[account.id]?.state === 'offline',
  )
  if (offline.length === 0) return null
  const synced = offline
    .map((account) => connectivity[account.id]?.lastSyncedAt ?? null)
    .filter((at): at is string => at !== null)
    .sort()
  const oldest = synced[0]
  const cached = offline.reduce((sum, account) => sum + account.cachedFreights, 0)
  const waiting = outbox.filter((item) => offline.some((account) => account.id === item.accountId))
  return (
    <section className="banner banner--warning offline-banner" aria-label="Offline">
      <span className="banner__title">Offline: {names(offline)} cannot be reached.</span>
      <span>
        The grid shows {format.number(cached)} cached {cached === 1 ? 'freight' : 'freights'} of{' '}
        {offline.length === 1 ? 'it' : 'them'}
        {oldest
          ? `, as of ${format.dateTime(oldest)} (${format.relative(oldest, now)})`
          : ', not synced yet'}
        .
      </span>
      <span>
        {waiting.length > 0
          ? `Outbox: ${outboxText(waiting)}; sent when the connection is back.`
          : 'Nothing waits in the outbox.'}{' '}
        Freightdesk keeps trying by itself.
      </span>
    </section>
  )
}
