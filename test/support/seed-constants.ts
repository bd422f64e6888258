/** Facts of the seeded cache that tests need without loading the cache code (Playwright). */

/** The instants of the two syncs the seeded cache went through. */
export const seedTimes = {
  firstSync: '2026-11-01T08:00:00.000Z',
  /** Between the syncs: a dispatcher who last looked now sees the later freights as new. */
  between: '2026-11-10T08:00:00.000Z',
  laterSync: '2026-11-20T08:00:00.000Z',
} as const

/** The note on every `noteEvery`-th freight, with words worth searching for. */
export function seededNote(index: number): string {
  return `Rampe ${index % 7} — zadzwonić przed załadunkiem, Łódź hub`
}

/** The tag on the same freights. */
export const seededTag = 'pilne'
