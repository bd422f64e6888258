/**
 * Trans.eu freights (list items and details) to the normalized freight. Statuses follow the
 * vocabulary in `shared/domain/freight.ts` (one the platform does not document is `unknown`, its
 * word kept as the raw status); places get upper-case countries; windows are the instants plus
 * the platform's IANA zone; fields that could not be read are unknown (null); the payload as
 * received is kept whole as `raw`.
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
import type { ItemReading } from '../paging'
import { timeZoneOf } from '../time-zones'
import { describeValue, oddityLines, readTolerant } from '../tolerant'
import {
  type TranseuFreightDetail,
  TranseuFreightListItem,
  transeuVehicleSizeParts,
  type TranseuAmount,
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
type TranseuFreight = TranseuFreightListItem | TranseuFreightDetail

/**
 * Reads one freight as the platform sent it (a list item by default, or with `shape` a detail):
 * the normalized freight and what in it was not as documented. Throws the reading's error when
 * the freight's floor (its id, each place's country and window begin) cannot be read.
 */
export function readTranseuFreight(
  raw: unknown,
  shape: typeof TranseuFreightListItem | typeof TranseuFreightDetail = TranseuFreightListItem,
): ItemReading<NormalizedFreight> {
  const reading = readTolerant(shape, raw)
  if (!reading.ok) throw reading.error
  const notes = oddityLines(reading.oddities)
  return { item: mapTranseuFreight(reading.value, raw, notes), oddities: notes }
}

/**
 * One Trans.eu freight, as a list or the detail returns it, normalized. `raw` is the payload as
 * received (unknown keys included); it defaults to the read freight. What the mapping itself
 * finds unknown (a status word, a time zone) is added to `notes`.
 */
export function mapTranseuFreight(
  freight: TranseuFreight,
  raw: unknown = freight,
  notes: string[] = [],
): NormalizedFreight {
  const detail =
    'capacity' in freight || 'loads' in freight ? (freight as TranseuFreightDetail) : null
  const loading = stopOf(freight.loading, 'loading', notes)
  const status = statusOf(freight.status, notes)
  return {
    provider: 'transeu',
    providerId: String(freight.id),
    reference: text(freight.reference_number, 100),
    externalNumber: text(freight.shipment_external_id, 100),
    status,
    statusRaw: (freight.status ?? '').slice(0, 60),
    loading,
    unloading: stopOf(freight.unloading, 'unloading', notes),
    transportType: freight.transport_type ?? null,
    truckBodies: [
      ...new Set<TruckBody>((freight.truck_bodies ?? []).filter((body) => body !== undefined)),
    ],
    vehicleSizes: freight.vehicle_size ? transeuVehicleSizes(freight.vehicle_size) : [],
    dimensions: {
      length: measure(freight.length),
      width: measure(freight.width),
      height: measure(freight.height),
      volume: measure(freight.volume),
    },
    capacity: measure(detail?.capacity),
    loadingMeters: measure(detail?.loading_meters),
    temperature: temperatureOf(freight.temperature),
    price: priceOf(freight.publication, detail),
    publication: publicationOf(freight.publication),
    contacts: contactsOf(freight.contact_employees),
    // A freight whose creation time could not be read is dated by its loading (reported).
    createdAt: freight.created ? canonicalInstant(freight.created) : loading.window.start,
    updatedAt: null,
    raw: raw as JsonValue,
  }
}

function statusOf(word: string | undefined, notes: string[]): FreightStatus {
  if (word === undefined) return 'unknown'
  const known = transeuStatusMap[word as TranseuFreightStatus] as FreightStatus | undefined
  if (known) return known
  notes.push(`status: unknown value ${describeValue(word)}`)
  return 'unknown'
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

function stopOf(stop: TranseuStop, name: 'loading' | 'unloading', notes: string[]): Stop {
  const country = stop.place.country.toUpperCase()
  const start = canonicalInstant(stop.timespans.begin)
  const end = stop.timespans.end ? canonicalInstant(stop.timespans.end) : start
  const zone = stop.timespans.timezone
  if (zone !== undefined && !isValidTimeZone(zone)) {
    notes.push(`${name}.timespans.timezone: unknown time zone ${describeValue(zone)}`)
  }
  const coordinates =
    stop.coordinates?.latitude !== undefined && stop.coordinates.longitude !== undefined
      ? { latitude: stop.coordinates.latitude, longitude: stop.coordinates.longitude }
      : null
  return {
    place: {
      country,
      postalCode: (stop.place.postal_code ?? '').trim().slice(0, 20),
      locality: (stop.place.locality ?? '').trim().slice(0, 120),
      ...(coordinates ?? {}),
    },
    window: {
      start,
      // A window that ends before it starts is shown as the instant it starts; raw keeps both.
      end: end < start ? start : end,
      timeZone:
        zone !== undefined && isValidTimeZone(zone) ? zone : timeZoneOf(country, coordinates),
    },
  }
}

/** doc: `{"max": null, "min": null}` means no temperature is required. */
function temperatureOf(
  temperature: TranseuFreight['temperature'],
): NormalizedFreight['temperature'] {
  const min = temperature?.min ?? null
  const max = temperature?.max ?? null
  return min === null && max === null ? null : { min, max }
}

function publicationOf(publication: TranseuPublication | null | undefined): Publication {
  if (publication === undefined) return { state: 'unknown', types: [] }
  if (publication === null) return { state: 'unpublished', types: [] }
  const types = publication.publish_type ? [publication.publish_type] : []
  switch (publication.status) {
    case 'active':
    case 'waiting_for_publication':
      return { state: 'active', types }
    case 'finished':
    case 'offers_timeout':
      return { state: 'ended', types }
    default:
      return { state: 'unknown', types }
  }
}

/** The offered price with its terms; for a detail, the agreed price wins once there is one. */
function priceOf(
  publication: TranseuPublication | null | undefined,
  detail: TranseuFreightDetail | null,
): Price | null {
  const offered = publication?.price ?? null
  const payment = offered?.period?.payment
  const terms = {
    ...(offered?.period?.days !== undefined ? { paymentTermDays: offered.period.days } : {}),
    ...(payment && paymentMethods[payment] ? { paymentMethod: paymentMethods[payment] } : {}),
  }
  const amount =
    usable(detail?.accepted_price) ?? usable(offered) ?? usable(detail?.publication_price)
  if (!amount) return null
  return { value: amount.value, currency: amount.currency.toUpperCase(), ...terms }
}

function usable(
  amount: Pick<TranseuAmount, 'value' | 'currency'> | null | undefined,
): { value: number; currency: string } | null {
  if (!amount || amount.value === undefined || amount.currency === undefined) return null
  return amount.value >= 0 ? { value: amount.value, currency: amount.currency } : null
}

function contactsOf(employees: TranseuFreight['contact_employees']): Contact[] {
  const contacts: Contact[] = []
  for (const person of employees ?? []) {
    if (!person) continue
    const name = `${person.name ?? ''} ${person.last_name ?? ''}`.trim().slice(0, 200)
    if (name) contacts.push({ name })
    if (contacts.length === 20) break
  }
  return contacts
}

function measure(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null
}

function text(value: string | null | undefined, max: number): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed.slice(0, max) : null
}
