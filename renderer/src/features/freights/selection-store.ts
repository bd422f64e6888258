/**
 * Keyboard focus and selection in the grid. The focus is a row index (rows are fetched lazily, so
 * an index is what exists for every row); the selection is a set of freight ids, or "every row of
 * the view" minus some ids after Ctrl/Cmd+A, so selecting 100,000 rows needs no 100,000 ids.
 */
import { create } from 'zustand'
import { idsInRange } from './rows-store'

export interface SelectionStore {
  focusIndex: number
  /** Where a Shift range starts. */
  anchorIndex: number
  /** True after "select all": every row of the view is selected except `ids`. */
  all: boolean
  ids: ReadonlySet<number>
  focus: (index: number) => void
  /** Click or Space: only this row (`toggle`: add or remove it, keeping the others). */
  select: (index: number, id: number, mode: 'only' | 'toggle') => void
  /** Shift: the rows between the anchor and `index`, replacing the selection. */
  extendTo: (index: number) => Promise<void>
  selectAll: () => void
  clear: () => void
  /** A new query: nothing selected, focus on the first row. */
  reset: () => void
}

let extendRequest = 0

export const useSelection = create<SelectionStore>((set, get) => ({
  focusIndex: 0,
  anchorIndex: 0,
  all: false,
  ids: new Set<number>(),

  focus(index) {
    set({ focusIndex: Math.max(0, index) })
  },

  select(index, id, mode) {
    const state = get()
    if (mode === 'only') {
      set({ focusIndex: index, anchorIndex: index, all: false, ids: new Set([id]) })
      return
    }
    const ids = new Set(state.ids)
    // In "all" mode the set lists exclusions, so toggling works the same way on both.
    if (ids.has(id)) ids.delete(id)
    else ids.add(id)
    set({ focusIndex: index, anchorIndex: index, ids })
  },

  async extendTo(index) {
    const request = ++extendRequest
    const { anchorIndex } = get()
    set({ focusIndex: index })
    const ids = await idsInRange(Math.min(anchorIndex, index), Math.max(anchorIndex, index))
    // A later Shift move or a new query wins over this one.
    if (request !== extendRequest) return
    set({ all: false, ids: new Set(ids) })
  },

  selectAll() {
    extendRequest++
    set({ all: true, ids: new Set() })
  },

  clear() {
    extendRequest++
    set({ all: false, ids: new Set() })
  },

  reset() {
    extendRequest++
    set({ focusIndex: 0, anchorIndex: 0, all: false, ids: new Set() })
  },
}))

export function isSelected(state: Pick<SelectionStore, 'all' | 'ids'>, id: number): boolean {
  return state.all ? !state.ids.has(id) : state.ids.has(id)
}

/** How many rows are selected, given the view's total (`size`: how many ids the set holds). */
export function selectedCount(state: { all: boolean; size: number }, total: number): number {
  return state.all ? Math.max(0, total - state.size) : state.size
}
