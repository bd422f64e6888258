/**
 * SpotGo freights to the normalized freight. SpotGo's ids for trailer and vehicle types become
 * the shared truck-body and vehicle-size vocabularies; places get their time zone from the country
 * (SpotGo sends none); a status word SpotGo is not known to send is `unknown`, kept as the raw
 * status; fields that could not be read are unknown (null); the payload as received is kept whole
 * as `raw`.
 */
import type {
  FreightStatus,
  NormalizedFreight,
  Stop,
  TruckBody,
  VehicleSize,
} from '@shared/domain/freight'
import { vehicleSizes as vehicleSizeOrder } from '@shared/domain/freight'
import type { FreightPriceChange } from '@shared/domain/sync'
import { canonicalInstant } from '@shared/domain/time'
import type { ItemReading } from '../paging'
import { timeZoneOf } from '../time-zones'
import { describeValue, oddityLines, readTolerant } from '../tolerant'
import {
  SpotGoFreight,
  type spotGoFreightStatuses,
  type SpotGoFreightSubmitInput,
  type SpotGoReadLocation,
} from './wire'

export const spotGoStatusMap: Readonly<
  Record<(typeof spotGoFreightStatuses)[number], FreightStatus>
> = {
  Active: 'active',
  Expired: 'expired',
  Cancelled: 'cancelled',
  Completed: 'completed',
}

/** SpotGo trailer type ids as truck bodies (9 is unused). */
export const spotGoTrailerBodies: Readonly<Record<number, TruckBody>> = {
  1: 'standard-tent',
  2: 'cooler',
  3: 'curtainsider',
  4: 'box',
  5: 'isotherm',
  6: 'mega',
  7: 'jumbo',
  8: 'van',
  10: 'any',
  11: 'platform-trailer',
  12: 'road-train',
  13: 'tanker',
  14: 'walkingfloor',
  15: 'coilmulde',
  16: 'dump-truck',
  17: 'car-transporter',
  18: 'joloda',
  19: 'low-loader',
  20: 'silos',
}

/** SpotGo vehicle type ids as vehicle sizes: semi trailer -> lorry, both solos -> solo, ... */
export const spotGoVehicleSizes: Readonly<Record<number, VehicleSize>> = {
  1: 'lorry',
  2: 'solo',
  3: 'solo',
  4: 'bus',
  5: 'double_trailer',
}

type JsonValue = NormalizedFreight['raw']

/**
 * Reads one freight as SpotGo sent it: the normalized freight and what in it was not as expected.
 * Throws when the freight's floor (its id, a Loading and an Unloading with their country and
 * start) cannot be read.
 */
export function readSpotGoFreight(raw: unknown): ItemReading<NormalizedFreight> {
  const reading = readTolerant(SpotGoFreight, raw)
  if (!reading.ok) throw reading.error
  const notes = oddityLines(reading.oddities)
  return { item: mapSpotGoFreight(reading.value, raw, notes), oddities: notes }
}

/**
 * One SpotGo freight, normalized. `raw` is the payload as received (unknown keys and the
 * `lattitude` spelling included); it defaults to the read freight. What the mapping itself finds
 * unknown (a status word) is added to `notes`. Throws when the freight has no loading or no
 * unloading location.
 */
