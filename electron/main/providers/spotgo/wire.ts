/**
 * SpotGo's wire format: every request and response body of the freight endpoints, declared once.
 * Request schemas carry the documented submit rules. SpotGo documents the share call with an
 * example (request and answer, `doc:`); the shape of a freight in an answer is not documented and
 * follows the submit body plus id, status and times (`assumed:`). Answers are read tolerantly
 * (`../tolerant.ts`): a freight is refused only when its id, or the country and start of its
 * loading and unloading, cannot be read; anything else that is not as expected reads as unknown
 * and is reported, and the raw payload is kept whole. Readers accept `lattitude` (the doc's
 * spelling) as well as `latitude`, and exchange ids as strings (doc) or numbers (seen).
 */
import { z } from 'zod'
import { documented, tolerant, tolerantNumber } from '../tolerant'

/** Vehicle type ids (seen, from the provider's mapping page). */
export const spotGoVehicleTypes: Readonly<Record<number, string>> = {
  1: 'Semi trailer',
  2: 'Solo < 12 t',
  3: 'Solo < 7.5 t',
  4: 'Van/bus',
  5: 'Double trailer',
}

/** Trailer type ids (seen); 9 is unused. */
export const spotGoTrailerTypes: Readonly<Record<number, string>> = {
  1: 'Tent',
  2: 'Refrigerator',
  3: 'Tautliner',
  4: 'Box',
  5: 'Isotherm',
  6: 'Mega',
  7: 'Jumbo',
  8: 'Van',
  10: 'Any',
  11: 'Platform',
  12: 'Road train 120 m3',
  13: 'Tanker',
  14: 'Walking floor',
  15: 'Coil mulde',
  16: 'Dump truck',
  17: 'Car transporter',
  18: 'Joloda',
  19: 'Low loader',
  20: 'Silos',
}

export const spotGoFreightStatuses = ['Active', 'Expired', 'Cancelled', 'Completed'] as const
export const spotGoLocationTypes = ['Loading', 'Unloading'] as const
/** "All" is seen; the other sides are assumed. */
export const spotGoLoadingSides = ['All', 'Back', 'Side', 'Top'] as const
/** "Continuous" is seen; "Cyclic" is assumed. */
export const spotGoTemperatureRegimes = ['Continuous', 'Cyclic'] as const
/** The most a share link may live (assumed: 30 days). */
export const spotGoMaxShareLifetimeMs = 30 * 24 * 3_600_000
/** Largest `pageSize` of the list (assumed). */
export const spotGoMaxPageSize = 100

const timeSpanPattern = /^(?:(\d+)\.)?([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.(\d{1,7}))?$/

/** Milliseconds of a .NET TimeSpan written as "hh:mm:ss" or "d.hh:mm:ss", or null if it is not one. */
export function parseTimeSpan(text: string): number | null {
  const match = timeSpanPattern.exec(text)
  if (!match) return null
  const [, days = '0', hours = '0', minutes = '0', seconds = '0', fraction = ''] = match
  const fractionMs = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0
  return (
    ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 +
    Number(seconds) * 1000 +
    fractionMs
  )
}

/** A duration as a .NET TimeSpan ("d.hh:mm:ss", days only when there are any; whole seconds). */
export function formatTimeSpan(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000)
  const days = Math.floor(totalSeconds / 86_400)
  const pad = (value: number) => String(value).padStart(2, '0')
  const clock = `${pad(Math.floor((totalSeconds % 86_400) / 3600))}:${pad(Math.floor((totalSeconds % 3600) / 60))}:${pad(totalSeconds % 60)}`
  return days > 0 ? `${days}.${clock}` : clock
}

const DateTime = z.iso.datetime({ offset: true })

/** An e-mail field whose message speaks only to a value that is there (a missing one is "required"). */
function email(message: string) {
  return z.email({ error: (issue) => (issue.input === undefined ? undefined : message) })
}
export const SpotGoTimeSpan = z
  .string()
  .regex(timeSpanPattern, 'Use a duration written as hh:mm:ss, or d.hh:mm:ss for days.')

function knownId(table: Readonly<Record<number, string>>, what: string) {
  return z
    .number()
    .int()
    .refine((id) => id in table, { message: `Unknown ${what} id.` })
}

/**
 * Coordinates; reads the doc example's `lattitude` as well as `latitude` and always yields
 * `latitude`.
 */
