/**
 * The folded keys and the search text a freight row is compared, sorted and searched by: postal
 * codes and places as the filters compare them, and the words of the full-text index with the
 * query that finds them by prefix.
 */
import { type Contact, type NormalizedFreight } from '@shared/domain/freight'
import { foldText } from '@shared/text-fold'

/**
 * Postal codes as compared by the prefix filter: upper case, letters and digits only, and without
 * a leading country prefix written with a dash ("LT-01100" -> "01100", "110 00" -> "11000").
 */
export function postalKey(postalCode: string): string {
  return postalCode
    .toUpperCase()
    .replace(/^[A-Z]{2}-(?=\d)/, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
}

/** Localities and names as compared and sorted: folded, single spaces ("Łódź" -> "lodz"). */
export function textKey(text: string): string {
  return remembered(textKeys, text, () => foldText(text).replace(/\s+/g, ' ').trim())
}

/**
 * Remembers `compute()` for a short `text` in `cache`, which is emptied when it grows past 10,000
 * entries. Places, postal codes, countries and names repeat from freight to freight, and folding
 * them is a good part of what storing a freight costs.
 */
function remembered<T>(cache: Map<string, T>, text: string, compute: () => T): T {
  if (text.length > 64) return compute()
  let value = cache.get(text)
  if (value === undefined) {
    if (cache.size >= 10_000) cache.clear()
    value = compute()
    cache.set(text, value)
  }
  return value
}

const textKeys = new Map<string, string>()
const textTokenLists = new Map<string, readonly string[]>()

/** The fields the search index reads. */
export interface SearchFields {
  reference: string | null
  externalNumber: string | null
  providerId: string
  loading: { country: string; postalCode: string; locality: string }
  unloading: { country: string; postalCode: string; locality: string }
  contacts: readonly Contact[]
}

/** The searchable fields of a normalized freight. */
export function searchFieldsOf(freight: NormalizedFreight): SearchFields {
  return {
    reference: freight.reference,
    externalNumber: freight.externalNumber,
    providerId: freight.providerId,
    loading: freight.loading.place,
    unloading: freight.unloading.place,
    contacts: freight.contacts,
  }
}

/** Words split at white space, commas and semicolons; punctuation inside a word joins its parts. */
const wordSeparators = /[\s,;]+/u
const asciiRuns = /[a-z0-9]+/g
const unicodeRuns = /[\p{L}\p{N}]+/gu
const onlyAscii = /^[\p{ASCII}]*$/u

/** At most this many joined tokens per word (a long dotted or dashed word adds no more). */
const maxJoinsPerWord = 8

/** The letter-and-digit runs of each word of already folded text. */
function foldedWordRuns(folded: string): string[][] {
  const words: string[][] = []
  const runPattern = onlyAscii.test(folded) ? asciiRuns : unicodeRuns
  for (const word of folded.split(wordSeparators)) {
    const runs = word.match(runPattern)
    if (runs) words.push(runs)
  }
  return words
}

/**
 * The tokens a free text adds to the search index: each word's folded letter-and-digit runs, and
 * each run joined with the runs after it ("FR/2026/03/7ABC" -> fr, 2026, 03, 7abc, fr2026037abc,
 * 2026037abc, 037abc), so that a search term written with or without its punctuation, from any
 * part of the word on, is a prefix of one token.
 */
export function textTokens(text: string): readonly string[] {
  return remembered(textTokenLists, text, () => {
    const tokens: string[] = []
    for (const runs of foldedWordRuns(foldText(text))) {
      for (const run of runs) tokens.push(run)
      for (let start = 0; start < runs.length - 1 && start < maxJoinsPerWord; start++) {
        tokens.push(runs.slice(start).join(''))
      }
    }
    return tokens
  })
}

/**
 * The text the search index holds for one freight: references, numbers, both places, contacts,
 * and the dispatcher's note and tags, as tokens separated by single spaces.
 */
export function searchText(
  fields: SearchFields,
  annotation: { note: string; tags: readonly string[] } | null,
): string {
  const parts: Array<string | null | undefined> = [
    fields.reference,
    fields.externalNumber,
    fields.providerId,
    fields.loading.country,
    fields.loading.postalCode,
    fields.loading.locality,
    fields.unloading.country,
    fields.unloading.postalCode,
    fields.unloading.locality,
  ]
  for (const contact of fields.contacts) parts.push(contact.name, contact.phone, contact.email)
  if (annotation) parts.push(annotation.note, ...annotation.tags)
  const tokens: string[] = []
  for (const part of parts) if (part) tokens.push(...textTokens(part))
  return tokens.join(' ')
}

/**
 * The FTS5 query for the dispatcher's words: each word becomes one quoted prefix term of its
 * folded runs written together, and all must match. Quotes, `*`, `-`, `:`, parentheses and
 * operators such as NEAR or OR never reach FTS5 as syntax: only letters and digits do. Null when
 * the text holds no letters or digits.
 */
export function searchQuery(text: string): string | null {
  const terms = foldedWordRuns(foldText(text)).map((runs) => runs.join(''))
  return terms.length > 0 ? [...new Set(terms)].map((term) => `"${term}"*`).join(' AND ') : null
}
