import { useEffect, useId, useRef, type ReactNode } from 'react'

/**
 * A modal dialog on the native `<dialog>`: the browser keeps focus inside and Escape closes the
 * topmost dialog only. Focus moves in once, when it opens (to the element marked
 * `data-autofocus`, else the first control), and goes back to where it was when it closes; a
 * re-render of the screen behind never moves it again.
 */
export function Dialog(props: {
  title: string
  onClose: () => void
  children: ReactNode
  /** Wider for forms and lists. */
  wide?: boolean
  /** A sentence under the title, naming what the dialog is about. */
  description?: ReactNode
}) {
  const ref = useRef<HTMLDialogElement>(null)
  // Unique per dialog: a dialog opened from another dialog is labelled by its own title.
  const titleId = useId()
  const descriptionId = useId()
  // The latest onClose, without making it a reason to open the dialog again.
  const onClose = useRef(props.onClose)
  useEffect(() => {
    onClose.current = props.onClose
  })

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const returnFocus =
      document.activeElement instanceof HTMLElement ? document.activeElement : null
    dialog.showModal()
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>(
        'input:not([type=hidden]), select, textarea, button:not(:disabled)',
      )
    first?.focus()
    const onCancel = (event: Event) => {
      event.preventDefault()
      onClose.current()
    }
    dialog.addEventListener('cancel', onCancel)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      dialog.close()
      if (returnFocus?.isConnected) returnFocus.focus()
    }
  }, [])

  return (
    <dialog
      ref={ref}
      className={props.wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={props.description ? descriptionId : undefined}
      // Escape belongs to the dialog: screens behind it (the freight detail) must not see it.
      onKeyDown={(event) => {
        if (event.key === 'Escape') event.stopPropagation()
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.description ? (
        <p id={descriptionId} className="muted">
          {props.description}
        </p>
      ) : null}
      {props.children}
    </dialog>
  )
}
