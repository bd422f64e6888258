import { Component, type ErrorInfo, type ReactNode } from 'react'

interface ErrorBoundaryProps {
  /** What failed, for the sentence: "the Shares screen". */
  area: string
  children: ReactNode
  /** Changes when the dispatcher moves on (another screen): the area gets a fresh start. */
  resetKey?: string
}

interface ErrorBoundaryState {
  failed: boolean
  resetKey: string | undefined
}

/**
 * Catches a rendering failure of one area so the rest of the window keeps working: the area says
 * what happened and offers to show it again, or to reload the window.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false, resetKey: this.props.resetKey }

  static getDerivedStateFromError(): Partial<ErrorBoundaryState> {
    return { failed: true }
  }

  static getDerivedStateFromProps(
    props: ErrorBoundaryProps,
    state: ErrorBoundaryState,
  ): Partial<ErrorBoundaryState> | null {
    return props.resetKey !== state.resetKey ? { failed: false, resetKey: props.resetKey } : null
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The console is where a developer looks; the dispatcher sees the sentence below.
    console.error(`${this.props.area} failed to draw`, error, info.componentStack)
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children
    return (
      <div className="state state--error" role="alert">
        <h2 className="state__title">Something went wrong showing {this.props.area}</h2>
        <p>
          Your data is safe: nothing was changed. Show it again, or reload the window if it keeps
          happening.
        </p>
        <div className="state__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => this.setState({ failed: false })}
          >
            Show it again
          </button>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload the window
          </button>
        </div>
      </div>
    )
  }
}
