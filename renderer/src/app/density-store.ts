/**
 * Row density: compact (the default, about 28 px rows) or comfortable. Remembered in this
 * window's storage; the tokens (styles/tokens.css) follow `data-density` on <html>.
 */
import { create } from 'zustand'

export type Density = 'compact' | 'comfortable'

const storageKey = 'freightdesk.density'

function stored(): Density {
  try {
    return localStorage.getItem(storageKey) === 'comfortable' ? 'comfortable' : 'compact'
  } catch {
    return 'compact'
  }
}

interface DensityStore {
  density: Density
  set: (density: Density) => void
}

export const useDensity = create<DensityStore>((set) => ({
  density: stored(),
  set(density) {
    try {
      localStorage.setItem(storageKey, density)
    } catch {
      // Storage may be off; the choice still holds for this window.
    }
    set({ density })
  },
}))

/** The row height of a density, in CSS pixels (the grid positions rows by it). */
export function rowHeightOf(density: Density): number {
  return density === 'comfortable' ? 36 : 28
}
