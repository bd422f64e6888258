/**
 * The Trans.eu Platform's wire format: OAuth token bodies, the freight list and detail shapes, the
 * draft body with its documented rules, and the 422 problem with `validation_messages` (read in
 * both of its forms).
 *
 * The freight shapes follow the platform's documentation of `GET /ext/freights-api/v1/freights`
 * (its Response Fields table and its example answer) field by field: `doc:` marks what the
 * documentation shows, `assumed:` what it does not say. They are read tolerantly
 * (`../tolerant.ts`): only a freight's id and what the app needs to place it (each place's
 * country and the beginning of its time window) must be readable; any other field that is not
 * as documented reads as unknown and is reported, and the raw payload is kept whole.
 */
import { z } from 'zod'
import { documented, selectable, tolerant, tolerantNumber } from '../tolerant'

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

/** An instant with an offset or Z, as the platform writes them (doc: "2026-02-23T13:30:58+01:00"). */
const Instant = z.iso.datetime({ offset: true })
/**
 * A local wall-clock time: doc, the example writes it with the place's offset
 * ("2026-02-23T13:30:58+01:00"); assumed, also without one ("2026-02-23T13:30:58").
 */
const LocalDateTime = z.union([z.iso.datetime({ offset: true }), z.iso.datetime({ local: true })])
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

/** A required temperature, as a draft sends it. */
export const TranseuTemperature = z.object({ min: z.number(), max: z.number() })

/** A price with its payment terms, as a draft sends it. */
export const TranseuPrice = z.object({
  value: z.number().positive(),
  currency: Currency,
  period: z.object({
    days: z.number().int().min(0).max(365),
    payment: z.enum(transeuPaymentKinds),
  }),
})
export type TranseuPrice = z.infer<typeof TranseuPrice>

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

// ---------------------------------------------------------------------------------------------
// Freights as the platform sends them, read tolerantly.

/** doc: lower-case ISO 3166-1 alpha-2 ("pl"); upper case is read too. The floor of a place. */
const PlaceCountry = z
  .string()
  .regex(/^[A-Za-z]{2}$/)
  .transform((code) => code.toLowerCase())
/** doc: lower-case ISO 4217 ("eur"); upper case is read too. */
const PriceCurrency = z
  .string()
  .regex(/^[A-Za-z]{3}$/)
  .transform((code) => code.toLowerCase())
const count = z.number().int().min(0)
/** A vehicle size as the dictionary names them; another reads as an unknown value. */
const ReadVehicleSize = z.string().refine(isTranseuVehicleSize, 'unknown value')

const coordinatesShape = {
  latitude: tolerantNumber(z.number().min(-90).max(90)),
  longitude: tolerantNumber(z.number().min(-180).max(180)),
}

/** `loading` and `unloading` (doc). */
export const TranseuStop = documented({
  /** assumed: null where the platform has no coordinates. */
  coordinates: tolerant(documented(coordinatesShape).nullable()),
  place: documented({
    country: PlaceCountry,
    locality: tolerant(z.string()),
    postal_code: tolerant(z.string()),
  }),
  timespans: documented({
    /** The floor of a window: when it begins. */
    begin: Instant,
    end: tolerant(Instant),
    begin_local: tolerant(LocalDateTime),
    end_local: tolerant(LocalDateTime),
    /** IANA time zone of the place (doc: "Europe/Warsaw", "Europe/San_Marino"). */
    timezone: tolerant(z.string().min(1)),
  }),
})
export type TranseuStop = z.output<typeof TranseuStop>

/** An exchange a publication went to (doc: `{"id": "006e95ea-...", "name": "API test"}`). */
const TranseuExchange = documented({
  /** doc: a UUID string; assumed: a number is read too. */
  id: tolerant(z.union([z.string().min(1), z.number()])),
  name: tolerant(z.string()),
})

export const TranseuReadPrice = documented({
  value: tolerantNumber(z.number().min(0)),
  currency: tolerant(PriceCurrency),
  period: tolerant(
    documented({
      days: tolerantNumber(count),
      payment: tolerant(z.enum(transeuPaymentKinds)),
    }),
  ),
})
export type TranseuReadPrice = z.output<typeof TranseuReadPrice>

