/**
 * The query modifiers of Trans.eu's three freight lists, exactly as documented: `filter` (JSON),
 * `sortBy`, `order`, `page` and `fields` (JSON), plus `search` on the accepted list. Anything else,
 * or a bad value, is a 422 with `validation_messages`.
 */
import { z } from 'zod'
import { readableErrors } from '../http/validation'
import { ValidationMessages } from './problems'
import {
  listFields,
  lists,
  publishTypes,
  sortKeys,
  truckBodies,
  type FreightDetail,
  type ListField,
  type ListName,
  type SortKey,
} from './shapes'

const LocalDate = z.iso.date('Use a date written as YYYY-MM-DD.')
const PlaceFilter = z
  .strictObject({
    country: z
      .string()
      .regex(/^[a-z]{2}$/, 'Use the lower-case two-letter country code.')
      .optional(),
    postal_code: z.string().min(1).max(16).optional(),
  })
  .refine((place) => place.country !== undefined || place.postal_code !== undefined, {
    message: 'Give a country, a postal code or both.',
  })
const DateFilter = z
  .strictObject({ start_date: LocalDate.optional(), end_date: LocalDate.optional() })
  .refine((range) => range.start_date !== undefined || range.end_date !== undefined, {
    message: 'Give a start date, an end date or both.',
  })
  .refine((range) => !range.start_date || !range.end_date || range.start_date <= range.end_date, {
    message: 'The start date must not be after the end date.',
    path: ['end_date'],
  })

function filterSchema(list: ListName) {
  return z.strictObject({
    status: z.enum(lists[list]).optional(),
    publication_type: z.array(z.enum(publishTypes)).min(1).optional(),
    truck_body_type: z.enum(truckBodies).optional(),
    truck_body_types: z.array(z.enum(truckBodies)).min(1).optional(),
    loading_place: PlaceFilter.optional(),
    unloading_place: PlaceFilter.optional(),
    loading_date: DateFilter.optional(),
    unloading_date: DateFilter.optional(),
  })
}
export type TranseuFilter = z.infer<ReturnType<typeof filterSchema>>

const Search = z.strictObject({ value: z.string().trim().min(1).max(100) })
const Fields = z.record(z.string(), z.boolean())

export interface ListQuery {
  filter: TranseuFilter
  sortBy: SortKey
  order: 'asc' | 'desc'
  page: number
  /** Fields to keep, or null for all. */
  fields: ListField[] | null
  search: string | null
}

const allowedParameters = ['filter', 'sortBy', 'order', 'page', 'fields'] as const
const required = "Value is required and can't be empty"

/** The list query, or the 422 messages that explain what is wrong with it. */
export function parseListQuery(
  list: ListName,
  query: URLSearchParams,
): { ok: true; query: ListQuery } | { ok: false; messages: ValidationMessages } {
  const messages = new ValidationMessages()
  const allowed: readonly string[] =
    list === 'accepted' ? [...allowedParameters, 'search'] : allowedParameters
  for (const name of new Set(query.keys())) {
    if (!allowed.includes(name)) {
      messages.add([name], 'notAllowed', `Unknown modifier; allowed: ${allowed.join(', ')}.`)
    }
  }

  const filter = parseJson(query.get('filter'), 'filter', messages, (value) =>
    filterSchema(list).safeParse(value, { error: readableErrors(required) }),
  )
  const search = parseJson(query.get('search'), 'search', messages, (value) =>
    Search.safeParse(value, { error: readableErrors(required) }),
  )
  const fieldFlags = parseJson(query.get('fields'), 'fields', messages, (value) =>
    Fields.safeParse(value, { error: readableErrors(required) }),
  )
  if (fieldFlags) {
    for (const name of Object.keys(fieldFlags)) {
      if (!(listFields as readonly string[]).includes(name)) {
        messages.add(
          ['fields', name],
          'notInArray',
          `Unknown field; allowed: ${listFields.join(', ')}.`,
        )
      }
    }
  }

  const sortBy = query.get('sortBy') ?? 'created_at'
  if (!(sortKeys as readonly string[]).includes(sortBy)) {
    messages.add(['sortBy'], 'notInArray', `Allowed values: ${sortKeys.join(', ')}`)
  }
  const order = query.get('order') ?? 'desc'
  if (order !== 'asc' && order !== 'desc') {
    messages.add(['order'], 'notInArray', 'Allowed values: asc, desc')
  }
  const pageText = query.get('page') ?? '1'
  const page = /^\d+$/.test(pageText) ? Number(pageText) : 0
  if (page < 1) messages.add(['page'], 'notDigits', 'The page must be a whole number, 1 or more.')

  if (!messages.empty) return { ok: false, messages }
  return {
    ok: true,
    query: {
      filter: filter ?? {},
      sortBy: sortBy as SortKey,
      order: order as 'asc' | 'desc',
      page,
      fields: selectedFields(fieldFlags),
      search: search?.value ?? null,
    },
  }
}

