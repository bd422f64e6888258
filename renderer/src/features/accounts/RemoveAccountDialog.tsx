import { useState } from 'react'
import { providerLabels, type Account } from '@shared/domain/account'
import { call, errorMessage } from '../../api/client'
import { useToasts } from '../../app/toast-store'
import { Dialog } from '../../ui/Dialog'

/** Confirms removing an account, and asks whether its cached freights go too. */
export function RemoveAccountDialog(props: { account: Account; onClose: () => void }) {
  const { account } = props
  const [removeFreights, setRemoveFreights] = useState(false)
  const [removing, setRemoving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const show = useToasts((state) => state.show)
  const count = account.cachedFreights

  async function remove() {
    setRemoving(true)
    setError(null)
    try {
      const result = await call('accounts.remove', {
        id: account.id,
        removeCachedFreights: removeFreights,
      })
      props.onClose()
      show({
        level: 'info',
        message:
          result.removedFreights > 0
            ? `Removed ${account.name} and ${result.removedFreights} cached freights.`
            : `Removed ${account.name}.`,
      })
    } catch (caught) {
      setError(errorMessage(caught))
      setRemoving(false)
    }
  }

  return (
    <Dialog title={`Remove ${account.name}?`} onClose={props.onClose}>
      <p>
        Freightdesk forgets this {providerLabels[account.provider]} account and deletes its
        credentials from the system keychain. Nothing changes on {providerLabels[account.provider]}{' '}
        itself.
      </p>
      {account.provider !== 'crego' ? (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={removeFreights}
            onChange={(event) => setRemoveFreights(event.target.checked)}
          />
          {count === 0
            ? 'Also remove its cached freights (none are cached now)'
            : `Also remove its ${count} cached freight${count === 1 ? '' : 's'} from this computer`}
        </label>
      ) : null}
      {account.provider !== 'crego' && !removeFreights && count > 0 ? (
        <p className="field__hint">
          Kept freights stay available for offline review but are no longer synced.
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={props.onClose} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={removing}
          onClick={() => void remove()}
        >
          {removing ? 'Removing…' : 'Remove account'}
        </button>
      </div>
    </Dialog>
  )
}
