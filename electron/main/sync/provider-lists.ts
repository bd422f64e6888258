/**
 * What a sync reads of each provider: its freight lists, in lifecycle order with their share of
 * the pages in flight, and one freight read again by id.
 */
import type { NormalizedFreight } from '@shared/domain/freight'
import type { SyncList } from '@shared/domain/sync'
import { isProviderError } from '../providers/errors'
import type { PageRun } from '../providers/paging'
import type { AccountClient } from '../services/accounts/provider-gateway'

export type ListSource = {
  list: SyncList
  /** Its part of the account's pages in flight, against the other lists still being read. */
  weight: number
  pages: (signal: AbortSignal, lookahead: () => number) => PageRun<NormalizedFreight>
}

/**
 * Page 1 is not read a second time after the last page: a list that shifts while it is read
 * shows it by an item met twice, a freight it hid is checked one by one before anything is
 * marked gone (`verifyUnseen`), and one added at the top arrives with the next sync.
 */
const once = { recheckFirstPage: false }

export function listsOf(handle: AccountClient): ListSource[] {
  switch (handle.provider) {
    case 'spotgo':
      return [
        {
          list: 'spotgo',
          weight: 1,
          pages: (signal, ahead) =>
            handle.client.freights({ lookahead: ahead, signal, pageSize: 100, ...once }),
        },
      ]
    case 'transeu':
      // Lifecycle order (active, accepted, archived): a freight moves only forward through
      // these lists. They are read at once; a freight met in two of them (it moved on during
      // the run) keeps the state of the later list (see `storePage`). The active list, what a
      // dispatcher works on, gets twice the pages in flight of the others: it fills first, and
      // the short lists end with few speculative pages past them.
      return (
        [
          ['active', 'freights', 2],
          ['accepted', 'accepted', 1],
          ['archive', 'archive', 1],
        ] as const
      ).map(([list, name, weight]) => ({
        list,
        weight,
        pages: (signal: AbortSignal, ahead: () => number) =>
          handle.client.freights(name, {}, { lookahead: ahead, signal, ...once }),
      }))
    case 'crego':
      return []
  }
}

/** Fetches one freight again: the freight, or null when the provider says it is gone. */
export async function fetchOne(
  handle: AccountClient,
  providerId: string,
  signal: AbortSignal,
): Promise<NormalizedFreight | null> {
  try {
    if (handle.provider === 'spotgo') return await handle.client.get(providerId, signal)
    if (handle.provider === 'transeu') return await handle.client.detail(providerId, signal)
    return null
  } catch (error) {
    if (isProviderError(error) && (error.kind === 'not_found' || error.kind === 'gone')) {
      return null
    }
    throw error
  }
}