/** `publication` (doc), null before the freight was published. */
export const TranseuPublication = documented({
  id: tolerantNumber(z.number().int()),
  status: tolerant(z.enum(transeuPublicationStatuses)),
  publish_type: tolerant(z.enum(transeuPublishTypes)),
  publish_date: tolerant(Instant),
  /** doc: null, or accepted, canceled, rejected, timeout, ... (an open list). */
  end_reason: tolerant(z.string().nullable()),
  /** assumed: null when the publication names no price. */
  price: tolerant(TranseuReadPrice.nullable()),
  is_quick_pay: tolerant(z.boolean()),
  is_recommended: tolerant(z.boolean()),
  is_shared: tolerant(z.boolean()),
  /** doc: null as well as a count. */
  received_offers: tolerantNumber(count.nullable()),
  sent_offers: tolerantNumber(count),
  smart_match_offers: tolerantNumber(count.nullable()),
  receivers: tolerant(
    documented({
      corporate_exchanges: tolerant(z.array(TranseuExchange)),
      /** doc: missing where the publication went to no private exchange. */
      private_exchanges: tolerant(z.array(TranseuExchange).optional()),
    }),
  ),
  /** doc: whether it went to each kind of receiver (booleans). */
  sent_to: tolerant(
    documented({
      companies: tolerant(z.boolean()),
      corporate_exchange: tolerant(z.boolean()),
      direct: tolerant(z.boolean()),
      private_exchange: tolerant(z.boolean()),
    }),
  ),
  /** doc: null as well as an instant. */
  refresh_from: tolerant(Instant.nullable()),
  /** doc: null; assumed: otherwise a number or a string. */
  stock_id: tolerant(z.union([z.number(), z.string()]).nullable()),
})
export type TranseuPublication = z.output<typeof TranseuPublication>

export const TranseuContactEmployee = documented({
  name: tolerant(z.string()),
  last_name: tolerant(z.string()),
  /** doc: "1007374-1". */
  trans_id: tolerant(z.string()),
})
export type TranseuContactEmployee = z.output<typeof TranseuContactEmployee>

/** `requirements.transport` (doc). */
const transportShape = {
  /** doc: null unless multi_ftl. */
  count: tolerantNumber(count.nullable()),
  /** doc: null, or missing altogether. */
  remaining: tolerantNumber(count.nullable().optional()),
  settlement: tolerant(z.enum(['route', 'ton'])),
  /** doc: null for route settlement. */
  settlement_basis: tolerant(z.enum(['loading', 'unloading']).nullable()),
}

const measure = tolerantNumber(z.number().min(0).nullable())

/** The keys of a freight in the three lists (doc: the Response Fields table and the example). */
const listItemShape = {
  /** The floor: the platform's id of the freight (doc: an integer; text of digits is read too). */
  id: z.union([
    z.number().int().positive(),
    z
      .string()
      .regex(/^\d{1,15}$/)
      .transform(Number),
  ]),
  reference_number: tolerant(z.string()),
  /** assumed: null where the freight has none. */
  shipment_external_id: tolerant(z.string().nullable()),
  /** doc: new, in_progress, unsuccessful_publication, waiting_for_publication; accepted and
   * closed on the other lists. Read as text: the mapper shows an unknown one as it came. */
  status: tolerant(z.string()),
  created: tolerant(Instant),
  ftl: tolerant(z.boolean()),
  transport_type: tolerant(z.enum(['ftl', 'ltl', 'multi_ftl'])),
  /** doc: the dictionary's names; a name it does not hold is reported and left out. */
  truck_bodies: tolerant(z.array(tolerant(TranseuTruckBody))),
  vehicle_size: tolerant(ReadVehicleSize),
  /** Metres (doc: null as well as a number). */
  length: measure,
  width: measure,
  height: measure,
  /** Cubic metres. */
  volume: measure,
  /** doc: `{"max": null, "min": null}` when no temperature is required; assumed: null too. */
  temperature: tolerant(
    documented({
      min: tolerantNumber(z.number().nullable()),
      max: tolerantNumber(z.number().nullable()),
    }).nullable(),
  ),
  /** Minutes (doc: null as well as a number). */
  transit_time: tolerantNumber(count.nullable()),
  requirements: tolerant(documented({ transport: tolerant(documented(transportShape)) })),
  contact_employees: tolerant(z.array(tolerant(TranseuContactEmployee))),
  loading: TranseuStop,
  unloading: TranseuStop,
  /** assumed: on the archive list only. */
  archived_at: tolerant(Instant.nullable().optional()),
  /** doc: null before publication. */
  publication: tolerant(TranseuPublication.nullable()),
}

