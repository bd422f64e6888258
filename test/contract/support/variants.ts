/**
 * Variants of a provider's documented example for property tests: from the example, a seeded
 * generator makes copies with a few changes each (a key dropped, a value set to null, an
 * undocumented key added, an enumeration value the documentation does not name, a number sent as
 * text), never touching the floor, and says what it changed. Also the path helpers the contract
 * tests share: every leaf path of an example, the value at a path, whether two paths touch.
 */

export type Path = (string | number)[]

export type Mutation =
  | { kind: 'dropped'; path: Path }
  | { kind: 'nulled'; path: Path }
  | { kind: 'extra_key'; path: Path }
  | { kind: 'unknown_value'; path: Path; value: string | number }
  | { kind: 'number_as_text'; path: Path; value: string }

export interface Variant {
  value: unknown
  mutations: Mutation[]
}

export interface VariantRules {
  /** Paths (patterns, `*` for any array index) the variants must leave alone. */
  floor: string[]
  /** Paths (patterns) whose values come from a documented enumeration. */
  enums: string[]
}

/** A small seeded source (mulberry32): the same seed gives the same variants everywhere. */
export function seeded(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  }
}

/** `loading.place.country`, `truck_bodies[1]`. */
export function pathText(path: Path): string {
  let text = ''
  for (const key of path) {
    text += typeof key === 'number' ? `[${key}]` : text === '' ? key : `.${key}`
  }
  return text
}

/** A path as a pattern: array indexes become `*` (`contact_employees[*].name`). */
export function patternOf(path: Path): string {
  let text = ''
  for (const key of path) text += typeof key === 'number' ? '[*]' : text === '' ? key : `.${key}`
  return text
}

function matches(path: Path, patterns: readonly string[]): boolean {
  return patterns.includes(patternOf(path))
}

/** Whether `path` is within one of `patterns` or holds one of them (an ancestor of the floor). */
function touchesAny(path: Path, patterns: readonly string[]): boolean {
  const pattern = patternOf(path)
  return patterns.some(
    (each) => each === pattern || each.startsWith(`${pattern}.`) || each.startsWith(`${pattern}[`),
  )
}

/** Every path to a leaf (a value that is not an object or a list, or an empty one). */
export function leafPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [path]
    return value.flatMap((item, index) => leafPaths(item, [...path, index]))
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length === 0) return [path]
    return entries.flatMap(([key, item]) => leafPaths(item, [...path, key]))
  }
  return [path]
}

/** Every path to a key or an element, leaves and the objects above them. */
export function allPaths(value: unknown, path: Path = []): Path[] {
  const below: Path[] = []
  if (Array.isArray(value)) {
    value.forEach((item, index) => below.push(...allPaths(item, [...path, index])))
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      below.push(...allPaths(item, [...path, key]))
    }
  }
  return path.length > 0 ? [path, ...below] : below
}

export function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let at = value
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<string | number, unknown>)[key]
  }
  return at
}

/** Whether one path lies within the other (or they are the same). */
export function touches(a: string, b: string): boolean {
  const within = (inner: string, outer: string) =>
    inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`)
  return within(a, b) || within(b, a)
}

function setAt(
  root: unknown,
  path: Path,
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
) {
  const parent = valueAt(root, path.slice(0, -1)) as Record<string | number, unknown>
  change(parent, path[path.length - 1] as string | number)
}

/** `count` variants of `example`, each with one to four changes, from `seed`. */
export function variantsOf(
  example: unknown,
  rules: VariantRules,
  options: { seed: number; count: number },
): Variant[] {
  const random = seeded(options.seed)
  const variants: Variant[] = []
  for (let n = 0; n < options.count; n++) {
    const value = structuredClone(example)
    const mutations: Mutation[] = []
    const changes = random.int(1, 4)
    // A change the example has no place for (no number to send as text, ...) is drawn again.
    for (let c = 0, attempts = 0; mutations.length < changes && attempts < 40; c++, attempts++) {
      const candidates = allPaths(value).filter(
        (path) =>
          !touchesAny(path, rules.floor) &&
          // Never change what an earlier change of this variant already changed.
          !mutations.some((done) => touches(pathText(done.path), pathText(path))),
      )
      const kinds: Mutation['kind'][] = [
        'dropped',
        'nulled',
        'extra_key',
        'unknown_value',
        'number_as_text',
      ]
      const kind = random.pick(kinds)
      if (kind === 'extra_key') {
        const objects = [[] as Path, ...candidates].filter((path) => {
          const at = path.length === 0 ? value : valueAt(value, path)
          return at !== null && typeof at === 'object' && !Array.isArray(at)
        })
        const path = random.pick(objects)
        const key = `undocumented_${n}_${c}`
        const at = (path.length === 0 ? value : valueAt(value, path)) as Record<string, unknown>
        at[key] = random.pick([1, 'text', { nested: true }, [1, 2], null])
        mutations.push({ kind, path: [...path, key] })
        continue
      }
      const fitting = candidates.filter((path) => {
        const at = valueAt(value, path)
        if (kind === 'unknown_value') {
          return (typeof at === 'string' || typeof at === 'number') && matches(path, rules.enums)
        }
        if (kind === 'number_as_text') return typeof at === 'number'
        if (kind === 'nulled') return at !== null
        return typeof path[path.length - 1] === 'string'
      })
      if (fitting.length === 0) continue
      const path = random.pick(fitting)
      if (kind === 'dropped') setAt(value, path, (parent, key) => delete parent[key])
      else if (kind === 'nulled') setAt(value, path, (parent, key) => (parent[key] = null))
      else if (kind === 'unknown_value') {
        // A word, or a number for enumerations of ids, that the documentation does not name.
        const unknown = typeof valueAt(value, path) === 'number' ? 9999 : `zz-undocumented-${n}`
        setAt(value, path, (parent, key) => (parent[key] = unknown))
        mutations.push({ kind, path, value: unknown })
        continue
      } else {
        const text = String(valueAt(value, path))
        setAt(value, path, (parent, key) => (parent[key] = text))
        mutations.push({ kind, path, value: text })
        continue
      }
      mutations.push({ kind, path })
    }
    variants.push({ value, mutations })
  }
  return variants
}
