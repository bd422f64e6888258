/**
 * "New since you last looked". When the grid opens, the time the dispatcher last had it in front
 * of them (kept by main) becomes this session's line: a freight the cache first stored after it,
 * and not yet opened (seen), is marked new. While the grid is on screen, main is told every minute
 * (and when the window is hidden) that the dispatcher is looking, so the next start draws the
 * line at the end of this session. The first start ever marks nothing: everything would be new.
 */
import { create } from 'zustand'
import type { FreightRow } from '@shared/domain/freight-columns'
import type { GridState } from '@shared/grid'
import { call } from '../../api/client'

interface FreshnessStore {
  /** Freights first stored after this instant are new; null marks none. */
  newSince: string | null
  started: boolean
  start: (state: GridState) => void
}

export const useFreshness = create<FreshnessStore>((set, get) => ({
  newSince: null,
  started: false,
  start(state) {
    if (get().started) return
    set({ started: true, newSince: state.lastLookedAt })
  },
}))

/** Whether `row` carries the "new" marker (needs the `firstSeenAt` and `seen` columns). */
export function isNewRow(row: FreightRow, newSince: string | null): boolean {
  if (newSince === null || row.seen === true) return false
  return typeof row.firstSeenAt === 'string' && row.firstSeenAt > newSince
}

const lookIntervalMs = 60_000

/** Tells main the dispatcher is looking, now and every minute while the page is visible. */
export function startLooking(): () => void {
  const look = () => {
    if (document.visibilityState === 'visible') {
      void call('grid.saveState', { looked: true }).catch(() => undefined)
    }
  }
  look()
  const timer = setInterval(look, lookIntervalMs)
  const onVisibility = () => {
    // Leaving counts as having looked until now.
    if (document.visibilityState === 'hidden') {
      void call('grid.saveState', { looked: true }).catch(() => undefined)
    }
  }
  document.addEventListener('visibilitychange', onVisibility)
  return () => {
    clearInterval(timer)
    document.removeEventListener('visibilitychange', onVisibility)
  }
}
