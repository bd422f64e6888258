/**
 * Trans.eu freights (list items and details) to the normalized freight. Statuses follow the
 * vocabulary in `shared/domain/freight.ts`; places get upper-case countries; windows are the UTC
 * instants plus the platform's IANA zone; the payload as received is kept as `raw`.
 */
import {
  vehicleSizes as vehicleSizeOrder,
  type Contact,
  type FreightStatus,
  type NormalizedFreight,
  type PaymentMethod,
  type Price,
  type Publication,
  type Stop,
  type TruckBody,
  type VehicleSize,
} from '@shared/domain/freight'
import { canonicalInstant, isValidTimeZone } from '@shared/domain/time'
import { timeZoneOf } from '../time-zones'
import {
  transeuVehicleSizeParts,
  type TranseuFreightDetail,
  type TranseuFreightListItem,
  type TranseuFreightStatus,
  type TranseuPublication,
  type TranseuStop,
} from './wire'

/** Trans.eu's statuses in the app's vocabulary. */
export const transeuStatusMap: Readonly<Record<TranseuFreightStatus, FreightStatus>> = {
  new: 'draft',
  waiting_for_publication: 'publishing',
  in_progress: 'active',
  unsuccessful_publication: 'failed',
  accepted: 'accepted',
  closed: 'archived',
}

const paymentMethods: Readonly<Record<string, PaymentMethod>> = {
  deferred: 'deferred',
  payment_in_advance: 'in_advance',
  payment_on_unloading: 'on_unloading',
}

type JsonValue = NormalizedFreight['raw']

/**
 * One Trans.eu freight, as a list or the detail returns it, normalized. `raw` is the payload as
 * received (unknown keys included); it defaults to the validated freight.
 */
export function mapTranseuFreight(
  freight: TranseuFreightListItem | TranseuFreightDetail,
  raw: unknown = freight,
): NormalizedFreight {
  const detail = 'capacity' in freight ? freight : null
  return {
    provider: 'transeu',
    providerId: String(freight.id),
    reference: text(freight.reference_number, 100),
    externalNumber: text(freight.shipment_external_id, 100),
    status: transeuStatusMap[freight.status],
    statusRaw: freight.status.slice(0, 60),
    loading: stopOf(freight.loading),
    unloading: stopOf(freight.unloading),
    transportType: freight.transport_type,
    truckBodies: [...new Set<TruckBody>(freight.truck_bodies)],
    vehicleSizes: transeuVehicleSizes(freight.vehicle_size),
    dimensions: {
      length: measure(freight.length),
      width: measure(freight.width),
      height: measure(freight.height),
      volume: measure(freight.volume),
    },
    capacity: measure(detail?.capacity),
    loadingMeters: measure(detail?.loading_meters),
    temperature: freight.temperature
      ? { min: freight.temperature.min, max: freight.temperature.max }
      : null,
    price: priceOf(freight.publication, detail),
    publication: publicationOf(freight.publication),
    contacts: freight.contact_employees.slice(0, 20).map((person): Contact => ({
      name: `${person.name} ${person.last_name}`.trim().slice(0, 200),
    })),
    createdAt: canonicalInstant(freight.created),
    updatedAt: null,
    raw: raw as JsonValue,
  }
}

/**
 * The sizes a vehicle-size value accepts: `any_size` is the empty set (any), `lorry_solo` is
 * lorry and solo. Unknown parts are left out.
 */
export function transeuVehicleSizes(value: string): VehicleSize[] {
  if (value === 'any_size') return []
  const found = new Set<VehicleSize>()
  let rest = value
  while (rest.length > 0) {
    const part = transeuVehicleSizeParts.find(
      (name) => rest === name || rest.startsWith(`${name}_`),
    )
    if (!part) break
    if ((vehicleSizeOrder as readonly string[]).includes(part)) found.add(part)
    rest = rest.slice(part.length + 1)
  }
  return vehicleSizeOrder.filter((size) => found.has(size))
}

function stopOf(stop: TranseuStop): Stop {
  const country = stop.place.country.toUpperCase()
  const start = canonicalInstant(stop.timespans.begin)
  const end = canonicalInstant(stop.timespans.end)
  return {
    place: {
      country,
      postalCode: stop.place.postal_code.trim().slice(0, 20),
      locality: stop.place.locality.trim().slice(0, 120),
      ...(stop.coordinates
        ? { latitude: stop.coordinates.latitude, longitude: stop.coordinates.longitude }
        : {}),
    },
    window: {
      start,
      // A window that ends before it starts is shown as the instant it starts; raw keeps both.
      end: end < start ? start : end,
      timeZone: isValidTimeZone(stop.timespans.timezone)
        ? stop.timespans.timezone
        : timeZoneOf(country, stop.coordinates),
    },
  }
}

function publicationOf(publication: TranseuPublication | null): Publication {
  if (!publication) return { state: 'unpublished', types: [] }
  const live = publication.status === 'active' || publication.status === 'waiting_for_publication'
  return { state: live ? 'active' : 'ended', types: [publication.publish_type] }
}

/** The offered price with its terms; for a detail, the agreed price wins once there is one. */
function priceOf(
  publication: TranseuPublication | null,
  detail: TranseuFreightDetail | null,
): Price | null {
  const offered = publication?.price ?? null
  const terms = offered
    ? {
        paymentTermDays: offered.period.days,
        ...(paymentMethods[offered.period.payment]
          ? { paymentMethod: paymentMethods[offered.period.payment] }
          : {}),
      }
    : {}
  const amount = detail?.accepted_price ?? offered ?? detail?.publication_price ?? null
  if (!amount || !(amount.value >= 0)) return null
  return { value: amount.value, currency: amount.currency.toUpperCase(), ...terms }
}

function measure(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null
}

function text(value: string | null | undefined, max: number): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed.slice(0, max) : null
}
