/**
 * Turns zod issues from the wire schemas into the per-field messages each provider sends, with the
 * provider's own wording for a missing field.
 */
import type { z } from 'zod'

export type IssuePathStyle = 'brackets' | 'dots'

/** `locations[0].period.endDate` (brackets, SpotGo) or `spots.0.place` (dots). */
export function formatIssuePath(path: readonly PropertyKey[], style: IssuePathStyle): string {
  let text = ''
  for (const key of path) {
    if (typeof key === 'number' && style === 'brackets') text += `[${key}]`
    else text += text === '' ? String(key) : `.${String(key)}`
  }
  return text
}

/** Messages per field path, in the order the issues came. */
export function fieldErrors(
  issues: readonly z.core.$ZodIssue[],
  style: IssuePathStyle,
): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  for (const issue of issues) {
    const paths =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => [...issue.path, key])
        : [issue.path]
    for (const path of paths) (errors[formatIssuePath(path, style)] ??= []).push(issue.message)
  }
  return errors
}

/**
 * A per-parse zod error map with readable messages: `required` for a missing field, plain
 * sentences for the rest. Messages written into a schema take precedence over these.
 */
export function readableErrors(required: string): z.core.$ZodErrorMap {
  return (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined || issue.input === null
          ? required
          : `Expected ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}.`
      case 'invalid_value':
        return `Allowed values: ${issue.values.map(String).join(', ')}.`
      case 'too_small':
        if (issue.origin === 'string')
          return issue.minimum === 1 ? required : `Use at least ${issue.minimum} characters.`
        if (issue.origin === 'array')
          return `Give at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}.`
        return `Must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}.`
      case 'too_big':
        if (issue.origin === 'string') return `Use at most ${issue.maximum} characters.`
        if (issue.origin === 'array') return `Give at most ${issue.maximum} items.`
        return `Must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}.`
      case 'invalid_format':
        return issue.format === 'datetime'
          ? 'Use an ISO-8601 date and time with an offset, e.g. 2026-02-24T08:00:00+01:00.'
          : `Not a valid ${issue.format}.`
      case 'unrecognized_keys':
        return 'Unknown field.'
      default:
        return undefined
    }
  }
}
