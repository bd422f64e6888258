/**
 * The Trans.eu Platform's wire format (../shared/providers/transeu.md): OAuth token bodies, the
 * freight list and detail shapes, the draft body with its documented rules, and the 422 problem
 * with `validation_messages` (read in both of its forms). Fields the page does not detail are
 * marked "assumed".
 */
import { z } from 'zod'

export const transeuTruckBodies = [
  'curtainsider',
  'standard-tent',
  'cooler',
  'isotherm',
  'box',
  'open-box',
  'meathanging',
  'mega',
  'jumbo',
  'coilmulde',
  'walkingfloor',
  'joloda',
  'bde',
  'car-transporter',
  'dump-truck',
  'low-loader',
  'platform-trailer',
  'log-trailer',
  'hook-truck',
  'truck',
  'swap-body-system',
  '20-standard',
  '40-standard',
  '45-standard',
  'tank-body-20',
  'tank-body-40',
  'tanker',
  'food-tanker',
  'petroleum-tanker',
  'chemical-tanker',
  'gas-tanker',
  'silos',
  'aluminum',
  'steel',
  'other',
] as const
export const TranseuTruckBody = z.enum(transeuTruckBodies)
export type TranseuTruckBody = z.infer<typeof TranseuTruckBody>

/** The only bodies a temperature may be given for (doc). */
export const transeuTemperatureBodies: readonly TranseuTruckBody[] = [
  'cooler',
  'isotherm',
  'hook-truck',
]

/** Parts of a vehicle size, in the order the platform joins them with `_`. */
export const transeuVehicleSizeParts = ['bus', 'double_trailer', 'lorry', 'solo'] as const

/** `any_size`, or one or more parts in the documented order joined by `_`. */
export function isTranseuVehicleSize(value: string): boolean {
  if (value === 'any_size') return true
  let rest = value
  let last = -1
  while (rest.length > 0) {
    const index = transeuVehicleSizeParts.findIndex(
      (part, i) =>
        i > last &&
        (rest === part || (rest.startsWith(`${part}_`) && rest.length > part.length + 1)),
    )
    if (index < 0) return false
    const part = transeuVehicleSizeParts[index] as string
    rest = rest === part ? '' : rest.slice(part.length + 1)
    last = index
  }
  return last >= 0
}
export const TranseuVehicleSize = z.string().refine(isTranseuVehicleSize, {
  message:
    'Unknown vehicle size: any_size, or bus, double_trailer, lorry, solo joined by _ in that order.',
})

export const transeuFreightStatuses = [
  'new',
  'in_progress',
  'unsuccessful_publication',
  'waiting_for_publication',
  'accepted',
  'closed',
] as const
export const TranseuFreightStatus = z.enum(transeuFreightStatuses)
export type TranseuFreightStatus = z.infer<typeof TranseuFreightStatus>

/** The three lists and the statuses each holds (doc). */
export const transeuLists = {
  freights: ['new', 'in_progress', 'unsuccessful_publication', 'waiting_for_publication'],
  accepted: ['accepted'],
  archive: ['closed'],
} as const satisfies Record<string, readonly TranseuFreightStatus[]>
export type TranseuListName = keyof typeof transeuLists

export const transeuPublicationStatuses = [
  'active',
  'finished',
  'offers_timeout',
  'waiting_for_publication',
] as const
export const transeuPublishTypes = [
  'exchange',
  'companies',
  'recommended',
  'smartmatch',
  'auto',
] as const
export const TranseuPublishType = z.enum(transeuPublishTypes)
export const transeuPaymentKinds = [
  'deferred',
  'payment_in_advance',
  'payment_on_unloading',
] as const
export const transeuSortKeys = [
  'status',
  'created_at',
  'loading_date',
  'unloading_date',
  'archived_at',
] as const
export type TranseuSortKey = (typeof transeuSortKeys)[number]
/** Items on every list page; a shorter page is the last (doc). */
export const transeuPageSize = 30

