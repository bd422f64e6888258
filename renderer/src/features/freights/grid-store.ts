/**
 * The grid's one source of truth for what is shown: the open tab (all freights or a saved view),
 * its filters and sort (a `ViewQuery`, exactly what a saved view stores) and its column layout.
 * Unsaved edits of the other tabs are kept while the app runs; the open tab's state is written to
 * main (`grid.saveState`) so a reload or restart opens the grid as it was left.
 */
import { create } from 'zustand'
import type { SortKey } from '@shared/domain/freight-query'
import type { ColumnLayout, SavedView } from '@shared/domain/saved-view'
import type { WorkingView } from '@shared/grid'
import { call } from '../../api/client'
import {
  completeLayout,
  defaultQuery,
  initialLayout,
  sameLayout,
  sameQuery,
  type ViewQuery,
} from './query-state'

interface Draft {
  query: ViewQuery
  layout: ColumnLayout
}

const allTab = 'all'
const tabKey = (viewId: number | null) => (viewId === null ? allTab : String(viewId))

export interface GridStore {
  /** False until views and the remembered state arrived. */
  ready: boolean
  views: SavedView[]
  /** The open saved view; null for "All freights". */
  viewId: number | null
  query: ViewQuery
  layout: ColumnLayout
  drafts: Record<string, Draft>
  /** Applies a change to the filters or sort of the open tab. */
  updateQuery: (recipe: (query: ViewQuery) => ViewQuery) => void
  setSort: (sort: SortKey[]) => void
  setLayout: (layout: ColumnLayout) => void
  /** Starts from what main remembered; falls back to all freights when the view is gone. */
  restore: (views: SavedView[], working: WorkingView | null) => void
  openTab: (viewId: number | null) => void
  /** Forgets the open tab's unsaved edits. */
  revert: () => void
  setViews: (views: SavedView[]) => void
  /** After a save: the view becomes the open tab, unmodified. */
  opened: (view: SavedView) => void
}

export function baselineOf(views: readonly SavedView[], viewId: number | null): Draft {
  const view = viewId === null ? undefined : views.find((each) => each.id === viewId)
  return view
    ? { query: view.query, layout: completeLayout(view.layout) }
    : { query: defaultQuery(), layout: initialLayout() }
}

export const useGrid = create<GridStore>((set, get) => ({
  ready: false,
  views: [],
  viewId: null,
  query: defaultQuery(),
  layout: initialLayout(),
  drafts: {},

  updateQuery(recipe) {
    set({ query: recipe(get().query) })
  },
  setSort(sort) {
    set({ query: { ...get().query, sort } })
  },
  setLayout(layout) {
    set({ layout })
  },

  restore(views, working) {
    const viewId =
      working?.viewId != null && views.some((view) => view.id === working.viewId)
        ? working.viewId
        : null
    const base = baselineOf(views, viewId)
    const sameTab = working !== null && working.viewId === viewId
    set({
      ready: true,
      views,
      viewId,
      query: sameTab ? working.query : base.query,
      layout: sameTab ? completeLayout(working.layout) : base.layout,
      drafts: {},
    })
  },

  openTab(viewId) {
    const state = get()
    if (viewId === state.viewId) return
    const drafts = { ...state.drafts }
    const leaving = baselineOf(state.views, state.viewId)
    if (sameQuery(leaving.query, state.query) && sameLayout(leaving.layout, state.layout)) {
      delete drafts[tabKey(state.viewId)]
    } else {
      drafts[tabKey(state.viewId)] = { query: state.query, layout: state.layout }
    }
    const next = drafts[tabKey(viewId)] ?? baselineOf(state.views, viewId)
    delete drafts[tabKey(viewId)]
    set({ viewId, query: next.query, layout: next.layout, drafts })
  },

  revert() {
    const base = baselineOf(get().views, get().viewId)
    set({ query: base.query, layout: base.layout })
  },

  setViews(views) {
    const state = get()
    const drafts = Object.fromEntries(
      Object.entries(state.drafts).filter(
        ([key]) => key === allTab || views.some((view) => String(view.id) === key),
      ),
    )
    if (state.viewId !== null && !views.some((view) => view.id === state.viewId)) {
      const base = baselineOf(views, null)
      set({ views, drafts, viewId: null, query: base.query, layout: base.layout })
      return
    }
    set({ views, drafts })
  },

  opened(view) {
    const views = get().views.some((each) => each.id === view.id)
      ? get().views.map((each) => (each.id === view.id ? view : each))
      : [...get().views, view]
    set({ views, viewId: view.id, query: view.query, layout: completeLayout(view.layout) })
  },
}))

/** Whether the open tab differs from its saved form (or, for all freights, from the defaults). */
export function isModified(state: Pick<GridStore, 'views' | 'viewId' | 'query' | 'layout'>) {
  const base = baselineOf(state.views, state.viewId)
  return !sameQuery(base.query, state.query) || !sameLayout(base.layout, state.layout)
}

const persistDelayMs = 400
let persistTimer: ReturnType<typeof setTimeout> | null = null
let persisting = false

function persistNow(): void {
  if (persistTimer) clearTimeout(persistTimer)
  persistTimer = null
  const { viewId, query, layout } = useGrid.getState()
  // Best effort: a failed write only means the next start opens the previous state.
  void call('grid.saveState', { working: { viewId, query, layout } }).catch(() => undefined)
}

/**
 * Writes the open tab's state to main whenever it changes: at once when another tab opens, a
 * moment after the last edit while filters are being typed. Started once; returns the stop
 * function.
 */
export function startGridPersistence(): () => void {
  if (persisting) return () => undefined
  persisting = true
  const unsubscribe = useGrid.subscribe((state, previous) => {
    if (!state.ready || !previous.ready) return
    if (state.viewId !== previous.viewId) {
      persistNow()
      return
    }
    if (state.query === previous.query && state.layout === previous.layout) return
    if (persistTimer) clearTimeout(persistTimer)
    persistTimer = setTimeout(persistNow, persistDelayMs)
  })
  const flush = () => {
    if (persistTimer) persistNow()
  }
  window.addEventListener('pagehide', flush)
  return () => {
    unsubscribe()
    window.removeEventListener('pagehide', flush)
    persisting = false
  }
}
