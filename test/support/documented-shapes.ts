/**
 * The providers' shapes as their documentation describes them, written here on their own (not
 * taken from the app's clients, not from the simulators), so that tests can hold the simulators to
 * the documentation. Strict: a key the documentation does not show fails, and so does a value of
 * another kind. Where the documentation gives an example, these follow the example; where it says
 * nothing, they follow the provider reference's stated assumptions (marked "assumed").
 */
import { z } from 'zod'

const offsetInstant = z.iso.datetime({ offset: true })
/** A wall-clock time: with the place's offset (as in the example), or without one. */
const localTime = z.union([offsetInstant, z.iso.datetime({ local: true })])
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)
const count = z.number().int().min(0)

/** Trans.eu: `GET /ext/freights-api/v1/freights` (Response Fields table and example answer). */
const transeuStop = z.strictObject({
  coordinates: z.strictObject({ latitude: z.number(), longitude: z.number() }).nullable(),
  place: z.strictObject({
    country: z.string().regex(/^[a-z]{2}$/),
    locality: z.string(),
    postal_code: z.string(),
  }),
  timespans: z.strictObject({
    begin: offsetInstant,
    begin_local: localTime,
    end: offsetInstant,
    end_local: localTime,
    timezone: z.string().min(1),
  }),
})

const transeuExchange = z.strictObject({ id: uuid, name: z.string() })

const transeuPublication = z.strictObject({
  end_reason: z.string().nullable(),
  id: z.number().int(),
  is_quick_pay: z.boolean(),
  is_recommended: z.boolean(),
  is_shared: z.boolean(),
  price: z
    .strictObject({
      currency: z.string().regex(/^[a-z]{3}$/),
      period: z.strictObject({
        days: count,
        payment: z.enum(['deferred', 'payment_in_advance', 'payment_on_unloading']),
      }),
      value: z.number(),
    })
    // assumed: a publication may name no price.
    .nullable(),
  publish_date: offsetInstant,
  publish_type: z.enum(['exchange', 'companies', 'recommended', 'smartmatch', 'auto']),
  received_offers: count.nullable(),
  receivers: z.strictObject({
    corporate_exchanges: z.array(transeuExchange),
    private_exchanges: z.array(transeuExchange).optional(),
  }),
  refresh_from: offsetInstant.nullable(),
  sent_offers: count,
  sent_to: z.strictObject({
    companies: z.boolean(),
    corporate_exchange: z.boolean(),
    direct: z.boolean(),
    private_exchange: z.boolean(),
  }),
  smart_match_offers: count.nullable(),
  status: z.enum(['active', 'finished', 'offers_timeout', 'waiting_for_publication']),
  stock_id: z.number().int().nullable(),
})

const transeuListItemShape = {
  contact_employees: z.array(
    z.strictObject({ last_name: z.string(), name: z.string(), trans_id: z.string() }),
  ),
  created: offsetInstant,
  ftl: z.boolean(),
  height: z.number().nullable(),
  id: z.number().int().positive(),
  length: z.number().nullable(),
  loading: transeuStop,
  publication: transeuPublication.nullable(),
  reference_number: z.string().regex(/^FR\/\d{4}\/\d{2}\/\d{2}\/[0-9A-Z]{4}$/),
  requirements: z.strictObject({
    transport: z.strictObject({
      count: count.nullable(),
      remaining: count.nullable().optional(),
      settlement: z.enum(['route', 'ton']),
      settlement_basis: z.enum(['loading', 'unloading']).nullable(),
    }),
  }),
  // assumed: null where the freight has none.
  shipment_external_id: z.string().nullable(),
  status: z.enum([
    'new',
    'in_progress',
    'unsuccessful_publication',
    'waiting_for_publication',
    'accepted',
    'closed',
  ]),
  temperature: z.strictObject({ max: z.number().nullable(), min: z.number().nullable() }),
  transit_time: count.nullable(),
  transport_type: z.enum(['ftl', 'ltl', 'multi_ftl']),
  truck_bodies: z.array(z.string().min(1)),
  unloading: transeuStop,
  vehicle_size: z.string().min(1),
  volume: z.number().nullable(),
  width: z.number().nullable(),
}