export const SpotGoCoordinates = z
  .object({
    latitude: z.number().min(-90).max(90).optional(),
    lattitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180),
  })
  .refine((value) => value.latitude !== undefined || value.lattitude !== undefined, {
    message: 'The latitude is required.',
    path: ['latitude'],
  })
  .transform(({ latitude, lattitude, longitude }) => ({
    latitude: (latitude ?? lattitude) as number,
    longitude,
  }))
export type SpotGoCoordinates = z.infer<typeof SpotGoCoordinates>

export const SpotGoAddress = z.object({
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'Use the two-letter country code in upper case.'),
  postalCode: z.string().trim().min(1, 'The postal code is required.').max(16),
  city: z.string().trim().min(1, 'The city is required.').max(100),
  /** Geocoded from country and postal code when absent (doc). */
  coordinates: SpotGoCoordinates.nullish(),
})
export type SpotGoAddress = z.infer<typeof SpotGoAddress>

export const SpotGoPeriod = z.object({ startDate: DateTime, endDate: DateTime })
export type SpotGoPeriod = z.infer<typeof SpotGoPeriod>

export const SpotGoLocation = z.object({
  sequence: z.number().int().min(1).max(2),
  type: z.enum(spotGoLocationTypes),
  address: SpotGoAddress,
  period: SpotGoPeriod,
})
export type SpotGoLocation = z.infer<typeof SpotGoLocation>

export const SpotGoTemperature = z.object({
  min: z.number().min(-40).max(40),
  max: z.number().min(-40).max(40),
  regime: z.enum(spotGoTemperatureRegimes),
})
export type SpotGoTemperature = z.infer<typeof SpotGoTemperature>

export const SpotGoRequirements = z.object({
  trailerTypes: z.array(knownId(spotGoTrailerTypes, 'trailer type')),
  vehicleTypes: z.array(knownId(spotGoVehicleTypes, 'vehicle type')),
  loadingSide: z.enum(spotGoLoadingSides).nullish(),
  /** Tonnes. */
  capacity: z.number().positive().max(60).nullish(),
  pallets: z.number().int().min(0).max(80).nullish(),
  palletsExchange: z.boolean().nullish(),
  /** Loading metres. */
  ldm: z.number().min(0).max(25).nullish(),
  ftl: z.boolean().nullish(),
  temperature: SpotGoTemperature.nullish(),
})
export type SpotGoRequirements = z.infer<typeof SpotGoRequirements>

export const SpotGoPayment = z.object({
  /** Start price. */
  from: z.number().positive(),
  /** Ceiling the price may grow to. */
  growTo: z.number().positive().nullish(),
  /** Payment term in days. */
  term: z.number().int().min(0).max(365),
  until: DateTime.nullish(),
  updateRangeInHours: SpotGoTimeSpan.nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code in upper case.'),
})
export type SpotGoPayment = z.infer<typeof SpotGoPayment>

/** Exchange ids: the doc shows strings ("1"); numbers are accepted too. Always yields strings. */
export const SpotGoSources = z
  .array(
    z.union([
      z.string().regex(/^[1-9]\d*$/, 'An exchange id is a positive whole number.'),
      z.number().int().positive(),
    ]),
  )
  .transform((ids) => ids.map(String))

const submitFields = {
  /** The dispatcher's own reference. */
  externalNumber: z.string().trim().min(1, 'The external number is required.').max(50),
  /** E-mail of the SpotGo user who owns the freight. */
  owner: email('The owner must be an e-mail address.'),
  sources: SpotGoSources,
  useAlternativeLocations: z.boolean().nullish(),
  locations: z
    .array(SpotGoLocation)
    .min(2, 'A freight needs a Loading and an Unloading location.')
    .max(2, 'At most 2 locations are allowed.'),
  requirements: SpotGoRequirements,
  payment: SpotGoPayment.nullish(),
  comments: z.string().max(2000).nullish(),
  internalComments: z.string().max(2000).nullish(),
}

