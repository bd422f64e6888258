import type { OutboxItem } from '@shared/domain/sync'
import { Popover } from '../../ui/Popover'
import { useFormat } from '../../ui/format'
import { accountName, useAccounts } from '../accounts/accounts-store'
import { useSync } from './sync-store'

function OutboxRow({ item, account }: { item: OutboxItem; account: string }) {
  const format = useFormat()
  const failed = item.state === 'failed'
  return (
    <li className={`outbox-item outbox-item--${item.state}`}>
      <div className="outbox-item__summary">
        <strong>{item.summary}</strong>
        <span className="outbox-item__meta">
          {account} · {failed ? 'Refused by the provider' : 'Waiting to be sent'} · queued{' '}
          {format.dateTime(item.createdAt)}
          {item.attempts > 0 ? ` · ${item.attempts} ${item.attempts === 1 ? 'try' : 'tries'}` : ''}
        </span>
        {item.error && <span className="outbox-item__error">{item.error}</span>}
      </div>
      <div className="outbox-item__actions">
        <button
          type="button"
          className="button button--small"
          onClick={() => void useSync.getState().retry(item.id)}
          aria-label={`Retry: ${item.summary}`}
        >
          Retry
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => void useSync.getState().discard(item.id)}
          aria-label={`Discard: ${item.summary}`}
        >
          Discard
        </button>
      </div>
    </li>
  )
}

/** "2 waiting, 1 failed" */
export function outboxText(items: readonly OutboxItem[]): string {
  const failed = items.filter((item) => item.state === 'failed').length
  const waiting = items.length - failed
  return [waiting > 0 ? `${waiting} waiting` : '', failed > 0 ? `${failed} failed` : '']
    .filter(Boolean)
    .join(', ')
}

/** The outbox count in the status bar, opening a panel with each item, retry and discard. */
export function OutboxIndicator() {
  const items = useSync((state) => state.outbox)
  const accounts = useAccounts((state) => state.accounts)
  if (items.length === 0) return null
  const failed = items.some((item) => item.state === 'failed')
  return (
    <Popover
      label="Outbox"
      direction="up"
      buttonProps={{
        className: `button button--small outbox__toggle${failed ? ' outbox__toggle--failed' : ''}`,
        'aria-label': `Outbox: ${outboxText(items)}`,
      }}
      button={`Outbox: ${outboxText(items)}`}
    >
      {() => (
        <div className="outbox__panel">
          <p className="outbox__intro">
            Changes for the providers that are not sent yet. Waiting ones go out by themselves when
            the provider can be reached again.
          </p>
          <ul className="outbox__items">
            {items.map((item) => (
              <OutboxRow
                key={item.id}
                item={item}
                account={accountName(accounts, item.accountId)}
              />
            ))}
          </ul>
        </div>
      )}
    </Popover>
  )
}
