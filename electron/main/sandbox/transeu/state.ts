/** The Trans.eu simulator's freights, and the list views computed over them. */
import {
  transeuLists,
  type TranseuFreightDetail,
  type TranseuListName,
} from '../../providers/transeu/wire'
import { transeuFirstId } from '../data/generate'
import type { Random } from '../data/random'
import { generateTranseuFreight } from '../data/transeu-freights'
import type { Clock } from '../http/clock'
import { createViewCache } from '../http/views'
import { matches, sortValue, type ListQuery } from './modifiers'

export interface TranseuFreightStore {
  readonly freights: ReadonlyMap<number, TranseuFreightDetail>
  /** The freights of a list that pass the query's filter, in its order (all pages). */
  list(name: TranseuListName, query: ListQuery): readonly TranseuFreightDetail[]
  put(freight: TranseuFreightDetail): void
  remove(id: number): boolean
  /** A fresh id, above every id so far. */
  nextId(): number
  /** Reference numbers in use. */
  readonly references: Set<string>
  /** Inserts `count` freights created now into a list (at the top of its default order). */
  insertFreights(name: TranseuListName, count: number): TranseuFreightDetail[]
}

export function createTranseuFreightStore(options: {
  freights: readonly TranseuFreightDetail[]
  clock: Clock
  random: Random
}): TranseuFreightStore {
  const freights = new Map<number, TranseuFreightDetail>()
  const references = new Set<string>()
  const views = createViewCache<TranseuFreightDetail[]>()
  let lastId = transeuFirstId
  let serial = 900_000

  const put = (freight: TranseuFreightDetail) => {
    freights.set(freight.id, freight)
    references.add(freight.reference_number)
    lastId = Math.max(lastId, freight.id)
    views.invalidate()
  }
  for (const freight of options.freights) put(freight)
  const nextId = () => lastId + 1

  return {
    freights,
    references,
    put,
    nextId,
    remove(id) {
      const removed = freights.delete(id)
      if (removed) views.invalidate()
      return removed
    },
    list(name, query) {
      const key = JSON.stringify([name, query.filter, query.sortBy, query.order, query.search])
      return views.get(key, () => {
        const statuses: readonly string[] = transeuLists[name]
        const direction = query.order === 'asc' ? 1 : -1
        return [...freights.values()]
          .filter((freight) => statuses.includes(freight.status) && matches(freight, query))
          .map((freight) => ({ freight, value: sortValue(freight, query.sortBy) }))
          .sort(
            (a, b) =>
              direction *
              ((a.value < b.value ? -1 : a.value > b.value ? 1 : 0) || a.freight.id - b.freight.id),
          )
          .map(({ freight }) => freight)
      })
    },
    insertFreights(name, count) {
      const now = options.clock.now()
      const inserted: TranseuFreightDetail[] = []
      for (let i = 0; i < count; i++) {
        const freight = generateTranseuFreight(options.random, {
          anchor: now,
          id: nextId(),
          serial: ++serial,
          status: transeuLists[name][0],
          createdAt: now,
          usedReferences: references,
        })
        put(freight)
        inserted.push(freight)
      }
      return inserted
    },
  }
}