/** UTC instant or one with an offset, as the platform writes them. */
const Instant = z.iso.datetime({ offset: true })
/** Local wall-clock time without an offset ("2026-02-24T08:00:00"). */
const LocalDateTime = z.iso.datetime({ local: true })
/** Request time stamps carry a numeric offset (doc): "2026-02-24T08:00:00+01:00". */
const OffsetDateTime = z.iso
  .datetime({ offset: true })
  .regex(/[+-]\d{2}:\d{2}$/, 'Give the time with a numeric offset, e.g. 2026-02-24T08:00:00+01:00.')
const Currency = z.string().regex(/^[a-z]{3}$/, 'Use a lower-case currency code such as eur.')
const Country = z.string().regex(/^[a-z]{2}$/, 'Use the lower-case two-letter country code.')

export const TranseuCoordinates = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
})
export type TranseuCoordinates = z.infer<typeof TranseuCoordinates>

export const TranseuTimespans = z.object({
  begin: Instant,
  end: Instant,
  begin_local: LocalDateTime,
  end_local: LocalDateTime,
  /** IANA time zone of the place. */
  timezone: z.string().min(1),
})
export type TranseuTimespans = z.infer<typeof TranseuTimespans>

/** `loading` and `unloading` of a freight. */
export const TranseuStop = z.object({
  coordinates: TranseuCoordinates.nullable(),
  place: z.object({ country: Country, locality: z.string(), postal_code: z.string() }),
  timespans: TranseuTimespans,
})
export type TranseuStop = z.infer<typeof TranseuStop>

export const TranseuTemperature = z.object({ min: z.number(), max: z.number() })

export const TranseuPrice = z.object({
  value: z.number().positive(),
  currency: Currency,
  period: z.object({
    days: z.number().int().min(0).max(365),
    payment: z.enum(transeuPaymentKinds),
  }),
})
export type TranseuPrice = z.infer<typeof TranseuPrice>

/** A price without terms: `publication_price` and `accepted_price` of the detail (assumed). */
export const TranseuAmount = z.object({ value: z.number(), currency: Currency })
export type TranseuAmount = z.infer<typeof TranseuAmount>

/** An exchange a publication went to (assumed shape). */
const TranseuExchange = z.object({ id: z.number().int(), name: z.string() })

export const TranseuPublication = z.object({
  id: z.number().int(),
  status: z.enum(transeuPublicationStatuses),
  publish_type: TranseuPublishType,
  publish_date: Instant,
  /** accepted, canceled, rejected, timeout, ... */
  end_reason: z.string().nullable(),
  price: TranseuPrice.nullable(),
  is_quick_pay: z.boolean(),
  is_recommended: z.boolean(),
  is_shared: z.boolean(),
  received_offers: z.number().int().min(0),
  sent_offers: z.number().int().min(0),
  smart_match_offers: z.number().int().min(0),
  receivers: z.object({
    corporate_exchanges: z.array(TranseuExchange),
    private_exchanges: z.array(TranseuExchange),
  }),
  /** How many receivers of each kind (assumed: counts). */
  sent_to: z.object({
    companies: z.number().int().min(0),
    corporate_exchange: z.number().int().min(0),
    direct: z.number().int().min(0),
    private_exchange: z.number().int().min(0),
  }),
  refresh_from: Instant.nullable(),
  stock_id: z.number().int().nullable(),
})
export type TranseuPublication = z.infer<typeof TranseuPublication>

export const TranseuContactEmployee = z.object({
  name: z.string(),
  last_name: z.string(),
  trans_id: z.string(),
})
export type TranseuContactEmployee = z.infer<typeof TranseuContactEmployee>

export const TranseuTransportRequirements = z.object({
  count: z.number().int().min(1),
  remaining: z.number().int().min(0),
  settlement: z.enum(['route', 'ton']),
  settlement_basis: z.enum(['loading', 'unloading']),
})

