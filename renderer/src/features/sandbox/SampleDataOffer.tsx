import { useNavigation } from '../../app/navigation-store'
import { useSandbox } from './sandbox-store'

/**
 * The first-run empty state: no account yet, so offer the sample data (the built-in simulators)
 * next to adding a real account.
 */
export function SampleDataOffer(props: { onAddAccount?: () => void }) {
  const busy = useSandbox((state) => state.busy)
  const error = useSandbox((state) => state.error)
  const go = useNavigation((state) => state.go)
  const addAccount = props.onAddAccount ?? (() => go('accounts', 'add-account'))
  const starting = busy === 'start'
  return (
    <div className="sample-offer" role="region" aria-label="Get started">
      <h2>No accounts yet</h2>
      <p>
        Add your SpotGo, Trans.eu or Crego account, or try Freightdesk with sample data: built-in
        stand-ins for the three providers with a few thousand freights and a few hundred documents.
        Nothing leaves this computer, and the sample data can be removed in one step.
      </p>
      <div className="sample-offer__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={starting}
          onClick={() => void useSandbox.getState().start()}
        >
          {starting ? 'Starting sample data…' : 'Try with sample data'}
        </button>
        <button type="button" className="button" onClick={addAccount} disabled={starting}>
          Add account
        </button>
      </div>
      {starting && (
        <p role="status" className="sample-offer__progress">
          <progress aria-label="Starting sample data" /> Starting the sample providers and signing
          in…
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** The "Sample data" badge shown next to everything that belongs to sandbox accounts. */
export function SampleDataBadge() {
  return (
    <span className="badge" title="Sample data from the built-in provider simulators">
      Sample data
    </span>
  )
}
