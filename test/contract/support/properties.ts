/**
 * The properties every provider's reader must keep on variants of its documented examples: it
 * never throws and never refuses an item whose floor is intact; it keeps the payload whole; every
 * value it read before it still reads (a number sent as text included); and every change the
 * documentation does not allow is reported at its field.
 */
import { expect } from 'vitest'
import { pathText, touches, type Mutation, type Variant } from './variants'

export interface Reading<T> {
  item: T
  oddities: string[]
  raw: unknown
}

export interface ReaderRules<T> {
  /** Paths (patterns, `[*]` for any index) the documentation shows as null. */
  nullable: string[]
  /** Paths (patterns) the documentation shows missing from some items. */
  optional: string[]
  /** The values read, each with the documented fields it is read from. */
  reads: Array<{ name: string; from: string[]; get: (item: T) => unknown }>
}

/** `contact_employees[0].name` -> `contact_employees[*].name` */
function pattern(path: string): string {
  return path.replace(/\[\d+\]/g, '[*]')
}

/** Whether the documentation allows what `mutation` did (null or missing where it may be). */
function documentedChange<T>(mutation: Mutation, rules: ReaderRules<T>): boolean {
  const at = pattern(pathText(mutation.path))
  if (mutation.kind === 'nulled') return rules.nullable.includes(at)
  if (mutation.kind === 'dropped') return rules.optional.includes(at)
  return false
}

/** Checks one variant's reading against the reading of the example it was made from. */
export function checkVariant<T>(
  variant: Variant,
  reading: Reading<T>,
  original: T,
  rules: ReaderRules<T>,
): void {
  const where = JSON.stringify(variant.mutations)
  expect(reading.raw, `the payload is kept whole (${where})`).toBe(variant.value)
  const oddPaths = reading.oddities.map((line) => line.slice(0, line.indexOf(':')))

  for (const mutation of variant.mutations) {
    const path = pathText(mutation.path)
    const reported = oddPaths.some((odd) => touches(odd, path))
    if (documentedChange(mutation, rules)) continue
    if (mutation.kind === 'number_as_text') {
      expect(
        reading.oddities.some((line) => line.startsWith(`${path}: a number sent as text`)),
        `${path} sent as text is read and reported (${where})`,
      ).toBe(true)
    } else {
      expect(
        reported,
        `${mutation.kind} at ${path} is reported (${where}): ${reading.oddities.join(' | ')}`,
      ).toBe(true)
    }
  }

  // Every value read from fields the variant left as documented (or sent as text) is still read.
  for (const read of rules.reads) {
    const changed = variant.mutations.some(
      (mutation) =>
        mutation.kind !== 'number_as_text' &&
        mutation.kind !== 'extra_key' &&
        read.from.some((from) => touches(pattern(pathText(mutation.path)), from)),
    )
    if (changed) continue
    expect(read.get(reading.item), `${read.name} is read as before (${where})`).toEqual(
      read.get(original),
    )
  }
}
