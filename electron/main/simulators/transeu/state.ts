/** The Trans.eu simulator's freights, and the list views computed over them. */
import { transeuFirstId } from '../data/generate'
import type { Random } from '../data/random'
import { generateTranseuFreight } from '../data/transeu-freights'
import type { Clock } from '../http/clock'
import { createViewCache } from '../http/views'
import { matches, sortValue, type ListQuery } from './modifiers'
import { lists, type FreightDetail, type ListName } from './shapes'

export interface TranseuFreightStore {
  readonly freights: ReadonlyMap<number, FreightDetail>
  /** The freights of a list that pass the query's filter, in its order (all pages). */
  list(name: ListName, query: ListQuery): readonly FreightDetail[]
  put(freight: FreightDetail): void
  remove(id: number): boolean
  /** A fresh id, above every id so far. */
  nextId(): number
  /** Reference numbers in use. */
  readonly references: Set<string>
  /** Inserts `count` freights created now into a list (at the top of its default order). */
  insertFreights(name: ListName, count: number): FreightDetail[]
}

export function createTranseuFreightStore(options: {
  freights: readonly FreightDetail[]
  clock: Clock
  random: Random
}): TranseuFreightStore {
  const freights = new Map<number, FreightDetail>()
  const references = new Set<string>()
  const views = createViewCache<FreightDetail[]>()
  let lastId = transeuFirstId
  let serial = 900_000

  const put = (freight: FreightDetail) => {
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
        const statuses: readonly string[] = lists[name]
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
      const inserted: FreightDetail[] = []
      for (let i = 0; i < count; i++) {
        const freight = generateTranseuFreight(options.random, {
          anchor: now,
          id: nextId(),
          serial: ++serial,
          status: lists[name][0],
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
