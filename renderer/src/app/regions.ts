/**
 * The window's areas for F6: each area is an element marked `data-region`, in page order; the
 * sidebar, the filters, the grid and the detail on the freights screen. F6 moves the focus to the
 * next area's own target (`data-region-target` inside it, else the area itself), Shift+F6 back.
 */

function regions(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-region]')].filter(
    (region) => region.getClientRects().length > 0,
  )
}

function targetOf(region: HTMLElement): HTMLElement {
  return region.querySelector<HTMLElement>('[data-region-target]') ?? region
}

/** Moves the focus to the next (or previous) area. */
export function focusNextRegion(step: 1 | -1): void {
  const all = regions()
  if (all.length === 0) return
  const active = document.activeElement
  const current = all.findIndex((region) => region.contains(active))
  const next =
    current < 0 ? (step === 1 ? 0 : all.length - 1) : (current + step + all.length) % all.length
  targetOf(all[next]!).focus()
}