/** One freight as the three lists return it (doc example). */
export const TranseuFreightListItem = z.object({
  id: z.number().int(),
  reference_number: z.string(),
  shipment_external_id: z.string().nullable(),
  status: TranseuFreightStatus,
  created: Instant,
  ftl: z.boolean(),
  transport_type: z.enum(['ftl', 'ltl', 'multi_ftl']),
  truck_bodies: z.array(TranseuTruckBody),
  vehicle_size: TranseuVehicleSize,
  /** Metres. */
  length: z.number().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  /** Cubic metres. */
  volume: z.number().nullable(),
  temperature: TranseuTemperature.nullable(),
  /** Minutes. */
  transit_time: z.number().int().nullable(),
  requirements: z.object({ transport: TranseuTransportRequirements }),
  contact_employees: z.array(TranseuContactEmployee),
  loading: TranseuStop,
  unloading: TranseuStop,
  /** On the archive list only. */
  archived_at: Instant.nullish(),
  /** Null before publication. */
  publication: TranseuPublication.nullable(),
})
export type TranseuFreightListItem = z.infer<typeof TranseuFreightListItem>
export type TranseuListField = keyof TranseuFreightListItem
export const transeuListFields = Object.keys(TranseuFreightListItem.shape) as TranseuListField[]

/** A list page: a top-level array, 30 items at most. */
export const TranseuFreightList = z.array(TranseuFreightListItem)
/** A list page requested with `fields`: each item holds only the selected keys. */
export const TranseuFreightSelection = z.array(TranseuFreightListItem.partial())

export const TranseuLoad = z.object({
  name: z.string().min(1).max(200),
  amount: z.number().int().positive(),
  /** europalette, pallet, box, package, other (assumed). */
  type_of_load: z.string().min(1),
  /** Tonnes. */
  weight: z.number().positive().nullish(),
})
export type TranseuLoad = z.infer<typeof TranseuLoad>

export const TranseuOperationType = z.enum(['loading', 'unloading'])

/** A spot of the draft body: place, optional coordinates, and its operations. */
export const TranseuDraftSpot = z.object({
  spot_order: z.number().int().min(1),
  place: z.object({
    address: z.object({
      country: Country,
      postal_code: z.string().trim().min(1).max(16),
      locality: z.string().trim().min(1).max(100),
      street: z.string().max(200).nullish(),
    }),
    coordinates: TranseuCoordinates.nullish(),
  }),
  operations: z
    .array(
      z.object({
        operation_order: z.number().int().min(1),
        type: TranseuOperationType,
        timespans: z.object({ begin: OffsetDateTime, end: OffsetDateTime }),
      }),
    )
    .min(1),
})
export type TranseuDraftSpot = z.infer<typeof TranseuDraftSpot>

export const TranseuDraftRequirements = z.object({
  is_ftl: z.boolean(),
  required_truck_bodies: z.array(TranseuTruckBody).min(1),
  vehicle_size: TranseuVehicleSize,
  temperature: TranseuTemperature.nullish(),
})

