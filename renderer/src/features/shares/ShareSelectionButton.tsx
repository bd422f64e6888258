import { useCallback, useEffect } from 'react'
import { useToasts } from '../../app/toast-store'
import { hasModKey } from '../freights/labels'
import { idsInRange } from '../freights/rows-store'
import { selectedCount, useSelection } from '../freights/selection-store'
import { useShareDialog } from './share-dialog-store'

const isMac = navigator.userAgent.includes('Mac')
/** One link shows at most this many freights (the contract's limit). */
const maxFreights = 100

/** The freights selected in the grid (or the focused row when none is), as ids. */
async function chosenIds(total: number, focusedId: number | null): Promise<number[] | null> {
  const selection = useSelection.getState()
  const count = selectedCount({ all: selection.all, size: selection.ids.size }, total)
  if (count === 0) return focusedId === null ? [] : [focusedId]
  if (count > maxFreights) return null
  if (!selection.all) return [...selection.ids]
  const all = await idsInRange(0, total - 1)
  return all.filter((id) => !selection.ids.has(id))
}

/**
 * The grid toolbar's Share button and its shortcut (Ctrl/Cmd+Shift+S): opens the Share dialog
 * for the selected freights, or the focused one when nothing is selected.
 */
export function ShareSelectionButton(props: {
  total: number
  focusedId: () => number | null
  disabled: boolean
}) {
  const { total, focusedId, disabled } = props
  const open = useShareDialog((state) => state.open)

  const share = useCallback(async () => {
    const ids = await chosenIds(total, focusedId())
    if (ids === null) {
      useToasts.getState().show({
        level: 'warning',
        message: `One link can show at most ${maxFreights} freights. Select fewer and share again.`,
      })
      return
    }
    if (ids.length === 0) {
      useToasts.getState().show({ level: 'info', message: 'Select the freights to share first.' })
      return
    }
    open(ids)
  }, [total, focusedId, open])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!hasModKey(event) || !event.shiftKey || event.altKey) return
      if (event.key.toLowerCase() !== 's' || disabled) return
      event.preventDefault()
      void share()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [share, disabled])

  return (
    <button
      type="button"
      className="toolbar-button"
      disabled={disabled}
      aria-keyshortcuts={isMac ? 'Meta+Shift+S' : 'Control+Shift+S'}
      title={`Share a link to the selected freights (${isMac ? '⌘⇧S' : 'Ctrl+Shift+S'})`}
      onClick={() => void share()}
    >
      Share…
    </button>
  )
}
