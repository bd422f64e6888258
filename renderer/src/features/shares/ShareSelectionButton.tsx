import { acceleratorLabel, ariaKeyShortcut, primaryKey } from '@shared/commands'
import { isMac, useCommand } from '../../app/commands'
import { quickShare, shareSelection } from './share-flow'

/**
 * The grid toolbar's Share button and the share commands: the dialog for the selection
 * (Ctrl/Cmd+Shift+S), or a link made and copied at once with the last expiry (Ctrl/Cmd+Shift+L).
 * A selection with nothing shareable is told so, without a form.
 */
export function ShareSelectionButton(props: {
  total: number
  focusedId: () => number | null
  disabled: boolean
}) {
  const { total, focusedId, disabled } = props
  const dialogKey = primaryKey('share.dialog')
  const quickKey = primaryKey('share.quick')
  useCommand('share.dialog', () => void shareSelection(total, focusedId()), !disabled)
  useCommand('share.quick', () => void quickShare(total, focusedId()), !disabled)

  return (
    <button
      type="button"
      className="button"
      disabled={disabled}
      aria-keyshortcuts={ariaKeyShortcut(dialogKey, isMac)}
      title={`Share a link to the selected freights (${acceleratorLabel(dialogKey, isMac)}); make and copy one at once with ${acceleratorLabel(quickKey, isMac)}`}
      onClick={() => void shareSelection(total, focusedId())}
    >
      Share…
    </button>
  )
}