export const transeuDocumented = {
  listItem: z.strictObject(transeuListItemShape),
  /** assumed: the archive list adds `archived_at`. */
  archiveItem: z.strictObject({ ...transeuListItemShape, archived_at: offsetInstant }),
  /** A list page: a top-level array of at most 30 freights. */
  page: (item: z.ZodType) => z.array(item).max(30),
  /** assumed (the provider reference): the list keys plus these. */
  detail: z.strictObject({
    ...transeuListItemShape,
    requirements: z.strictObject({
      transport: transeuListItemShape.requirements.shape.transport,
      is_ftl: z.boolean(),
      required_truck_bodies: z.array(z.string()),
      vehicle_size: z.string(),
      temperature: z.strictObject({ min: z.number(), max: z.number() }).nullable(),
    }),
    capacity: z.number(),
    loading_meters: z.number().nullable(),
    distance: z.number().nullable(),
    publication_price: z.looseObject({ value: z.number(), currency: z.string() }).nullable(),
    accepted_price: z.looseObject({ value: z.number(), currency: z.string() }).nullable(),
    carrier: z
      .looseObject({ company_id: z.number(), name: z.string(), trans_id: z.string() })
      .nullable(),
    loads: z.array(
      z.looseObject({ name: z.string(), amount: z.number(), type_of_load: z.string() }),
    ),
    spots: z.array(z.looseObject({ id: z.number(), spot_order: z.number() })),
    archived_at: offsetInstant.nullable(),
  }),
  /** The refused modifier (422), as in the documentation's error example. */
  problem: z.object({
    detail: z.literal('Failed Validation'),
    status: z.literal(422),
    title: z.literal('Unprocessable Entity'),
    validation_messages: z.record(z.string(), z.unknown()),
  }),
}

/** SpotGo: the share call is documented; freights are assumed (the submit body plus id, status, times). */
const spotGoLocation = z.strictObject({
  sequence: z.number().int(),
  type: z.enum(['Loading', 'Unloading']),
  address: z.strictObject({
    countryCode: z.string().regex(/^[A-Z]{2}$/),
    postalCode: z.string(),
    city: z.string(),
    // doc: the example spells `lattitude`; absent or null: SpotGo geocodes the place.
    coordinates: z
      .union([
        z.strictObject({ latitude: z.number(), longitude: z.number() }),
        z.strictObject({ lattitude: z.number(), longitude: z.number() }),
      ])
      .nullish(),
  }),
  period: z.strictObject({ startDate: offsetInstant, endDate: offsetInstant }),
})

const spotGoFreight = z.strictObject({
  id: uuid,
  externalNumber: z.string(),
  owner: z.email(),
  // doc: exchange ids as strings ("1"); numbers are seen too.
  sources: z.array(z.union([z.string().regex(/^\d+$/), z.number().int()])),
  useAlternativeLocations: z.boolean().nullish(),
  locations: z.array(spotGoLocation).length(2),
  requirements: z.strictObject({
    trailerTypes: z.array(z.number().int()),
    vehicleTypes: z.array(z.number().int()),
    loadingSide: z.string().nullish(),
    capacity: z.number().nullish(),
    pallets: z.number().int().nullish(),
    palletsExchange: z.boolean().nullish(),
    ldm: z.number().nullish(),
    ftl: z.boolean().nullish(),
    temperature: z.strictObject({ min: z.number(), max: z.number(), regime: z.string() }).nullish(),
  }),
  payment: z
    .strictObject({
      from: z.number(),
      growTo: z.number().nullish(),
      term: z.number().int(),
      until: offsetInstant.nullish(),
      updateRangeInHours: z.string().nullish(),
      currency: z.string().regex(/^[A-Z]{3}$/),
    })
    .nullish(),
  comments: z.string().nullish(),
  internalComments: z.string().nullish(),
  status: z.enum(['Active', 'Expired', 'Cancelled', 'Completed']),
  createdAt: offsetInstant,
  updatedAt: offsetInstant,
})

export const spotGoDocumented = {
  freight: spotGoFreight,
  /** assumed: the envelope of the list. */
  page: z.strictObject({
    items: z.array(spotGoFreight),
    totalCount: count,
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
  }),
  /** doc: `{"url": "https://app-test.spotgo.eu/public/freights?token=...", "validUntil": "...Z"}`. */
  shareAnswer: z.strictObject({
    url: z.string().regex(/^https?:\/\/[^/]+\/public\/freights\?token=[A-Za-z0-9%._-]+$/),
    validUntil: z.iso.datetime(),
  }),
}

/** Django's UTC instants with microseconds: "2025-03-26T14:20:38.277978Z". */
const djangoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)

