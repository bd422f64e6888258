import {
  useEffect,
  useId,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type ReactNode,
} from 'react'

interface PopoverProps {
  /** The accessible name of the panel. */
  label: string
  /** What the trigger button shows. */
  button: ReactNode
  buttonProps?: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'type'>
  /** Called just before the panel opens (to load what it shows). */
  onOpen?: () => void
  align?: 'start' | 'end'
  /** Opens above the button (in the status bar). */
  direction?: 'down' | 'up'
  /** The panel's role: a dialog (default) or a menu. */
  role?: 'dialog' | 'menu'
  children: (close: () => void) => ReactNode
}

/**
 * A button with a panel below it. The panel takes focus when it opens; Escape or a click outside
 * closes it, and Escape gives focus back to the button. Escape stops here, so an outer panel (the
 * freight detail) stays open.
 */
export function Popover({
  label,
  button,
  buttonProps,
  onOpen,
  align,
  direction = 'down',
  role = 'dialog',
  children,
}: PopoverProps) {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  const panelId = useId()
  const triggerId = useId()

  useEffect(() => {
    if (!open) return
    const first = panel.current?.querySelector<HTMLElement>(
      'input, select, textarea, button:not(:disabled), [tabindex]:not([tabindex="-1"])',
    )
    ;(first ?? panel.current)?.focus()
    const onPointer = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', onPointer)
    return () => document.removeEventListener('mousedown', onPointer)
  }, [open])

  const close = () => {
    setOpen(false)
    document.getElementById(triggerId)?.focus()
  }

  return (
    // Escape from any control inside the popover closes it.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div
      className="popover"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.preventDefault()
          event.stopPropagation()
          close()
          return
        }
        if (role === 'menu' && open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
          const items = [
            ...(panel.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not(:disabled)') ??
              []),
          ]
          if (items.length === 0) return
          event.preventDefault()
          const index = items.indexOf(document.activeElement as HTMLElement)
          const step = event.key === 'ArrowDown' ? 1 : -1
          items[(index + step + items.length) % items.length]?.focus()
        }
      }}
    >
      <button
        {...buttonProps}
        id={triggerId}
        type="button"
        aria-expanded={open}
        aria-haspopup={role === 'menu' ? 'menu' : 'dialog'}
        aria-controls={open ? panelId : undefined}
        onClick={() => {
          if (!open) onOpen?.()
          setOpen(!open)
        }}
      >
        {button}
      </button>
      {open && (
        <div
          id={panelId}
          ref={panel}
          className={`popover__panel${align === 'end' ? ' popover__panel--end' : ''}${direction === 'up' ? ' popover__panel--up' : ''}`}
          role={role}
          aria-label={label}
          tabIndex={-1}
        >
          {children(close)}
        </div>
      )}
    </div>
  )
}