/** The submit body of POST and PUT `/api/v1/freights`, with the rules the docs imply. */
export const SpotGoFreightSubmit = z.object(submitFields).superRefine((freight, context) => {
  if (freight.sources.length === 0) {
    context.addIssue({ code: 'custom', path: ['sources'], message: 'Name at least one exchange.' })
  }
  freight.locations.forEach((location, index) => {
    const expectedType = index === 0 ? 'Loading' : 'Unloading'
    if (location.type !== expectedType) {
      context.addIssue({
        code: 'custom',
        path: ['locations', index, 'type'],
        message: `Location ${index + 1} must be the ${expectedType}: first a Loading, then an Unloading.`,
      })
    }
    if (location.sequence !== index + 1) {
      context.addIssue({
        code: 'custom',
        path: ['locations', index, 'sequence'],
        message: `The sequence of location ${index + 1} must be ${index + 1}.`,
      })
    }
    if (Date.parse(location.period.endDate) <= Date.parse(location.period.startDate)) {
      context.addIssue({
        code: 'custom',
        path: ['locations', index, 'period', 'endDate'],
        message: 'The end date must be after the start date.',
      })
    }
  })
  const [loading, unloading] = freight.locations
  if (
    loading &&
    unloading &&
    Date.parse(unloading.period.startDate) < Date.parse(loading.period.startDate)
  ) {
    context.addIssue({
      code: 'custom',
      path: ['locations', 1, 'period', 'startDate'],
      message: 'The unloading cannot start before the loading starts.',
    })
  }
  const temperature = freight.requirements.temperature
  if (temperature && temperature.min > temperature.max) {
    context.addIssue({
      code: 'custom',
      path: ['requirements', 'temperature', 'max'],
      message: 'The maximum temperature must not be below the minimum.',
    })
  }
  const payment = freight.payment
  if (payment?.growTo != null && payment.growTo < payment.from) {
    context.addIssue({
      code: 'custom',
      path: ['payment', 'growTo'],
      message: 'The ceiling price must not be below the start price.',
    })
  }
})
export type SpotGoFreightSubmit = z.infer<typeof SpotGoFreightSubmit>
export type SpotGoFreightSubmitInput = z.input<typeof SpotGoFreightSubmit>

// ---------------------------------------------------------------------------------------------
// Freights as SpotGo sends them (assumed: the submit shape plus id, status and times), read
// tolerantly.

const Latitude = z.number().min(-90).max(90)
const Longitude = z.number().min(-180).max(180)

/** An id of SpotGo's mapping tables; one the table does not hold is reported and left out. */
function mappedId(table: Readonly<Record<number, string>>) {
  return tolerantNumber(
    z
      .number()
      .int()
      .refine((id) => id in table, 'unknown value'),
  )
}

export const SpotGoReadLocation = documented({
  sequence: tolerantNumber(z.number().int()),
  /** A location whose type cannot be read is placed by its position. */
  type: tolerant(z.enum(spotGoLocationTypes)),
  address: documented({
    /** The floor of a place: ISO 3166-1 alpha-2 (upper case documented; lower case read too). */
    countryCode: z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .transform((code) => code.toUpperCase()),
    postalCode: tolerant(z.string()),
    city: tolerant(z.string()),
    /** doc: the example spells `lattitude`; `latitude` is seen. Absent: geocoded by SpotGo. */
    coordinates: tolerant(
      documented({
        latitude: tolerantNumber(Latitude.optional()),
        lattitude: tolerantNumber(Latitude.optional()),
        longitude: tolerantNumber(Longitude),
      }).nullish(),
    ),
  }),
  period: documented({
    /** The floor of a window: when it starts. */
    startDate: DateTime,
    endDate: tolerant(DateTime),
  }),
})
export type SpotGoReadLocation = z.output<typeof SpotGoReadLocation>

