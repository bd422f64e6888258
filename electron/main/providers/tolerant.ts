/**
 * Tolerant reading of provider answers. A wire shape says what the provider documents; reading an
 * answer with it fails only on the fields a shape leaves strict (the floor: what the app cannot do
 * without, such as a freight's id). Every other field is read through these helpers:
 *
 * - a value that does not match its documented shape reads as unknown (`undefined`), and an
 *   oddity names the field and why;
 * - a number sent as text ("12.5") reads as the number, and an oddity says so;
 * - a member of a documented enumeration that the documentation does not name reads as unknown,
 *   and the oddity shows the value it had;
 * - a key the documentation does not name is left out of the value (the raw payload keeps it)
 *   and reported.
 *
 * Parsing leaves markers where these happen; `readTolerant` settles them into plain values plus
 * the list of oddities, so that a shape's output type is simply "the documented type, or
 * undefined where it could not be read".
 */
import { z } from 'zod'

/** Something a reading noticed about one field: where (`publication.price.value`) and what. */
export interface Oddity {
  path: string
  reason: string
}

/** A field whose value could not be read; the field reads as unknown. */
class Unreadable {
  constructor(readonly reason: string) {}
}

/** A value that was read, with a note (a number sent as text). */
class Noted {
  constructor(
    readonly value: unknown,
    readonly reason: string,
  ) {}
}

/** A key the documentation does not name. */
class Undocumented {}
const undocumented = new Undocumented()

/** Longest text of a value shown in a reason. */
const shownLength = 40

/** A short, safe picture of a value for a reason: kinds for structures, text for short words. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  switch (typeof value) {
    case 'string':
      return value.length > shownLength
        ? `text ${JSON.stringify(`${value.slice(0, shownLength)}…`)}`
        : `text ${JSON.stringify(value)}`
    case 'number':
    case 'boolean':
      return String(value)
    case 'object':
      return 'an object'
    default:
      return typeof value
  }
}

function reasonOf(value: unknown, error: z.ZodError): string {
  if (value === undefined) return 'missing'
  const issue = error.issues[0]
  if (!issue) return `not as documented: ${describeValue(value)}`
  const where = issue.path.length > 0 ? ` at ${pathText(issue.path)}` : ''
  return `${issueReason(issue, valueAt(value, issue.path))}${where}`
}

/** Why one value broke one rule, in words, showing short values only. */
function issueReason(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined) return 'missing'
  switch (issue.code) {
    case 'invalid_value':
      return `unknown value ${describeValue(value)}`
    case 'invalid_type':
      return `expected ${article(issue.expected)}, got ${describeValue(value)}`
    case 'invalid_format':
      return issue.format === 'regex'
        ? `not in the documented form: ${describeValue(value)}`
        : `not a valid ${issue.format}: ${describeValue(value)}`
    case 'too_small':
    case 'too_big':
      return `out of range: ${describeValue(value)}`
    case 'invalid_union': {
      // Each alternative failed: say what the first one wanted.
      const first = issue.errors[0]?.[0]
      return first ? issueReason(first, value) : `not as documented: ${describeValue(value)}`
    }
    case 'custom':
      return `${issue.message || 'not as documented'}: ${describeValue(value)}`
    default:
      return `not as documented: ${describeValue(value)}`
  }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<PropertyKey, unknown>)[key]
  }
  return at
}

/**
 * Why a strict reading of `raw` failed, one line per broken field (`loading.place.country:
 * missing`), at most `max` lines.
 */
export function failureReasons(error: z.ZodError, raw: unknown, max = 5): string[] {
  const lines = error.issues
    .slice(0, max)
    .map((issue) => `${pathText(issue.path)}: ${issueReason(issue, valueAt(raw, issue.path))}`)
  if (error.issues.length > max) lines.push(`and ${error.issues.length - max} more`)
  return lines
}

function article(expected: string): string {
  return expected === 'int'
    ? 'a whole number'
    : /^[aeiou]/.test(expected)
      ? `an ${expected}`
      : `a ${expected}`
}

/** The output of a tolerant field: the documented value, or undefined when it could not be read. */
export type Tolerant<S extends z.ZodType> = z.ZodType<z.output<S> | undefined, unknown>

/**
 * A field read as documented by `schema`, or unknown. A missing key reads as unknown too unless
 * `schema` allows it (`.optional()`), in which case nothing is noted.
 */
export function tolerant<S extends z.ZodType>(schema: S): Tolerant<S> {
  return readOrRescue(schema, () => undefined)
}

const decimalText = /^\s*-?\d+(?:\.\d+)?\s*$/

