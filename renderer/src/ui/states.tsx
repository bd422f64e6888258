/** The empty, loading and error states of a whole area, each in one sentence and one action. */
import type { ReactNode } from 'react'

export function EmptyState(props: {
  title: string
  children?: ReactNode
  actions?: ReactNode
  /** Accessible name of the region (defaults to the title). */
  label?: string
}) {
  return (
    <div className="state state--empty" role="region" aria-label={props.label ?? props.title}>
      <h2 className="state__title">{props.title}</h2>
      {props.children}
      {props.actions ? <div className="state__actions">{props.actions}</div> : null}
    </div>
  )
}

export function LoadingState(props: { children: ReactNode; inline?: boolean }) {
  return (
    <p
      className={`state state--loading${props.inline ? ' state--inline' : ''}`}
      role="status"
      aria-live="polite"
    >
      {props.children}
    </p>
  )
}

export function ErrorState(props: { children: ReactNode; onRetry?: () => void; inline?: boolean }) {
  return (
    <div className={`state state--error${props.inline ? ' state--inline' : ''}`} role="alert">
      <p>{props.children}</p>
      {props.onRetry ? (
        <div className="state__actions">
          <button type="button" className="button" onClick={props.onRetry}>
            Try again
          </button>
        </div>
      ) : null}
    </div>
  )
}
