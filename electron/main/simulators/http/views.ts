/**
 * Cached list views for the simulators: filtering and sorting 100,000 items on every page request
 * would make paging quadratic, so a computed view is kept until the collection changes.
 */
export interface ViewCache<T> {
  /** The view for `key`, computed once per version of the collection. */
  get(key: string, compute: () => T): T
  /** The collection changed: forget every view. */
  invalidate(): void
}

export function createViewCache<T>(maxViews = 16): ViewCache<T> {
  const views = new Map<string, T>()
  return {
    get(key, compute) {
      let view = views.get(key)
      if (view === undefined) {
        if (views.size >= maxViews) views.delete(views.keys().next().value as string)
        view = compute()
        views.set(key, view)
      }
      return view
    },
    invalidate() {
      views.clear()
    },
  }
}

/** Items of a 1-based page. */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number): T[] {
  return items.slice((page - 1) * pageSize, page * pageSize)
}

/** Items by id, listed newest first by a creation time stamp, then most recently stored first. */
export interface NewestFirst<T> {
  readonly byId: ReadonlyMap<string, T>
  /** Every item in list order (computed once per change). */
  ordered: () => readonly T[]
  /** Stores a new item or replaces one with the same id (which keeps its place among equals). */
  put: (item: T) => void
  /** False when there was no such item. */
  remove: (id: string) => boolean
}

export function createNewestFirst<T>(
  idOf: (item: T) => string,
  createdAtOf: (item: T) => string,
): NewestFirst<T> {
  const byId = new Map<string, T>()
  /** Storage order, the tie-break among items created in the same instant. */
  const stored = new Map<string, number>()
  const views = createViewCache<T[]>(1)
  let sequence = 0
  return {
    byId,
    ordered: () =>
      views.get('all', () =>
        [...byId.values()].sort((a, b) => {
          const [createdA, createdB] = [createdAtOf(a), createdAtOf(b)]
          if (createdA !== createdB) return createdA < createdB ? 1 : -1
          return (stored.get(idOf(b)) ?? 0) - (stored.get(idOf(a)) ?? 0)
        }),
      ),
    put(item) {
      const id = idOf(item)
      if (!byId.has(id)) stored.set(id, ++sequence)
      byId.set(id, item)
      views.invalidate()
    },
    remove(id) {
      stored.delete(id)
      const removed = byId.delete(id)
      if (removed) views.invalidate()
      return removed
    },
  }
}
