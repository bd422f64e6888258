import { useEffect, useId, useRef, type ReactNode } from 'react'

/**
 * A modal dialog on the native `<dialog>`: the browser keeps focus inside, Escape closes it, and
 * focus goes back to where it was when it closes. An element marked `data-autofocus` gets the
 * focus when it opens (React's autoFocus runs before the dialog is shown, so it cannot).
 */
export function Dialog(props: {
  title: string
  onClose: () => void
  children: ReactNode
  /** Wider for forms. */
  wide?: boolean
}) {
  const ref = useRef<HTMLDialogElement>(null)
  // Unique per dialog: a dialog opened from another dialog is labelled by its own title.
  const titleId = useId()
  const { onClose } = props

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const returnFocus =
      document.activeElement instanceof HTMLElement ? document.activeElement : null
    dialog.showModal()
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    const onCancel = (event: Event) => {
      event.preventDefault()
      onClose()
    }
    dialog.addEventListener('cancel', onCancel)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      dialog.close()
      returnFocus?.focus()
    }
  }, [onClose])

  return (
    <dialog
      ref={ref}
      className={props.wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={titleId}
      // Escape belongs to the dialog: screens behind it (the freight detail) must not see it.
      onKeyDown={(event) => {
        if (event.key === 'Escape') event.stopPropagation()
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </dialog>
  )
}
