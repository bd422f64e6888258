/**
 * SpotGo freights to the normalized freight. SpotGo's ids for trailer and vehicle types become
 * the shared truck-body and vehicle-size vocabularies; places get their time zone from the country
 * (SpotGo sends none); the payload as received is kept as `raw`. The reader of the wire shape
 * already accepts `lattitude`, sources as numbers and missing optional fields.
 */
import type {
  FreightStatus,
  NormalizedFreight,
  Stop,
  TruckBody,
  VehicleSize,
} from '@shared/domain/freight'
import { vehicleSizes as vehicleSizeOrder } from '@shared/domain/freight'
import { canonicalInstant } from '@shared/domain/time'
import { timeZoneOf } from '../time-zones'
import type { FreightPriceChange } from '@shared/domain/sync'
import type { SpotGoFreight, SpotGoFreightSubmitInput, SpotGoLocation } from './wire'

export const spotGoStatusMap: Readonly<Record<SpotGoFreight['status'], FreightStatus>> = {
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
 * One SpotGo freight, normalized. `raw` is the payload as received (unknown keys and the
 * `lattitude` spelling included); it defaults to the validated freight. Throws when the freight
 * has no loading or no unloading location.
 */
export function mapSpotGoFreight(
  freight: SpotGoFreight,
  raw: unknown = freight,
): NormalizedFreight {
  const loading =
    freight.locations.find((location) => location.type === 'Loading') ?? freight.locations[0]
  const unloading =
    freight.locations.find((location) => location.type === 'Unloading') ??
    (freight.locations.length > 1 ? freight.locations.at(-1) : undefined)
  if (!loading || !unloading) throw new Error('locations: a Loading and an Unloading are needed')
  const requirements = freight.requirements
  const bodies = requirements.trailerTypes
    .map((id) => spotGoTrailerBodies[id])
    .filter((body): body is TruckBody => body !== undefined)
  const sizes = new Set(requirements.vehicleTypes.map((id) => spotGoVehicleSizes[id]))
  const payment = freight.payment
  return {
    provider: 'spotgo',
    providerId: freight.id.slice(0, 100),
    reference: null,
    externalNumber: freight.externalNumber.trim().slice(0, 100) || null,
    status: spotGoStatusMap[freight.status],
    statusRaw: freight.status,
    loading: stopOf(loading),
    unloading: stopOf(unloading),
    transportType: requirements.ftl === true ? 'ftl' : requirements.ftl === false ? 'ltl' : null,
    truckBodies: [...new Set(bodies)],
    vehicleSizes: vehicleSizeOrder.filter((size) => sizes.has(size)),
    dimensions: { length: null, width: null, height: null, volume: null },
    capacity: measure(requirements.capacity),
    loadingMeters: measure(requirements.ldm),
    temperature: requirements.temperature
      ? { min: requirements.temperature.min, max: requirements.temperature.max }
      : null,
    price:
      payment && payment.from >= 0
        ? { value: payment.from, currency: payment.currency, paymentTermDays: payment.term }
        : null,
    publication: {
      state: freight.status === 'Active' ? 'active' : 'ended',
      types: ['spotgo'],
    },
    contacts: [{ name: freight.owner.slice(0, 200), email: freight.owner.slice(0, 200) }],
    createdAt: canonicalInstant(freight.createdAt),
    updatedAt: canonicalInstant(freight.updatedAt),
    raw: raw as JsonValue,
  }
}

function stopOf(location: SpotGoLocation): Stop {
  const { address, period } = location
  const start = canonicalInstant(period.startDate)
  const end = canonicalInstant(period.endDate)
  return {
    place: {
      country: address.countryCode,
      postalCode: address.postalCode.trim().slice(0, 20),
      locality: address.city.trim().slice(0, 120),
      ...(address.coordinates
        ? { latitude: address.coordinates.latitude, longitude: address.coordinates.longitude }
        : {}),
    },
    window: {
      start,
      // A period that ends before it starts is shown as its start; raw keeps both.
      end: end < start ? start : end,
      timeZone: timeZoneOf(address.countryCode, address.coordinates),
    },
  }
}

function measure(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null
}

/**
 * The submit body that changes a freight's price and nothing else: every other field as SpotGo
 * holds it now (`current`), the payment's start price, ceiling, currency and term from `change`,
 * and its own schedule (`until`, `updateRangeInHours`) kept.
 */
export function spotGoPriceChangeSubmit(
  current: SpotGoFreight,
  change: FreightPriceChange,
): SpotGoFreightSubmitInput {
  return {
    externalNumber: current.externalNumber,
    owner: current.owner,
    sources: current.sources,
    useAlternativeLocations: current.useAlternativeLocations,
    locations: current.locations,
    requirements: current.requirements,
    comments: current.comments,
    internalComments: current.internalComments,
    payment: {
      from: change.price,
      growTo: change.ceiling,
      term: change.paymentTermDays,
      currency: change.currency,
      until: current.payment?.until,
      updateRangeInHours: current.payment?.updateRangeInHours,
    },
  }
}
