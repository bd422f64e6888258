import { useEffect, useId, useRef, useState } from 'react'
import type { OutboxItem } from '@shared/domain/sync'
import { exactTime, useSync } from './sync-store'

function OutboxRow({ item, accountName }: { item: OutboxItem; accountName: string }) {
  const failed = item.state === 'failed'
  return (
    <li className={`outbox-item outbox-item--${item.state}`}>
      <div className="outbox-item__summary">
        <strong>{item.summary}</strong>
        <span className="outbox-item__meta" title={exactTime(item.createdAt)}>
          {accountName} · {failed ? 'Refused by the provider' : 'Waiting to be sent'}
          {item.attempts > 0 ? ` · ${item.attempts} ${item.attempts === 1 ? 'try' : 'tries'}` : ''}
        </span>
        {item.error && <span className="outbox-item__error">{item.error}</span>}
      </div>
      <div className="outbox-item__actions">
        <button
          type="button"
          onClick={() => void useSync.getState().retry(item.id)}
          aria-label={`Retry: ${item.summary}`}
        >
          Retry
        </button>
        <button
          type="button"
          onClick={() => void useSync.getState().discard(item.id)}
          aria-label={`Discard: ${item.summary}`}
        >
          Discard
        </button>
      </div>
    </li>
  )
}

/** The outbox count in the status bar, opening a small panel with each item, retry and discard. */
export function OutboxIndicator() {
  const items = useSync((state) => state.outbox)
  const accounts = useSync((state) => state.accounts)
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const toggle = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)

  const shown = open && items.length > 0
  useEffect(() => {
    if (shown) panel.current?.focus()
  }, [shown])

  if (items.length === 0) return null
  const failed = items.filter((item) => item.state === 'failed').length
  const waiting = items.length - failed
  const label = [waiting > 0 ? `${waiting} waiting` : '', failed > 0 ? `${failed} failed` : '']
    .filter(Boolean)
    .join(', ')
  const nameOf = (accountId: string) =>
    accounts.find((account) => account.id === accountId)?.name ?? 'Removed account'

  return (
    <span className="outbox">
      <button
        ref={toggle}
        type="button"
        className={`status-bar__button outbox__toggle${failed > 0 ? ' outbox__toggle--failed' : ''}`}
        aria-expanded={shown}
        aria-controls={panelId}
        onClick={() => setOpen(!shown)}
      >
        Outbox: {label}
      </button>
      {shown && (
        // Escape from any control inside the panel closes it.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
        <div
          id={panelId}
          ref={panel}
          className="outbox__panel"
          role="dialog"
          aria-label="Outbox"
          tabIndex={-1}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setOpen(false)
              toggle.current?.focus()
            }
          }}
        >
          <p className="outbox__intro">
            Changes for the providers that are not sent yet. Waiting ones go out by themselves when
            the provider can be reached again.
          </p>
          <ul className="outbox__items">
            {items.map((item) => (
              <OutboxRow key={item.id} item={item} accountName={nameOf(item.accountId)} />
            ))}
          </ul>
        </div>
      )}
    </span>
  )
}
