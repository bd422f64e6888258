/**
 * List items sent in a form the documentation does not describe, for the `oddItemRate` and
 * `unreadableItemRate` faults: each simulator says how one of its items is bent (read in part) or
 * broken (no usable id); which items are hit is decided by their ids, so every page reading of a
 * run sees the same ones.
 */
import { traitRoll } from '../data/variety'
import type { FaultSettings } from './faults'

export interface ItemTwists<T> {
  /** The item's id, which decides whether it is hit. */
  keyOf: (item: T) => string | number
  /** The item with something undocumented in it; `variant` (0 to 1) picks what. */
  odd: (item: T, variant: number) => unknown
  /** The item without a usable id. */
  unreadable: (item: T) => unknown
}

/** The items as the faults want them sent. */
export function twistItems<T>(
  items: readonly T[],
  settings: Pick<FaultSettings, 'oddItemRate' | 'unreadableItemRate'>,
  twists: ItemTwists<T>,
): unknown[] {
  if (settings.oddItemRate === 0 && settings.unreadableItemRate === 0) return [...items]
  return items.map((item) => {
    const key = twists.keyOf(item)
    if (traitRoll(key, 'unreadable') < settings.unreadableItemRate) return twists.unreadable(item)
    if (traitRoll(key, 'odd') < settings.oddItemRate) {
      return twists.odd(item, traitRoll(key, 'odd-variant'))
    }
    return item
  })
}
