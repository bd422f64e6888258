/**
 * Sets of vocabulary values stored as integer bit masks (bit i = the vocabulary's i-th value), so
 * "any of" filters and truck-body facets work on one integer column. Vocabularies may only grow at
 * their end; 52 values at most (masks stay exact JavaScript numbers).
 */

const maxBits = 52

/** The mask of `values` within `vocabulary`; throws on a value outside it. */
export function maskOf(values: readonly string[], vocabulary: readonly string[]): number {
  if (vocabulary.length > maxBits)
    throw new Error('A bit-set vocabulary may hold 52 values at most')
  let mask = 0
  for (const value of new Set(values)) {
    const bit = vocabulary.indexOf(value)
    if (bit < 0) throw new Error(`"${value}" is not one of the known values`)
    // Arithmetic, not `|`: JavaScript's bitwise operators truncate to 32 bits.
    mask += 2 ** bit
  }
  return mask
}

/** The vocabulary values whose bits are set in `mask`, in vocabulary order. */
export function valuesOf<T extends string>(mask: number, vocabulary: readonly T[]): T[] {
  const values: T[] = []
  let rest = mask
  for (let bit = 0; rest > 0 && bit < vocabulary.length; bit++) {
    if (rest % 2 === 1) values.push(vocabulary[bit]!)
    rest = Math.floor(rest / 2)
  }
  return values
}
