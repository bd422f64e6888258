/** What the SpotGo simulator holds: the account's freights (newest first) and its share links. */
import type { SpotGoFreight } from '../../providers/spotgo/wire'
import type { Random } from '../data/random'
import { generateSpotGoFreight } from '../data/spotgo-freights'
import type { Clock } from '../http/clock'
import { createViewCache } from '../http/views'

export interface SpotGoShare {
  token: string
  freightIds: string[]
  ownerEmail: string
  createdAt: number
  validUntil: number
}

export interface SpotGoState {
  readonly freights: ReadonlyMap<string, SpotGoFreight>
  /** Share links by token. */
  readonly shares: ReadonlyMap<string, SpotGoShare>
  /** Every freight, newest first (then most recently stored first), as the list serves them. */
  ordered(): readonly SpotGoFreight[]
  /** Stores a new or changed freight. */
  put(freight: SpotGoFreight): void
  /** Removes a freight; false when there was none. */
  remove(id: string): boolean
  addShare(share: SpotGoShare): void
  /** Inserts `count` new active freights, created now, at the top of the list. */
  insertFreights(count: number): SpotGoFreight[]
}

export function createSpotGoState(options: {
  freights: readonly SpotGoFreight[]
  ownerEmail: string
  clock: Clock
  random: Random
}): SpotGoState {
  const freights = new Map<string, SpotGoFreight>()
  /** Storage order, the tie-break among freights created in the same second. */
  const stored = new Map<string, number>()
  const shares = new Map<string, SpotGoShare>()
  const views = createViewCache<SpotGoFreight[]>(1)
  let sequence = 0
  let serial = 10_000 + options.freights.length

  const put = (freight: SpotGoFreight) => {
    if (!freights.has(freight.id)) stored.set(freight.id, ++sequence)
    freights.set(freight.id, freight)
    views.invalidate()
  }
  for (const freight of options.freights) put(freight)

  return {
    freights,
    shares,
    ordered: () =>
      views.get('all', () =>
        [...freights.values()].sort(
          (a, b) =>
            compare(b.createdAt, a.createdAt) || (stored.get(b.id) ?? 0) - (stored.get(a.id) ?? 0),
        ),
      ),
    put,
    remove(id) {
      const removed = freights.delete(id)
      stored.delete(id)
      if (removed) views.invalidate()
      return removed
    },
    addShare(share) {
      shares.set(share.token, share)
    },
    insertFreights(count) {
      const now = options.clock.now()
      const inserted: SpotGoFreight[] = []
      for (let i = 0; i < count; i++) {
        const freight = generateSpotGoFreight(options.random, {
          anchor: now,
          serial: ++serial,
          ownerEmail: options.ownerEmail,
          status: 'Active',
          createdAt: now,
        })
        put(freight)
        inserted.push(freight)
      }
      return inserted
    },
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