/** POST (and PUT) `/ext/freights-api/v1/freights`: a draft, with the documented rules. */
export const TranseuFreightDraft = z
  .object({
    /** Tonnes. */
    capacity: z.number().positive().max(100),
    requirements: TranseuDraftRequirements,
    spots: z
      .array(TranseuDraftSpot)
      .min(2, 'A freight needs a loading spot and an unloading spot.'),
    loads: z.array(TranseuLoad),
    shipment_external_id: z.string().max(64).nullish(),
    payment: z.object({ price: TranseuPrice }).nullish(),
  })
  .superRefine((draft, context) => {
    const { temperature, required_truck_bodies: bodies } = draft.requirements
    if (temperature) {
      if (!bodies.some((body) => transeuTemperatureBodies.includes(body))) {
        context.addIssue({
          code: 'custom',
          path: ['requirements', 'temperature'],
          message: 'A temperature is only allowed for cooler, isotherm or hook-truck bodies.',
        })
      }
      if (temperature.min > temperature.max) {
        context.addIssue({
          code: 'custom',
          path: ['requirements', 'temperature'],
          message: 'The minimum temperature must not be above the maximum.',
        })
      }
    }
    draft.spots.forEach((spot, index) => {
      if (spot.spot_order !== index + 1) {
        context.addIssue({
          code: 'custom',
          path: ['spots', index, 'spot_order'],
          message: `Spots are numbered 1, 2, 3, ... in order: this one must be ${index + 1}.`,
        })
      }
      spot.operations.forEach((operation, operationIndex) => {
        if (Date.parse(operation.timespans.end) <= Date.parse(operation.timespans.begin)) {
          context.addIssue({
            code: 'custom',
            path: ['spots', index, 'operations', operationIndex, 'timespans', 'end'],
            message: 'The end of the time window must be after its begin.',
          })
        }
      })
    })
    const first = draft.spots[0]
    const last = draft.spots[draft.spots.length - 1]
    if (first && !first.operations.some((operation) => operation.type === 'loading')) {
      context.addIssue({
        code: 'custom',
        path: ['spots', 0, 'operations'],
        message: 'The first spot must have a loading.',
      })
    }
    if (last && !last.operations.some((operation) => operation.type === 'unloading')) {
      context.addIssue({
        code: 'custom',
        path: ['spots', draft.spots.length - 1, 'operations'],
        message: 'The last spot must have an unloading.',
      })
    }
  })
export type TranseuFreightDraft = z.infer<typeof TranseuFreightDraft>
export type TranseuFreightDraftInput = z.input<typeof TranseuFreightDraft>

/** A spot as the detail returns it: the draft spot with ids and resolved coordinates (assumed). */
export const TranseuSpot = z.object({
  id: z.number().int(),
  spot_order: z.number().int(),
  place: z.object({
    address: z.object({
      country: Country,
      postal_code: z.string(),
      locality: z.string(),
      street: z.string().nullish(),
    }),
    coordinates: TranseuCoordinates.nullable(),
  }),
  operations: z.array(
    z.object({
      operation_order: z.number().int(),
      type: TranseuOperationType,
      timespans: z.object({ begin: Instant, end: Instant }),
    }),
  ),
})
export type TranseuSpot = z.infer<typeof TranseuSpot>

/** The carrier of an accepted freight (assumed shape). */
export const TranseuCarrier = z.object({
  company_id: z.number().int(),
  name: z.string(),
  trans_id: z.string(),
})
export type TranseuCarrier = z.infer<typeof TranseuCarrier>

/** One freight in full: `GET /ext/freights-api/v1/freights/{id}`. */
export const TranseuFreightDetail = TranseuFreightListItem.extend({
  /** Tonnes. */
  capacity: z.number(),
  loading_meters: z.number().nullable(),
  /** Kilometres. */
  distance: z.number().nullable(),
  publication_price: TranseuAmount.nullable(),
  accepted_price: TranseuAmount.nullable(),
  carrier: TranseuCarrier.nullable(),
  requirements: z.object({
    transport: TranseuTransportRequirements,
    is_ftl: z.boolean(),
    required_truck_bodies: z.array(TranseuTruckBody),
    vehicle_size: TranseuVehicleSize,
    temperature: TranseuTemperature.nullable(),
  }),
  loads: z.array(TranseuLoad),
  spots: z.array(TranseuSpot),
  archived_at: Instant.nullable(),
})
export type TranseuFreightDetail = z.infer<typeof TranseuFreightDetail>

/** Form fields of `POST /ext/auth-api/accounts/token` (form-encoded). */
export const TranseuTokenRequest = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('authorization_code'),
    code: z.string().min(1),
    redirect_uri: z.string().min(1),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
    /** PKCE (RFC 7636), when a `code_challenge` was sent to the authorize page. */
    code_verifier: z.string().optional(),
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().min(1),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
  }),
])
export type TranseuTokenRequest = z.infer<typeof TranseuTokenRequest>

