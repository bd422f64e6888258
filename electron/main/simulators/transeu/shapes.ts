/**
 * Trans.eu as its documentation describes it, for the simulator: the freights it serves (the list
 * item is the documented answer of `GET /ext/freights-api/v1/freights`: its Response Fields table
 * and its example; the detail adds the keys the provider reference lists), the vocabularies, and
 * the request bodies it accepts (the draft, the token form). Written from the documentation on
 * its own: the simulator is a second opinion on the platform, not a copy of the app's client.
 */
import { z } from 'zod'

export const truckBodies = [
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
export type TruckBody = (typeof truckBodies)[number]

/** Bodies a temperature may be required for. */
export const temperatureBodies: readonly TruckBody[] = ['cooler', 'isotherm', 'hook-truck']

/** Vehicle size parts, in the order the platform joins them with `_`. */
const sizeParts = ['bus', 'double_trailer', 'lorry', 'solo']

/** `any_size`, or parts in the documented order joined by `_` (`lorry_solo`, ...). */
export function isVehicleSize(value: string): boolean {
  if (value === 'any_size') return true
  const parts: string[] = []
  let rest = value
  while (rest) {
    const part = sizeParts.find((name) => rest === name || rest.startsWith(`${name}_`))
    if (!part) return false
    parts.push(part)
    rest = rest.slice(part.length + 1)
    if (rest === '' && value.endsWith('_')) return false
  }
  const order = parts.map((part) => sizeParts.indexOf(part))
  return order.length > 0 && order.every((index, i) => i === 0 || index > (order[i - 1] ?? -1))
}

export const freightStatuses = [
  'new',
  'in_progress',
  'unsuccessful_publication',
  'waiting_for_publication',
  'accepted',
  'closed',
] as const
export type FreightStatus = (typeof freightStatuses)[number]

/** The three lists and the statuses each holds. */
export const lists = {
  freights: ['new', 'in_progress', 'unsuccessful_publication', 'waiting_for_publication'],
  accepted: ['accepted'],
  archive: ['closed'],
} as const satisfies Record<string, readonly FreightStatus[]>
export type ListName = keyof typeof lists

export const publicationStatuses = [
  'active',
  'finished',
  'offers_timeout',
  'waiting_for_publication',
] as const
export const publishTypes = ['exchange', 'companies', 'recommended', 'smartmatch', 'auto'] as const
export type PublishType = (typeof publishTypes)[number]
export const paymentKinds = ['deferred', 'payment_in_advance', 'payment_on_unloading'] as const
export const sortKeys = [
  'status',
  'created_at',
  'loading_date',
  'unloading_date',
  'archived_at',
] as const
export type SortKey = (typeof sortKeys)[number]
/** Freights on a full list page; a shorter page is the last. */
export const pageSize = 30

export interface Coordinates {
  latitude: number
  longitude: number
}

/**
 * `timespans`: `begin`/`end` are instants (the documentation writes them with the place's offset,
 * "2026-02-23T13:30:58+01:00"); `begin_local`/`end_local` the wall-clock time at the place, with
 * that offset in the documentation's example and without one elsewhere.
 */
export interface Timespans {
  begin: string
  end: string
  begin_local: string
  end_local: string
  timezone: string
}

export interface Stop {
  coordinates: Coordinates | null
  place: { country: string; locality: string; postal_code: string }
  timespans: Timespans
}

/** An exchange a publication went to: a UUID string and a name. */
export interface Exchange {
  id: string
  name: string
}

export interface Price {
  value: number
  currency: string
  period: { days: number; payment: (typeof paymentKinds)[number] }
}

export interface Publication {
  id: number
  status: (typeof publicationStatuses)[number]
  publish_type: PublishType
  publish_date: string
  end_reason: string | null
  price: Price | null
  is_quick_pay: boolean
  is_recommended: boolean
  is_shared: boolean
  received_offers: number | null
  sent_offers: number
  smart_match_offers: number | null
  /** `private_exchanges` is missing where the freight went to none. */
  receivers: { corporate_exchanges: Exchange[]; private_exchanges?: Exchange[] }
  sent_to: {
    companies: boolean
    corporate_exchange: boolean
    direct: boolean
    private_exchange: boolean
  }
  refresh_from: string | null
  stock_id: number | null
}

/** `requirements.transport`: `remaining` is missing from some freights. */
export interface TransportRequirements {
  count: number | null
  remaining?: number | null
  settlement: 'route' | 'ton'
  settlement_basis: 'loading' | 'unloading' | null
}

export interface ContactEmployee {
  name: string
  last_name: string
  trans_id: string
}

/** A freight as the lists show it. */
export interface ListFreight {
  id: number
  reference_number: string
  shipment_external_id: string | null
  status: FreightStatus
  created: string
  ftl: boolean
  transport_type: 'ftl' | 'ltl' | 'multi_ftl'
  truck_bodies: TruckBody[]
  vehicle_size: string
  length: number | null
  width: number | null
  height: number | null
  volume: number | null
  /** `{"max": null, "min": null}` when no temperature is required. */
  temperature: { min: number | null; max: number | null }
  transit_time: number | null
  requirements: { transport: TransportRequirements }
  contact_employees: ContactEmployee[]
  loading: Stop
  unloading: Stop
  /** On the archive list only. */
  archived_at?: string | null
  publication: Publication | null
}

/** The keys a list item has, in the order of the documentation's Response Fields table. */
export const listFields = [
  'contact_employees',
  'created',
  'ftl',
  'height',
  'id',
  'length',
  'loading',
  'publication',
  'reference_number',
  'requirements',
  'shipment_external_id',
  'status',
  'temperature',
  'transit_time',
  'transport_type',
  'truck_bodies',
  'unloading',
  'vehicle_size',
  'volume',
  'width',
  'archived_at',
] as const satisfies readonly (keyof ListFreight)[]
export type ListField = (typeof listFields)[number]

export interface Amount {
  value: number
  currency: string
}

export interface Load {
  name: string
  amount: number
  type_of_load: string
  weight?: number | null
}

export interface Spot {
  id: number
  spot_order: number
  place: {
    address: { country: string; postal_code: string; locality: string; street?: string | null }
    coordinates: Coordinates | null
  }
  operations: Array<{
    operation_order: number
    type: 'loading' | 'unloading'
    timespans: { begin: string; end: string }
  }>
}

/** A freight in full: `GET /ext/freights-api/v1/freights/{id}`. */
export interface FreightDetail extends Omit<ListFreight, 'requirements' | 'archived_at'> {
  capacity: number
  loading_meters: number | null
  distance: number | null
  publication_price: Amount | null
  accepted_price: Amount | null
  carrier: { company_id: number; name: string; trans_id: string } | null
  requirements: {
    transport: TransportRequirements
    is_ftl: boolean
    required_truck_bodies: TruckBody[]
    vehicle_size: string
    temperature: { min: number; max: number } | null
  }
  loads: Load[]
  spots: Spot[]
  archived_at: string | null
}

// ---------------------------------------------------------------------------------------------
// What the simulator accepts.

const withOffset = z.iso
  .datetime({ offset: true })
  .regex(/[+-]\d{2}:\d{2}$/, 'Give the time with a numeric offset, e.g. 2026-02-24T08:00:00+01:00.')
const lowerCountry = z.string().regex(/^[a-z]{2}$/, 'Use the lower-case two-letter country code.')
const lowerCurrency = z.string().regex(/^[a-z]{3}$/, 'Use a lower-case currency code such as eur.')
const TruckBodyName = z.enum(truckBodies)
const Temperature = z.object({ min: z.number(), max: z.number() })

const DraftSpot = z.object({
  spot_order: z.number().int().min(1),
  place: z.object({
    address: z.object({
      country: lowerCountry,
      postal_code: z.string().trim().min(1).max(16),
      locality: z.string().trim().min(1).max(100),
      street: z.string().max(200).nullish(),
    }),
    coordinates: z
      .object({
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
      })
      .nullish(),
  }),
  operations: z
    .array(
      z.object({
        operation_order: z.number().int().min(1),
        type: z.enum(['loading', 'unloading']),
        timespans: z.object({ begin: withOffset, end: withOffset }),
      }),
    )
    .min(1),
})
export type DraftSpot = z.infer<typeof DraftSpot>

/**
 * The body of POST (and PUT) `/ext/freights-api/v1/freights`: capacity (t, required),
 * requirements, spots (first a loading, last an unloading), loads (required, may be empty), the
 * external id and the payment; time stamps carry a numeric offset; a temperature only for cooler,
 * isotherm and hook-truck bodies.
 */
export const DraftBody = z
  .object({
    capacity: z.number().positive().max(100),
    requirements: z.object({
      is_ftl: z.boolean(),
      required_truck_bodies: z.array(TruckBodyName).min(1),
      vehicle_size: z.string().refine(isVehicleSize, {
        message:
          'Unknown vehicle size: any_size, or bus, double_trailer, lorry, solo joined by _ in that order.',
      }),
      temperature: Temperature.nullish(),
    }),
    spots: z.array(DraftSpot).min(2, 'A freight needs a loading spot and an unloading spot.'),
    loads: z.array(
      z.object({
        name: z.string().min(1).max(200),
        amount: z.number().int().positive(),
        type_of_load: z.string().min(1),
        weight: z.number().positive().nullish(),
      }),
    ),
    shipment_external_id: z.string().max(64).nullish(),
    payment: z
      .object({
        price: z.object({
          value: z.number().positive(),
          currency: lowerCurrency,
          period: z.object({
            days: z.number().int().min(0).max(365),
            payment: z.enum(paymentKinds),
          }),
        }),
      })
      .nullish(),
  })
  .superRefine((draft, context) => {
    const { temperature, required_truck_bodies: bodies } = draft.requirements
    if (temperature && !bodies.some((body) => temperatureBodies.includes(body))) {
      context.addIssue({
        code: 'custom',
        path: ['requirements', 'temperature'],
        message: 'A temperature is only allowed for cooler, isotherm or hook-truck bodies.',
      })
    }
    if (temperature && temperature.min > temperature.max) {
      context.addIssue({
        code: 'custom',
        path: ['requirements', 'temperature'],
        message: 'The minimum temperature must not be above the maximum.',
      })
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
    const last = draft.spots.length - 1
    if (!draft.spots[0]?.operations.some((operation) => operation.type === 'loading')) {
      context.addIssue({
        code: 'custom',
        path: ['spots', 0, 'operations'],
        message: 'The first spot must have a loading.',
      })
    }
    if (!draft.spots[last]?.operations.some((operation) => operation.type === 'unloading')) {
      context.addIssue({
        code: 'custom',
        path: ['spots', last, 'operations'],
        message: 'The last spot must have an unloading.',
      })
    }
  })
export type DraftBody = z.infer<typeof DraftBody>

/** The form of `POST /ext/auth-api/accounts/token`. */
export const TokenRequest = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('authorization_code'),
    code: z.string().min(1),
    redirect_uri: z.string().min(1),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
    code_verifier: z.string().optional(),
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().min(1),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
  }),
])

export interface TokenAnswer {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  scope: string
  refresh_token: string
}

/** `validation_messages` of a 422: field, then rule name to message (or `validation_error`). */
export type ValidationMessageTree = { [key: string]: string | ValidationMessageTree }