export const cregoDocumented = {
  /** doc: the answer to `POST /documents/{document_id}/shares/`. */
  share: z.strictObject({
    id: ulid,
    tenant_id: z.string().min(1),
    created_by: z.string().min(1),
    updated_by: z.string(),
    created_at: djangoInstant,
    updated_at: djangoInstant,
    expires_at: djangoInstant,
    token: z.string().min(1),
    document: ulid,
  }),
  /** assumed: one document. */
  document: z.strictObject({
    id: ulid,
    name: z.string(),
    category: z.string(),
    tags: z.array(z.string()),
    status: z.enum(['pending', 'approved', 'rejected', 'inactive']),
    files: z.array(
      z.strictObject({ id: ulid, name: z.string(), size: count, content_type: z.string() }),
    ),
    created_at: djangoInstant,
    updated_at: djangoInstant,
  }),
  /** doc: the paged envelope. */
  page: (item: z.ZodType) =>
    z.strictObject({
      count,
      total_pages: count,
      current_page: z.number().int().min(1),
      has_previous: z.boolean(),
      has_next: z.boolean(),
      previous_page: z.number().int().nullable(),
      next_page: z.number().int().nullable(),
      results: z.array(item),
    }),
}

/** The providers' error bodies. */
export const documentedErrors = {
  /** SpotGo: RFC 7807 problem details, with `errors: {field: [messages]}` for validation. */
  spotgoProblem: z.object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.record(z.string(), z.array(z.string())).optional(),
  }),
  /** SpotGo's ErrorViewModel (assumed `{message, errors: [{field, message}]}`). */
  spotgoErrorViewModel: z.object({
    message: z.string(),
    errors: z.array(z.object({ field: z.string().nullish(), message: z.string() })),
  }),
  /** Trans.eu's problem: `{type, title, status, detail}`, `validation_messages` with 422. */
  transeuProblem: z.object({
    type: z.string().optional(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    validation_messages: z.record(z.string(), z.unknown()).optional(),
  }),
  /** Crego (the framework's defaults): `{"detail": "..."}`. */
  cregoDetail: z.object({ detail: z.string(), code: z.string().optional() }),
}

type MessageTree = string | MessageTree[] | { [key: string]: MessageTree }

/**
 * Trans.eu's `validation_messages` as `{dotted.path: [messages]}`, read in both documented forms:
 * rule name to message (`{"sortBy": {"notInArray": "..."}}`) and entries under `validation_error`.
 */
export function flattenedValidationMessages(tree: unknown): Record<string, string[]> {
  const flat: Record<string, string[]> = {}
  const walk = (node: MessageTree, path: string[]) => {
    if (typeof node === 'string') {
      ;(flat[path.join('.')] ??= []).push(node)
      return
    }
    if (Array.isArray(node)) return node.forEach((item) => walk(item, path))
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') walk(value, path)
      else walk(value, key === 'validation_error' ? path : [...path, key])
    }
  }
  if (tree && typeof tree === 'object') walk(tree as MessageTree, [])
  return flat
}

/** Crego's login and refresh answers, file and error bodies. */
export const cregoDocumentedAuth = {
  /** doc: `{access, refresh, expires_in, token_type, user}`. */
  login: z.object({
    access: z.string().min(1),
    refresh: z.string().min(1),
    expires_in: z.number().int().positive(),
    token_type: z.string(),
    user: z.object({ id: z.string(), username: z.string() }),
  }),
  /** assumed: the login answer without the user. */
  refresh: z.object({
    access: z.string().min(1),
    refresh: z.string().min(1),
    expires_in: z.number().int().positive(),
    token_type: z.string(),
  }),
  file: z.strictObject({ id: ulid, name: z.string(), size: count, content_type: z.string() }),
  /** 400: `{"field": ["message", ...]}`. */
  fieldErrors: z.record(z.string(), z.array(z.string())),
}

/** Trans.eu's token endpoint (doc: OAuth 2.0, RFC 6749). */
export const transeuDocumentedAuth = {
  /** `{access_token, token_type: "Bearer", expires_in, scope, refresh_token}`. */
  tokens: z.object({
    access_token: z.string().min(1),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().positive(),
    scope: z.string(),
    refresh_token: z.string().min(1),
  }),
  /** RFC 6749's error body. */
  oauthError: z.object({ error: z.string(), error_description: z.string().optional() }),
}