/** One freight as the three lists return it. */
export const TranseuFreightListItem = documented(listItemShape)
export type TranseuFreightListItem = z.output<typeof TranseuFreightListItem>
export type TranseuListField = keyof typeof listItemShape
export const transeuListFields = Object.keys(listItemShape) as TranseuListField[]

/**
 * One item of a list page requested with `fields`: only the selected keys (doc), so every key may
 * be missing; the id is always asked for (paging needs it).
 */
export const TranseuSelectedItem = documented({
  ...selectable(listItemShape),
  id: listItemShape.id,
})
export type TranseuSelectedItem = z.output<typeof TranseuSelectedItem>

/** A price without terms: `publication_price` and `accepted_price` of the detail (assumed). */
export const TranseuAmount = documented({
  value: tolerantNumber(z.number().min(0)),
  currency: tolerant(PriceCurrency),
})
export type TranseuAmount = z.output<typeof TranseuAmount>

/** A spot as the detail returns it: the draft spot with ids and coordinates (assumed). */
const TranseuSpot = documented({
  id: tolerantNumber(z.number().int()),
  spot_order: tolerantNumber(z.number().int()),
  place: tolerant(
    documented({
      address: tolerant(
        documented({
          country: tolerant(PlaceCountry),
          postal_code: tolerant(z.string()),
          locality: tolerant(z.string()),
          street: tolerant(z.string().nullish()),
        }),
      ),
      coordinates: tolerant(documented(coordinatesShape).nullable()),
    }),
  ),
  operations: tolerant(
    z.array(
      documented({
        operation_order: tolerantNumber(z.number().int()),
        type: tolerant(TranseuOperationType),
        timespans: tolerant(documented({ begin: tolerant(Instant), end: tolerant(Instant) })),
      }),
    ),
  ),
})

/** The carrier of an accepted freight (assumed shape). */
const TranseuCarrier = documented({
  company_id: tolerantNumber(z.number().int()),
  name: tolerant(z.string()),
  trans_id: tolerant(z.string()),
})

/** One freight in full: `GET /ext/freights-api/v1/freights/{id}` (assumed: the list keys plus these). */
export const TranseuFreightDetail = documented({
  ...listItemShape,
  /** Tonnes. */
  capacity: measure,
  loading_meters: measure,
  /** Kilometres. */
  distance: measure,
  publication_price: tolerant(TranseuAmount.nullable()),
  accepted_price: tolerant(TranseuAmount.nullable()),
  carrier: tolerant(TranseuCarrier.nullable()),
  requirements: tolerant(
    documented({
      transport: tolerant(documented(transportShape)),
      is_ftl: tolerant(z.boolean()),
      required_truck_bodies: tolerant(z.array(tolerant(TranseuTruckBody))),
      vehicle_size: tolerant(ReadVehicleSize),
      temperature: tolerant(
        documented({
          min: tolerantNumber(z.number().nullable()),
          max: tolerantNumber(z.number().nullable()),
        }).nullable(),
      ),
    }),
  ),
  loads: tolerant(
    z.array(
      tolerant(
        documented({
          name: tolerant(z.string()),
          amount: tolerantNumber(z.number()),
          type_of_load: tolerant(z.string()),
          weight: tolerantNumber(z.number().nullish()),
        }),
      ),
    ),
  ),
  spots: tolerant(z.array(tolerant(TranseuSpot))),
})
export type TranseuFreightDetail = z.output<typeof TranseuFreightDetail>

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