export function mapSpotGoFreight(
  freight: SpotGoFreight,
  raw: unknown = freight,
  notes: string[] = [],
): NormalizedFreight {
  const loading =
    freight.locations.find((location) => location.type === 'Loading') ?? freight.locations[0]
  const unloading =
    freight.locations.find((location) => location.type === 'Unloading') ??
    (freight.locations.length > 1 ? freight.locations.at(-1) : undefined)
  if (!loading || !unloading || loading === unloading) {
    throw new Error('locations: a Loading and an Unloading are needed')
  }
  const requirements: Partial<NonNullable<SpotGoFreight['requirements']>> =
    freight.requirements ?? {}
  const bodies = (requirements.trailerTypes ?? [])
    .map((id) => (id === undefined ? undefined : spotGoTrailerBodies[id]))
    .filter((body): body is TruckBody => body !== undefined)
  const sizes = new Set(
    (requirements.vehicleTypes ?? []).map((id) =>
      id === undefined ? undefined : spotGoVehicleSizes[id],
    ),
  )
  const payment = freight.payment
  const loadingStop = stopOf(loading)
  const status = statusOf(freight.status, notes)
  const owner = freight.owner?.trim().slice(0, 200) ?? ''
  return {
    provider: 'spotgo',
    providerId: freight.id.slice(0, 100),
    reference: null,
    externalNumber: freight.externalNumber?.trim().slice(0, 100) || null,
    status,
    statusRaw: (freight.status ?? '').slice(0, 60),
    loading: loadingStop,
    unloading: stopOf(unloading),
    transportType: requirements.ftl === true ? 'ftl' : requirements.ftl === false ? 'ltl' : null,
    truckBodies: [...new Set(bodies)],
    vehicleSizes: vehicleSizeOrder.filter((size) => sizes.has(size)),
    dimensions: { length: null, width: null, height: null, volume: null },
    capacity: measure(requirements.capacity),
    loadingMeters: measure(requirements.ldm),
    temperature:
      requirements.temperature &&
      (requirements.temperature.min != null || requirements.temperature.max != null)
        ? {
            min: requirements.temperature.min ?? null,
            max: requirements.temperature.max ?? null,
          }
        : null,
    price:
      payment && payment.from !== undefined && payment.currency !== undefined
        ? {
            value: payment.from,
            currency: payment.currency,
            ...(payment.term != null ? { paymentTermDays: payment.term } : {}),
          }
        : null,
    publication: {
      state: status === 'active' ? 'active' : status === 'unknown' ? 'unknown' : 'ended',
      types: ['spotgo'],
    },
    contacts: owner ? [{ name: owner, email: owner }] : [],
    // A freight whose creation time could not be read is dated by its loading (reported).
    createdAt: freight.createdAt ? canonicalInstant(freight.createdAt) : loadingStop.window.start,
    updatedAt: freight.updatedAt ? canonicalInstant(freight.updatedAt) : null,
    raw: raw as JsonValue,
  }
}

function statusOf(word: string | undefined, notes: string[]): FreightStatus {
  if (word === undefined) return 'unknown'
  const known = spotGoStatusMap[word as keyof typeof spotGoStatusMap] as FreightStatus | undefined
  if (known) return known
  notes.push(`status: unknown value ${describeValue(word)}`)
  return 'unknown'
}

function stopOf(location: SpotGoReadLocation): Stop {
  const { address, period } = location
  const start = canonicalInstant(period.startDate)
  const end = period.endDate ? canonicalInstant(period.endDate) : start
  const latitude = address.coordinates?.latitude ?? address.coordinates?.lattitude
  const longitude = address.coordinates?.longitude
  const coordinates =
    latitude !== undefined && longitude !== undefined ? { latitude, longitude } : null
  return {
    place: {
      country: address.countryCode,
      postalCode: (address.postalCode ?? '').trim().slice(0, 20),
      locality: (address.city ?? '').trim().slice(0, 120),
      ...(coordinates ?? {}),
    },
    window: {
      start,
      // A period that ends before it starts is shown as its start; raw keeps both.
      end: end < start ? start : end,
      timeZone: timeZoneOf(address.countryCode, coordinates),
    },
  }
}

function measure(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null
}

/** The keys of SpotGo's submit body other than the payment. */
const submitKeys = [
  'externalNumber',
  'owner',
  'sources',
  'useAlternativeLocations',
  'locations',
  'requirements',
  'comments',
  'internalComments',
] as const

/**
 * The submit body that changes a freight's price and nothing else: every other field exactly as
 * SpotGo sent it (`current`, the raw freight, so nothing Freightdesk could not read is lost), the
 * payment's start price, ceiling, currency and term from `change`, and its own schedule (`until`,
 * `updateRangeInHours`) kept. The client checks the body against the submit rules before sending.
 */
export function spotGoPriceChangeSubmit(
  current: unknown,
  change: FreightPriceChange,
): SpotGoFreightSubmitInput {
  const held = isRecord(current) ? current : {}
  const payment = isRecord(held.payment) ? held.payment : {}
  const body: Record<string, unknown> = {}
  for (const key of submitKeys) if (key in held) body[key] = held[key]
  body.payment = {
    from: change.price,
    growTo: change.ceiling,
    term: change.paymentTermDays,
    currency: change.currency,
    until: payment.until,
    updateRangeInHours: payment.updateRangeInHours,
  }
  return body as SpotGoFreightSubmitInput
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
