/** What the SpotGo simulator holds: the account's freights (newest first) and its share links. */
import type { Random } from '../data/random'
import { generateSpotGoFreight } from '../data/spotgo-freights'
import type { Clock } from '../http/clock'
import { createNewestFirst } from '../http/views'
import type { Freight } from './shapes'

export interface SpotGoShare {
  token: string
  freightIds: string[]
  ownerEmail: string
  createdAt: number
  validUntil: number
}

export interface SpotGoState {
  readonly freights: ReadonlyMap<string, Freight>
  /** Share links by token. */
  readonly shares: ReadonlyMap<string, SpotGoShare>
  /** Every freight, newest first (then most recently stored first), as the list serves them. */
  ordered(): readonly Freight[]
  /** Stores a new or changed freight. */
  put(freight: Freight): void
  /** Removes a freight; false when there was none. */
  remove(id: string): boolean
  addShare(share: SpotGoShare): void
  /** Inserts `count` new active freights, created now, at the top of the list. */
  insertFreights(count: number): Freight[]
}

export function createSpotGoState(options: {
  freights: readonly Freight[]
  ownerEmail: string
  clock: Clock
  random: Random
}): SpotGoState {
  const freights = createNewestFirst<Freight>(
    (freight) => freight.id,
    (freight) => freight.createdAt,
  )
  const shares = new Map<string, SpotGoShare>()
  let serial = 10_000 + options.freights.length
  for (const freight of options.freights) freights.put(freight)

  return {
    freights: freights.byId,
    shares,
    ordered: freights.ordered,
    put: freights.put,
    remove: freights.remove,
    addShare(share) {
      shares.set(share.token, share)
    },
    insertFreights(count) {
      const now = options.clock.now()
      const inserted: Freight[] = []
      for (let i = 0; i < count; i++) {
        const freight = generateSpotGoFreight(options.random, {
          anchor: now,
          serial: ++serial,
          ownerEmail: options.ownerEmail,
          status: 'Active',
          createdAt: now,
        })
        freights.put(freight)
        inserted.push(freight)
      }
      return inserted
    },
  }
}
