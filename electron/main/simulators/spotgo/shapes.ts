/**
 * SpotGo as its documentation (and the integrators' notes it is known by) describes it, for the
 * simulator: the freights it serves (the submit body plus id, status and times, as the provider
 * reference assumes), its mapping tables, the bodies it accepts (a freight, a share request) and
 * the share answer, whose link has the documented form `<app host>/public/freights?token=...`.
 * Written from the documentation on its own: the simulator is a second opinion on SpotGo, not a
 * copy of the app's client.
 */
import { z } from 'zod'

/** Vehicle type ids (the provider's mapping page). */
export const vehicleTypeNames: Readonly<Record<number, string>> = {
  1: 'Semi trailer',
  2: 'Solo < 12 t',
  3: 'Solo < 7.5 t',
  4: 'Van/bus',
  5: 'Double trailer',
}

/** Trailer type ids (the provider's mapping page); 9 is unused. */
export const trailerTypeNames: Readonly<Record<number, string>> = {
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

export type FreightStatus = 'Active' | 'Expired' | 'Cancelled' | 'Completed'
/** The longest a share link may live (the reference assumes 30 days). */
export const maxShareLifetimeMs = 30 * 24 * 3_600_000
/** The largest `pageSize` of the list (assumed). */
export const maxPageSize = 100

const timeSpan = /^(?:(\d+)\.)?([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.(\d{1,7}))?$/

/** Milliseconds of a .NET TimeSpan ("02:00:00", "3.00:00:00"), or null when it is not one. */
export function timeSpanMs(text: string): number | null {
  const match = timeSpan.exec(text)
  if (!match) return null
  const days = Number(match[1] ?? 0)
  const [hours, minutes, seconds] = [match[2], match[3], match[4]].map(Number) as [
    number,
    number,
    number,
  ]
  const fraction = match[5] ? Math.round(Number(`0.${match[5]}`) * 1000) : 0
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000 + fraction
}

/** A duration as a .NET TimeSpan: "hh:mm:ss", with "d." in front when it spans days. */
export function timeSpanText(ms: number): string {
  const total = Math.floor(ms / 1000)
  const two = (value: number) => String(value).padStart(2, '0')
  const clock = [Math.floor(total / 3600) % 24, Math.floor(total / 60) % 60, total % 60]
    .map(two)
    .join(':')
  const days = Math.floor(total / 86_400)
  return days > 0 ? `${days}.${clock}` : clock
}

/** Coordinates: the doc example spells `lattitude`; `latitude` is what clients send. */
export type Coordinates =
  { latitude: number; longitude: number } | { lattitude: number; longitude: number }

export interface Address {
  countryCode: string
  postalCode: string
  city: string
  /** Geocoded from country and postal code when a submit leaves them out. */
  coordinates?: Coordinates | null
}

export interface Location {
  sequence: number
  type: 'Loading' | 'Unloading'
  address: Address
  period: { startDate: string; endDate: string }
}

export interface Requirements {
  trailerTypes: number[]
  vehicleTypes: number[]
  loadingSide?: 'All' | 'Back' | 'Side' | 'Top' | null
  capacity?: number | null
  pallets?: number | null
  palletsExchange?: boolean | null
  ldm?: number | null
  ftl?: boolean | null
  temperature?: { min: number; max: number; regime: 'Continuous' | 'Cyclic' } | null
}

export interface Payment {
  from: number
  growTo?: number | null
  term: number
  until?: string | null
  updateRangeInHours?: string | null
  currency: string
}

/** A freight as the API returns it. */
export interface Freight {
  id: string
  externalNumber: string
  owner: string
  /** Exchange ids: strings in the documentation's example ("1"); numbers are seen too. */
  sources: Array<string | number>
  useAlternativeLocations?: boolean | null
  locations: Location[]
  requirements: Requirements
  payment?: Payment | null
  comments?: string | null
  internalComments?: string | null
  status: FreightStatus
  createdAt: string
  updatedAt: string
}

/** doc: the answer to `POST /api/v1/freights/share`. */
export interface ShareAnswer {
  url: string
  validUntil: string
}

/** RFC 7807 problem details, validation problems with `errors: {field: [messages]}`. */
export interface ProblemDetails {
  type: string
  title: string
  status: number
  detail: string
  traceId?: string
  errors?: Record<string, string[]>
}

/** SpotGo's other error body. */
export interface ErrorViewModel {
  message: string
  errors: Array<{ field?: string | null; message: string }>
}

// ---------------------------------------------------------------------------------------------
// What the simulator accepts.

const instant = z.iso.datetime({ offset: true })
const owner = z.email({
  error: (issue) =>
    issue.input === undefined ? undefined : 'The owner must be an e-mail address.',
})
const mapped = (table: Readonly<Record<number, string>>, what: string) =>
  z
    .number()
    .int()
    .refine((id) => id in table, `Unknown ${what} id.`)

const SubmitLocation = z.object({
  sequence: z.number().int().min(1).max(2),
  type: z.enum(['Loading', 'Unloading']),
  address: z.object({
    countryCode: z.string().regex(/^[A-Z]{2}$/, 'Use the two-letter country code in upper case.'),
    postalCode: z.string().trim().min(1, 'The postal code is required.').max(16),
    city: z.string().trim().min(1, 'The city is required.').max(100),
    coordinates: z
      .union([
        z.object({
          latitude: z.number().min(-90).max(90),
          longitude: z.number().min(-180).max(180),
        }),
        z.object({
          lattitude: z.number().min(-90).max(90),
          longitude: z.number().min(-180).max(180),
        }),
      ])
      .nullish(),
  }),
  period: z.object({ startDate: instant, endDate: instant }),
})

/**
 * POST and PUT `/api/v1/freights`: the submit body. At most two locations, a Loading then an
 * Unloading; exchange ids as strings or numbers; a period ends after it starts.
 */
export const SubmitBody = z
  .object({
    externalNumber: z.string().trim().min(1, 'The external number is required.').max(50),
    owner,
    sources: z
      .array(
        z.union([
          z.string().regex(/^[1-9]\d*$/, 'An exchange id is a positive whole number.'),
          z.number().int().positive(),
        ]),
      )
      .min(1, 'Name at least one exchange.'),
    useAlternativeLocations: z.boolean().nullish(),
    locations: z
      .array(SubmitLocation)
      .min(2, 'A freight needs a Loading and an Unloading location.')
      .max(2, 'At most 2 locations are allowed.'),
    requirements: z.object({
      trailerTypes: z.array(mapped(trailerTypeNames, 'trailer type')),
      vehicleTypes: z.array(mapped(vehicleTypeNames, 'vehicle type')),
      loadingSide: z.enum(['All', 'Back', 'Side', 'Top']).nullish(),
      capacity: z.number().positive().max(60).nullish(),
      pallets: z.number().int().min(0).max(80).nullish(),
      palletsExchange: z.boolean().nullish(),
      ldm: z.number().min(0).max(25).nullish(),
      ftl: z.boolean().nullish(),
      temperature: z
        .object({
          min: z.number().min(-40).max(40),
          max: z.number().min(-40).max(40),
          regime: z.enum(['Continuous', 'Cyclic']),
        })
        .nullish(),
    }),
    payment: z
      .object({
        from: z.number().positive(),
        growTo: z.number().positive().nullish(),
        term: z.number().int().min(0).max(365),
        until: instant.nullish(),
        updateRangeInHours: z
          .string()
          .regex(timeSpan, 'Use a duration written as hh:mm:ss, or d.hh:mm:ss for days.')
          .nullish(),
        currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code in upper case.'),
      })
      .nullish(),
    comments: z.string().max(2000).nullish(),
    internalComments: z.string().max(2000).nullish(),
  })
  .superRefine((freight, context) => {
    freight.locations.forEach((location, index) => {
      const expected = index === 0 ? 'Loading' : 'Unloading'
      if (location.type !== expected) {
        context.addIssue({
          code: 'custom',
          path: ['locations', index, 'type'],
          message: `Location ${index + 1} must be the ${expected}: first a Loading, then an Unloading.`,
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
export type SubmitBody = z.infer<typeof SubmitBody>

/**
 * doc: the body of `POST /api/v1/freights/share`, e.g. `{"freightIds":
 * ["3fa85f64-5717-4562-b3fc-2c963f66afa6"], "urlExpirationTime": "02:00:00", "ownerEmail":
 * "petras@spotgo.eu"}`.
 */
export const ShareRequest = z.object({
  freightIds: z.array(z.string().min(1)).min(1, 'Name at least one freight to share.'),
  urlExpirationTime: z
    .string()
    .regex(timeSpan, 'Use a duration written as hh:mm:ss, or d.hh:mm:ss for days.'),
  ownerEmail: z.email({
    error: (issue) =>
      issue.input === undefined ? undefined : 'The owner e-mail must be an e-mail address.',
  }),
})