/** `{"id": true, ...}` keeps only those; `{"publication": false}` drops those. */
function selectedFields(flags: Record<string, boolean> | undefined): ListField[] | null {
  if (!flags || Object.keys(flags).length === 0) return null
  const kept = listFields.filter((field) => flags[field] === true)
  if (kept.length > 0) return kept
  return listFields.filter((field) => flags[field] !== false)
}

function parseJson<T>(
  text: string | null,
  name: string,
  messages: ValidationMessages,
  validate: (value: unknown) => z.ZodSafeParseResult<T>,
): T | undefined {
  if (text === null) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    messages.add([name], 'invalidJson', `The ${name} modifier must be URL-encoded JSON.`)
    return undefined
  }
  const parsed = validate(value)
  if (!parsed.success) {
    messages.addIssues(parsed.error.issues, [name], 'rules')
    return undefined
  }
  return parsed.data
}

/** Whether a freight passes the filter (and the accepted list's search). */
export function matches(freight: FreightDetail, query: ListQuery): boolean {
  const { filter } = query
  if (filter.status && freight.status !== filter.status) return false
  if (filter.publication_type) {
    const type = freight.publication?.publish_type
    if (!type || !filter.publication_type.includes(type)) return false
  }
  if (filter.truck_body_type && !freight.truck_bodies.includes(filter.truck_body_type)) return false
  if (
    filter.truck_body_types &&
    !filter.truck_body_types.some((body) => freight.truck_bodies.includes(body))
  ) {
    return false
  }
  if (filter.loading_place && !placeMatches(freight.loading, filter.loading_place)) return false
  if (filter.unloading_place && !placeMatches(freight.unloading, filter.unloading_place))
    return false
  if (filter.loading_date && !windowOverlaps(freight.loading, filter.loading_date)) return false
  if (filter.unloading_date && !windowOverlaps(freight.unloading, filter.unloading_date))
    return false
  if (
    query.search &&
    !freight.reference_number.toLowerCase().includes(query.search.toLowerCase())
  ) {
    return false
  }
  return true
}

/** Country equal, postal code by prefix ("88" matches "88100"). */
function placeMatches(
  stop: FreightDetail['loading'],
  place: { country?: string; postal_code?: string },
): boolean {
  if (place.country && stop.place.country !== place.country) return false
  if (
    place.postal_code &&
    !stop.place.postal_code.toLowerCase().startsWith(place.postal_code.toLowerCase())
  ) {
    return false
  }
  return true
}

/** The window's local calendar days overlap the range (both ends included). */
function windowOverlaps(
  stop: FreightDetail['loading'],
  range: { start_date?: string; end_date?: string },
): boolean {
  const first = stop.timespans.begin_local.slice(0, 10)
  const last = stop.timespans.end_local.slice(0, 10)
  if (range.start_date && last < range.start_date) return false
  if (range.end_date && first > range.end_date) return false
  return true
}

/** The sort value of a freight for `sortBy`: the status word, or an instant in milliseconds. */
export function sortValue(freight: FreightDetail, sortBy: SortKey): string | number {
  switch (sortBy) {
    case 'status':
      return freight.status
    case 'created_at':
      return Date.parse(freight.created)
    case 'loading_date':
      return Date.parse(freight.loading.timespans.begin)
    case 'unloading_date':
      return Date.parse(freight.unloading.timespans.begin)
    case 'archived_at':
      return freight.archived_at ? Date.parse(freight.archived_at) : 0
  }
}
