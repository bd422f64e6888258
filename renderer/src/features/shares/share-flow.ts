/**
 * Sharing from the grid: which freights the selection means, whether any of them can be shared
 * at all (so a selection with nothing shareable says so instead of opening a form), and the
 * one-step share that makes a link with the last expiry used and copies it.
 */
import type { Account } from '@shared/domain/account'
import type { Freight } from '@shared/domain/freight'
import { shareExpiryMs } from '@shared/domain/shares'
import { AppErrorException } from '@shared/errors'
import { call, errorMessage } from '../../api/client'
import { useToasts } from '../../app/toast-store'
import { currentFormat } from '../../ui/format'
import { useAccounts } from '../accounts/accounts-store'
import { idsInRange } from '../freights/rows-store'
import { selectedCount, useSelection } from '../freights/selection-store'
import { copyLink } from './share-actions'
import { useShareDialog } from './share-dialog-store'

/** One link shows at most this many freights (the contract's limit). */
export const maxSharedFreights = 100

/** The freights selected in the grid (or the focused row when none is), as ids. */
async function chosenIds(total: number, focusedId: number | null): Promise<number[] | null> {
  const selection = useSelection.getState()
  const count = selectedCount({ all: selection.all, size: selection.ids.size }, total)
  if (count === 0) return focusedId === null ? [] : [focusedId]
  if (count > maxSharedFreights) return null
  if (!selection.all) return [...selection.ids]
  const all = await idsInRange(0, total - 1)
  return all.filter((id) => !selection.ids.has(id))
}

/** The freights of `ids` the cache still has. */
async function loadFreights(ids: readonly number[]): Promise<Freight[]> {
  const loaded = await Promise.allSettled(ids.map((id) => call('freights.get', { id })))
  return loaded.flatMap((each) => (each.status === 'fulfilled' ? [each.value.freight] : []))
}

/** Why nothing of `freights` can be shared, in a sentence; null when something can. */
export function nothingShareable(freights: readonly Freight[]): string | null {
  if (freights.some((freight) => freight.provider === 'spotgo' && !freight.goneAt)) return null
  if (freights.length === 0) return 'These freights are no longer in the offline cache.'
  if (freights.every((freight) => freight.provider === 'transeu')) {
    return 'Nothing here can be shared: Trans.eu offers no share links for freights. Share links exist for SpotGo freights.'
  }
  return 'Nothing here can be shared: only SpotGo freights that SpotGo still lists get share links.'
}

type Chosen = { ids: number[]; freights: Freight[] } | null

/** What the selection means for sharing; says (as a toast) why nothing is to be shared. */
async function chooseForSharing(total: number, focusedId: number | null): Promise<Chosen> {
  const toast = useToasts.getState().show
  const ids = await chosenIds(total, focusedId)
  if (ids === null) {
    toast({
      level: 'warning',
      message: `One link can show at most ${maxSharedFreights} freights. Select fewer and share again.`,
    })
    return null
  }
  if (ids.length === 0) {
    toast({ level: 'info', message: 'Select the freights to share first.' })
    return null
  }
  const freights = await loadFreights(ids)
  const reason = nothingShareable(freights)
  if (reason) {
    toast({ level: 'info', message: reason })
    return null
  }
  return { ids, freights }
}

/** Opens the Share dialog for the selection, unless nothing in it can be shared. */
export async function shareSelection(total: number, focusedId: number | null): Promise<void> {
  const chosen = await chooseForSharing(total, focusedId)
  if (chosen) useShareDialog.getState().open(chosen.ids)
}

function ownerOf(accounts: readonly Account[], accountId: string): string | null {
  const account = accounts.find((each) => each.id === accountId)
  return account?.provider === 'spotgo' ? account.ownerEmail : null
}

/**
 * One step: a link to the selection's SpotGo freights (of the first SpotGo account among them)
 * with the expiry last used, copied at once. A toast says what was shared and until when.
 */
export async function quickShare(total: number, focusedId: number | null): Promise<void> {
  const toast = useToasts.getState().show
  const chosen = await chooseForSharing(total, focusedId)
  if (!chosen) return
  const shareable = chosen.freights.filter((freight) => freight.provider === 'spotgo')
  const accountId = shareable[0]!.accountId
  const included = shareable.filter((freight) => freight.accountId === accountId)
  const ownerEmail = ownerOf(useAccounts.getState().accounts, accountId)
  if (!ownerEmail) {
    // The account's owner is not known here: the dialog asks for it.
    useShareDialog.getState().open(chosen.ids)
    return
  }
  const expiry = useShareDialog.getState().lastExpiry
  try {
    const share = await call('shares.createFreightLink', {
      accountId,
      freightIds: included.map((freight) => freight.id),
      expiry,
      ownerEmail,
    })
    const left = chosen.freights.length - included.length
    const format = currentFormat()
    const what = `${included.length} ${included.length === 1 ? 'freight' : 'freights'}`
    await copyLink(
      { shareId: share.id },
      `Link to ${what} copied: it works until ${format.dateTime(share.expiresAt)} (${format.duration(shareExpiryMs(expiry))}).${left > 0 ? ` ${left} of the selection could not go in this link.` : ''}`,
    )
  } catch (error) {
    const offline = error instanceof AppErrorException && error.code === 'offline'
    toast({
      level: 'error',
      message: offline
        ? 'The link needs SpotGo, and SpotGo cannot be reached right now. Try again when the connection is back.'
        : `No link was made: ${errorMessage(error)}`,
    })
  }
}