export const TranseuTokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.literal('Bearer'),
  /** Seconds (about 21600). */
  expires_in: z.number().int().positive(),
  scope: z.string(),
  refresh_token: z.string().min(1),
})
export type TranseuTokenResponse = z.infer<typeof TranseuTokenResponse>

/** RFC 6749 error body of the token endpoint. */
export const TranseuOAuthError = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
})
export type TranseuOAuthError = z.infer<typeof TranseuOAuthError>

type ValidationEntry = string | ValidationEntry[] | { [key: string]: ValidationEntry }
const ValidationEntry: z.ZodType<ValidationEntry> = z.lazy(() =>
  z.union([z.string(), z.array(ValidationEntry), z.record(z.string(), ValidationEntry)]),
)

/**
 * Flattens `validation_messages` into `{dotted.path: [messages]}`. Both documented forms are read:
 * `{"sortBy": {"notInArray": "..."}}` (rule name to message) and entries holding a
 * `validation_error` key (`{"capacity": {"validation_error": {"isEmpty": "..."}}}`); nested
 * objects name nested fields.
 */
export function flattenValidationMessages(messages: ValidationEntry): Record<string, string[]> {
  const flat: Record<string, string[]> = {}
  const add = (path: string[], message: string) => (flat[path.join('.')] ??= []).push(message)
  const walk = (entry: ValidationEntry, path: string[]) => {
    if (typeof entry === 'string') return add(path, entry)
    if (Array.isArray(entry)) return entry.forEach((item) => walk(item, path))
    for (const [key, value] of Object.entries(entry)) {
      if (typeof value === 'string') add(path, value)
      else walk(value, key === 'validation_error' ? path : [...path, key])
    }
  }
  walk(messages, [])
  return flat
}

/**
 * The platform's problem body (401, 403, 404, 422, 5xx). `validation_messages` comes with 422 and
 * is flattened to `{dotted.path: [messages]}` on reading.
 */
export const TranseuApiProblem = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().int().optional(),
  detail: z.string().optional(),
  validation_messages: ValidationEntry.transform(flattenValidationMessages).optional(),
})
export type TranseuApiProblem = z.infer<typeof TranseuApiProblem>
export type TranseuValidationMessages = Record<string, ValidationEntry>

/** `loading_place` / `unloading_place` of the `filter` modifier: `{"country": "it", "postal_code": "88100"}`. */
export const TranseuPlaceFilter = z.object({
  country: Country.optional(),
  postal_code: z.string().min(1).max(16).optional(),
})

/** `loading_date` / `unloading_date` of the `filter` modifier: local calendar days. */
export const TranseuDateFilter = z.object({
  start_date: z.iso.date().optional(),
  end_date: z.iso.date().optional(),
})

/**
 * The `filter` modifier of the three lists (doc), sent as URL-encoded JSON. The platform checks
 * which statuses belong to which list; this shape only names the documented keys.
 */
export const TranseuListFilter = z.object({
  status: TranseuFreightStatus.optional(),
  publication_type: z.array(TranseuPublishType).optional(),
  truck_body_type: TranseuTruckBody.optional(),
  truck_body_types: z.array(TranseuTruckBody).optional(),
  loading_place: TranseuPlaceFilter.optional(),
  unloading_place: TranseuPlaceFilter.optional(),
  loading_date: TranseuDateFilter.optional(),
  unloading_date: TranseuDateFilter.optional(),
})
export type TranseuListFilter = z.infer<typeof TranseuListFilter>

/** One item of a list page requested with `fields`: the selected keys only (the id always kept). */
export const TranseuSelectedItem = TranseuFreightListItem.partial().extend({
  id: z.number().int(),
})
export type TranseuSelectedItem = z.infer<typeof TranseuSelectedItem>