/** One freight as the API returns it. */
export const SpotGoFreight = documented({
  /** The floor: SpotGo's id of the freight (a GUID; a number is read as its text). */
  id: z.union([z.string().trim().min(1), z.number().transform(String)]),
  externalNumber: tolerant(z.string().nullish()),
  /** E-mail of the SpotGo user who owns the freight. */
  owner: tolerant(z.string().nullish()),
  /** doc: exchange ids as strings ("1"); seen: numbers. */
  sources: tolerant(
    z.array(tolerant(z.union([z.string().min(1), z.number().transform(String)]))).nullish(),
  ),
  useAlternativeLocations: tolerant(z.boolean().nullish()),
  /** The floor: a Loading and an Unloading (by type, else by position). */
  locations: z.array(SpotGoReadLocation).min(1),
  requirements: tolerant(
    documented({
      trailerTypes: tolerant(z.array(mappedId(spotGoTrailerTypes)).nullish()),
      vehicleTypes: tolerant(z.array(mappedId(spotGoVehicleTypes)).nullish()),
      loadingSide: tolerant(z.enum(spotGoLoadingSides).nullish()),
      /** Tonnes. */
      capacity: tolerantNumber(z.number().min(0).nullish()),
      pallets: tolerantNumber(z.number().int().min(0).nullish()),
      palletsExchange: tolerant(z.boolean().nullish()),
      /** Loading metres. */
      ldm: tolerantNumber(z.number().min(0).nullish()),
      ftl: tolerant(z.boolean().nullish()),
      temperature: tolerant(
        documented({
          min: tolerantNumber(z.number().nullable()),
          max: tolerantNumber(z.number().nullable()),
          regime: tolerant(z.enum(spotGoTemperatureRegimes).nullish()),
        }).nullish(),
      ),
    }).nullish(),
  ),
  payment: tolerant(
    documented({
      from: tolerantNumber(z.number().min(0)),
      growTo: tolerantNumber(z.number().min(0).nullish()),
      term: tolerantNumber(z.number().int().min(0).nullish()),
      until: tolerant(DateTime.nullish()),
      updateRangeInHours: tolerant(SpotGoTimeSpan.nullish()),
      /** Upper case (seen: "EUR"); lower case read too. */
      currency: tolerant(
        z
          .string()
          .regex(/^[A-Za-z]{3}$/)
          .transform((code) => code.toUpperCase()),
      ),
    }).nullish(),
  ),
  comments: tolerant(z.string().nullish()),
  internalComments: tolerant(z.string().nullish()),
  /** assumed: Active, Expired, Cancelled, Completed. Read as text: another word shows as it came. */
  status: tolerant(z.string()),
  createdAt: tolerant(DateTime),
  updatedAt: tolerant(DateTime.nullish()),
})
export type SpotGoFreight = z.output<typeof SpotGoFreight>

/**
 * The list as a client reads it (assumed: `{items, totalCount, page, pageSize}`, `page` 1-based),
 * or a bare array (then without paging facts). The items are left unchecked so that each freight
 * is read on its own (one unreadable freight does not sink its page).
 */
export const SpotGoFreightListLoose = z.union([
  z.looseObject({
    items: z.array(z.unknown()),
    totalCount: z.number().int().min(0).optional().catch(undefined),
    page: z.number().int().min(1).optional().catch(undefined),
    pageSize: z.number().int().min(1).optional().catch(undefined),
  }),
  z.array(z.unknown()).transform((items) => ({
    items,
    totalCount: undefined,
    page: undefined,
    pageSize: undefined,
  })),
])
export type SpotGoFreightListLoose = z.infer<typeof SpotGoFreightListLoose>

/** Create answers 200 with at least `{id}` (seen); the simulator sends the whole freight. */
export const SpotGoFreightCreated = z.looseObject({ id: z.string().min(1) })
export type SpotGoFreightCreated = z.infer<typeof SpotGoFreightCreated>

export const SpotGoShareRequest = z.object({
  freightIds: z.array(z.string().min(1)).min(1, 'Name at least one freight to share.'),
  /** How long the link lives, as a .NET TimeSpan ("hh:mm:ss" or "d.hh:mm:ss"). */
  urlExpirationTime: SpotGoTimeSpan,
  ownerEmail: email('The owner e-mail must be an e-mail address.'),
})
export type SpotGoShareRequest = z.infer<typeof SpotGoShareRequest>

/**
 * doc: `{"url": "https://app-test.spotgo.eu/public/freights?token=MDE5...%3D%3D", "validUntil":
 * "2025-08-18T08:37:51.248Z"}`. The link (kept exactly as sent: its token is URL-encoded) and
 * its end are the floor.
 */
export const SpotGoShareResponse = documented({ url: z.url(), validUntil: DateTime })
export type SpotGoShareResponse = z.output<typeof SpotGoShareResponse>

/** RFC 7807 problem details; validation problems add `errors: {field: [messages]}`. */
export const ProblemDetails = z.looseObject({
  type: z.string().nullish(),
  title: z.string().nullish(),
  status: z.number().int().nullish(),
  detail: z.string().nullish(),
  instance: z.string().nullish(),
  errors: z.record(z.string(), z.array(z.string())).nullish(),
})
export type ProblemDetails = z.infer<typeof ProblemDetails>

/** SpotGo's other error body (assumed shape). */
export const ErrorViewModel = z.looseObject({
  message: z.string(),
  errors: z.array(z.object({ field: z.string().nullish(), message: z.string() })).nullish(),
})
export type ErrorViewModel = z.infer<typeof ErrorViewModel>
