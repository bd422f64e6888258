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
