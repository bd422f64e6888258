import { useEffect, useRef, useState } from 'react'
import { Dialog } from '../../ui/Dialog'
import { sandboxOn, useSandbox } from './sandbox-store'

/**
 * The status bar's "Sample data" menu: take the sample providers offline and back (to try the
 * offline experience), or remove the sample data in one confirmed step.
 */
export function SandboxMenu() {
  const status = useSandbox((state) => state.status)
  const busy = useSandbox((state) => state.busy)
  const error = useSandbox((state) => state.error)
  const [open, setOpen] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const trigger = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    root.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus()
    const onPointer = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', onPointer)
    return () => document.removeEventListener('mousedown', onPointer)
  }, [open])

  if (!status || !sandboxOn(status)) return null
  const offline = status.offline
  const stateText =
    status.state === 'starting'
      ? 'starting…'
      : status.state === 'failed'
        ? 'not running'
        : offline
          ? 'offline'
          : 'online'

  function onMenuKey(event: React.KeyboardEvent<HTMLDivElement>) {
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])]
    const index = items.indexOf(document.activeElement as HTMLElement)
    if (event.key === 'Escape') {
      event.stopPropagation()
      setOpen(false)
      trigger.current?.focus()
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      items[(index + step + items.length) % items.length]?.focus()
    }
  }

  return (
    <div className="sandbox-menu" ref={root}>
      <button
        ref={trigger}
        type="button"
        className={`button button--small sandbox-menu__trigger sandbox-menu__trigger--${offline ? 'offline' : status.state}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        title={status.message ?? 'Sample data from the built-in provider simulators'}
      >
        Sample data: {stateText}
      </button>
      {open && (
        <div
          className="sandbox-menu__panel popover__panel popover__panel--up"
          role="menu"
          aria-label="Sample data"
          tabIndex={-1}
          onKeyDown={onMenuKey}
        >
          <button
            type="button"
            className="menu__item"
            role="menuitemcheckbox"
            aria-checked={offline}
            disabled={busy !== null || status.state !== 'running'}
            onClick={() => {
              setOpen(false)
              void useSandbox.getState().setOffline(!offline)
            }}
          >
            Sample providers offline
          </button>
          <button
            type="button"
            className="menu__item"
            role="menuitem"
            disabled={busy !== null}
            onClick={() => {
              setOpen(false)
              setConfirming(true)
            }}
          >
            Remove sample data…
          </button>
        </div>
      )}
      {error && !confirming && (
        <span className="status-bar__error" role="alert">
          {error}
        </span>
      )}
      {confirming && (
        <Dialog title="Remove the sample data?" onClose={() => setConfirming(false)}>
          <p>
            This stops the sample providers and removes the three sample accounts with their cached
            freights, documents and share links. Your own accounts are not touched.
          </p>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
            <button
              type="button"
              className="button button--danger"
              data-autofocus
              disabled={busy === 'remove'}
              onClick={() =>
                void useSandbox
                  .getState()
                  .remove()
                  .then((removed) => {
                    if (removed) setConfirming(false)
                  })
              }
            >
              {busy === 'remove' ? 'Removing…' : 'Remove sample data'}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  )
}