/**
 * A number as documented by `schema` (with its range, nullability, optionality), also when it
 * was sent as text: `"12.5"` reads as 12.5 and is noted. Anything else reads as unknown.
 */
export function tolerantNumber<S extends z.ZodType>(schema: S): Tolerant<S> {
  return readOrRescue(schema, (value) => {
    if (typeof value !== 'string' || !decimalText.test(value)) return undefined
    const asNumber = schema.safeParse(Number(value))
    return asNumber.success
      ? new Noted(asNumber.data, `a number sent as text (${describeValue(value)})`)
      : undefined
  })
}

/** `schema`'s reading; when it fails, `rescue`'s (a noted value), or else unknown. */
function readOrRescue<S extends z.ZodType>(
  schema: S,
  rescue: (value: unknown) => Noted | undefined,
): Tolerant<S> {
  return z
    .unknown()
    .optional()
    .transform((value) => {
      const read = schema.safeParse(value)
      if (read.success) return read.data
      return rescue(value) ?? new Unreadable(reasonOf(value, read.error))
    }) as unknown as Tolerant<S>
}

/**
 * An object with the documented keys of `shape`. Keys the documentation does not name are left
 * out and reported (the raw payload keeps them).
 */
export function documented<Shape extends z.ZodRawShape>(
  shape: Shape,
): z.ZodObject<Shape, z.core.$strip> {
  // Typed as the plain object: the markers it leaves for unknown keys never reach a reader.
  return z.object(shape).catchall(z.unknown().transform(() => undocumented))
}

/** Every key of `shape` made optional: for answers that hold only the fields asked for. */
export function selectable<Shape extends z.ZodRawShape>(
  shape: Shape,
): { [K in keyof Shape]: z.ZodOptional<Shape[K]> } {
  return Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [key, (schema as z.ZodType).optional()]),
  ) as unknown as { [K in keyof Shape]: z.ZodOptional<Shape[K]> }
}

export type TolerantReading<T> =
  { ok: true; value: T; oddities: Oddity[] } | { ok: false; error: z.ZodError }

/**
 * Reads `raw` with a shape built from these helpers. Fails only where the shape is strict (the
 * floor); everything else comes back as the documented value or undefined, with the oddities.
 */
export function readTolerant<S extends z.ZodType>(
  schema: S,
  raw: unknown,
): TolerantReading<z.output<S>> {
  const parsed = schema.safeParse(raw)
  if (!parsed.success) return { ok: false, error: parsed.error }
  const oddities: Oddity[] = []
  const value = settle(parsed.data, [], oddities) as z.output<S>
  return { ok: true, value, oddities }
}

function settle(value: unknown, path: (string | number)[], oddities: Oddity[]): unknown {
  if (value instanceof Unreadable) {
    oddities.push({ path: pathText(path), reason: value.reason })
    return undefined
  }
  if (value instanceof Noted) {
    oddities.push({ path: pathText(path), reason: value.reason })
    return value.value
  }
  if (Array.isArray(value)) {
    const kept: unknown[] = []
    value.forEach((item: unknown, index) => {
      const settled = settle(item, [...path, index], oddities)
      if (settled !== undefined) kept.push(settled)
    })
    return kept
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) {
      const item = record[key]
      if (item instanceof Undocumented) {
        oddities.push({
          path: pathText([...path, key]),
          reason: 'not in the documentation (kept in the raw payload)',
        })
        delete record[key]
        continue
      }
      const settled = settle(item, [...path, key], oddities)
      if (settled === undefined) delete record[key]
      else record[key] = settled
    }
    return record
  }
  return value
}

/** `publication.price.value`, `truck_bodies[1]`. */
export function pathText(path: readonly PropertyKey[]): string {
  let text = ''
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`
    else text += text === '' ? String(key) : `.${String(key)}`
  }
  return text || 'item'
}

/** Oddities as one line each: `path: reason`. */
export function oddityLines(oddities: readonly Oddity[]): string[] {
  return oddities.map((oddity) => `${oddity.path}: ${oddity.reason}`)
}

/**
 * A whole answer read tolerantly, for a client's `http.json`: the read value with its oddities.
 * Only the floor's failure fails the answer (as the provider client's "cannot read" error).
 */
export function tolerantAnswer<S extends z.ZodType>(shape: S) {
  return z.unknown().transform((raw, context) => {
    const reading = readTolerant(shape, raw)
    if (!reading.ok) {
      for (const line of failureReasons(reading.error, raw)) {
        context.addIssue({ code: 'custom', message: line })
      }
      return z.NEVER
    }
    return { value: reading.value, oddities: oddityLines(reading.oddities) }
  })
}
