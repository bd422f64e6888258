/**
 * Generated Trans.eu freights: a plan per freight, with a status, its publication and, once
 * accepted, a carrier. A share of them carries the variety the platform's documentation shows:
 * instants written with the place's offset, offers and transit times as null, `remaining` and
 * `private_exchanges` missing, dimensions unknown.
 */
import type {
  ContactEmployee,
  Coordinates,
  Exchange,
  FreightDetail,
  FreightStatus,
  Publication,
  Spot,
  Stop,
  Timespans,
  TransportRequirements,
} from '../transeu/shapes'
import { sandboxCompany } from './catalog'
import { code, guid, orderNumber } from './ids'
import type { Place } from './places'
import { companyIn, planFreight, type FreightPlan } from './plan'
import { createRandom, type Random } from './random'
import { localDateTime, offsetDateTime, utcSeconds } from './time'
import { hasTrait } from './variety'

const hourMs = 3_600_000
const dayMs = 24 * hourMs

/** Statuses and how often they occur; the loading days fit each status. */
const statusTimings: Record<
  FreightStatus,
  { weight: number; loadingDays: readonly [number, number] }
> = {
  new: { weight: 12, loadingDays: [1, 30] },
  in_progress: { weight: 20, loadingDays: [0, 14] },
  waiting_for_publication: { weight: 8, loadingDays: [2, 21] },
  unsuccessful_publication: { weight: 10, loadingDays: [-20, 3] },
  accepted: { weight: 25, loadingDays: [-4, 14] },
  closed: { weight: 25, loadingDays: [-90, -3] },
}
export const transeuStatusOrder = Object.keys(statusTimings) as FreightStatus[]
const statusWeights = transeuStatusOrder.map((name) => [name, statusTimings[name].weight] as const)
const endReasons = [
  ['timeout', 6],
  ['rejected', 2],
  ['canceled', 2],
] as const
const publishTypes = [
  ['exchange', 60],
  ['companies', 15],
  ['recommended', 5],
  ['smartmatch', 10],
  ['auto', 10],
] as const
const paymentKinds = [
  ['deferred', 85],
  ['payment_on_unloading', 10],
  ['payment_in_advance', 5],
] as const
/** Exchanges are named by UUID strings; these are the sandbox company's. */
const exchangeIds = createRandom(3412).fork('exchanges')
const corporateExchanges: readonly Exchange[] = Object.freeze([
  Object.freeze({ id: guid(exchangeIds), name: 'Trans.eu Freight Exchange' }),
])
const privateExchanges: readonly Exchange[] = Object.freeze([
  Object.freeze({ id: guid(exchangeIds), name: 'Baltic partners' }),
])
const noExchanges: readonly Exchange[] = Object.freeze([])
/** doc: `{"max": null, "min": null}` when no temperature is required (shared, frozen). */
const noTemperature = Object.freeze({ max: null, min: null })

/** The sandbox company's dispatchers as Trans.eu contact employees. */
export const transeuEmployees: readonly ContactEmployee[] = sandboxCompany.employees.map(
  (person, index) => ({ ...person, trans_id: `${sandboxCompany.transId}-${index + 1}` }),
)

export interface TranseuFreightOptions {
  anchor: number
  id: number
  /** Makes `shipment_external_id` unique: `ZL/<year>/<serial>`. */
  serial: number
  status?: FreightStatus
  createdAt?: number
  /** Reference numbers already taken; the new one is added. */
  usedReferences: Set<string>
}

/** One Trans.eu freight in full detail; the status is drawn by weight unless given. */
export function generateTranseuFreight(
  random: Random,
  options: TranseuFreightOptions,
): FreightDetail {
  const status = options.status ?? random.weighted(statusWeights)
  const plan = planFreight(random, {
    anchor: options.anchor,
    loadingDays: statusTimings[status].loadingDays,
  })
  const created = options.createdAt ?? plan.createdAt
  const reference = uniqueReference(random, created, options.usedReferences)
  const multi = plan.ftl && random.chance(0.05)
  const count = multi ? random.int(2, 4) : 1
  const done = status === 'accepted' || status === 'closed'
  const key = options.id
  const offsets = writesOffsets(key)
  const instant = instantWriter(offsets, plan.loading.timeZone)
  const publication = publicationFor(random, status, plan, created, options.anchor, key, instant)
  const accepted = publication?.end_reason === 'accepted'
  const carrierCountry = random.chance(0.5) ? plan.loading.country : plan.unloading.country
  const price = publication?.price ?? null
  const temperature = plan.temperature ? { ...plan.temperature } : null
  const settlement = random.chance(0.85) ? ('route' as const) : ('ton' as const)
  const basis = random.chance(0.7) ? ('loading' as const) : ('unloading' as const)
  // doc: count and remaining are null unless the freight is multi_ftl; remaining is missing from
  // some freights; settlement_basis is null for route settlement.
  const transport: TransportRequirements = {
    count: multi ? count : null,
    ...(hasTrait(key, 'no-remaining', 0.3) ? {} : { remaining: multi ? (done ? 0 : count) : null }),
    settlement,
    settlement_basis: settlement === 'ton' ? basis : null,
  }
  const unknownSize = hasTrait(key, 'no-dimensions', 0.15)
  const archivedAt =
    status === 'closed'
      ? Math.min(options.anchor - hourMs, plan.unloadingEnd + random.int(1, 5) * dayMs)
      : null
  return {
    id: options.id,
    reference_number: reference,
    shipment_external_id: random.chance(0.8) ? orderNumber(created, options.serial) : null,
    status,
    created: instant(created),
    ftl: plan.ftl,
    transport_type: multi ? 'multi_ftl' : plan.ftl ? 'ftl' : 'ltl',
    truck_bodies: plan.profile.transeu.truckBodies,
    vehicle_size: plan.profile.transeu.vehicleSize,
    length: unknownSize ? null : plan.profile.length || null,
    width: unknownSize ? null : plan.profile.width || null,
    height: unknownSize ? null : plan.profile.height || null,
    volume: unknownSize ? null : plan.profile.volume || null,
    temperature: temperature ? { ...temperature } : noTemperature,
    transit_time: hasTrait(key, 'no-transit-time', 0.2) ? null : plan.transitMinutes,
    requirements: {
      transport,
      is_ftl: plan.ftl,
      required_truck_bodies: plan.profile.transeu.truckBodies,
      vehicle_size: plan.profile.transeu.vehicleSize,
      temperature,
    },
    contact_employees: random.sample(transeuEmployees, random.int(1, 2)),
    loading: stop(plan.loading, plan.loadingStart, plan.loadingEnd, offsets),
    unloading: stop(plan.unloading, plan.unloadingStart, plan.unloadingEnd, offsets),
    archived_at: archivedAt === null ? null : instant(archivedAt),
    publication,
    capacity: plan.weight,
    loading_meters: plan.loadingMeters,
    distance: plan.distanceKm,
    publication_price: price ? { value: price.value, currency: price.currency } : null,
    accepted_price:
      accepted && price
        ? { value: roundTo(price.value * random.float(0.92, 1.05), 10), currency: price.currency }
        : null,
    carrier: accepted
      ? {
          company_id: random.int(100_000, 1_999_999),
          name: companyIn(random, carrierCountry),
          trans_id: `${random.int(100_000, 1_999_999)}-${random.int(1, 9)}`,
        }
      : null,
    loads: [
      {
        name: plan.goods,
        amount: plan.pallets > 0 ? plan.pallets : count,
        type_of_load: plan.pallets > 0 ? 'europalette' : 'other',
        weight: plan.weight,
      },
    ],
    spots: [
      spot(options.id * 10 + 1, 1, 'loading', plan.loading, plan.loadingStart, plan.loadingEnd),
      spot(
        options.id * 10 + 2,
        2,
        'unloading',
        plan.unloading,
        plan.unloadingStart,
        plan.unloadingEnd,
      ),
    ],
  }
}

/**
 * The `timespans` of a window at a place in `timeZone`. With `offsets` every time is written as
 * the documentation's example writes it, the place's wall clock with its offset
 * ("2026-02-23T13:30:58+01:00"); without, instants are UTC and local times have no offset.
 */
export function timespans(
  timeZone: string,
  begin: number,
  end: number,
  offsets = false,
): Timespans {
  return offsets
    ? {
        begin: offsetDateTime(timeZone, begin),
        end: offsetDateTime(timeZone, end),
        begin_local: offsetDateTime(timeZone, begin),
        end_local: offsetDateTime(timeZone, end),
        timezone: timeZone,
      }
    : {
        begin: utcSeconds(begin),
        end: utcSeconds(end),
        begin_local: localDateTime(timeZone, begin),
        end_local: localDateTime(timeZone, end),
        timezone: timeZone,
      }
}

/** Whether the freight with `key` writes its times with offsets (a share of them, as documented). */
function writesOffsets(key: number): boolean {
  return hasTrait(key, 'offsets', 0.35)
}

/** How a freight writes an instant: UTC, or (`offsets`) the loading place's time with its offset. */
function instantWriter(offsets: boolean, timeZone: string): (instant: number) => string {
  return offsets ? (instant) => offsetDateTime(timeZone, instant) : utcSeconds
}

/** "FR/2026/02/23/2NTS": the platform's reference, by creation date, unique within `used`. */
export function uniqueReference(random: Random, created: number, used: Set<string>): string {
  const day = utcSeconds(created)
  for (;;) {
    // Joined, not a template literal: see wallClock in time.ts.
    const reference = [
      'FR/',
      day.slice(0, 4),
      '/',
      day.slice(5, 7),
      '/',
      day.slice(8, 10),
      '/',
      code(random, 4),
    ].join('')
    if (!used.has(reference)) {
      used.add(reference)
      return reference
    }
  }
}

interface PlaceWire {
  coordinates: Coordinates
  place: Stop['place']
  address: Spot['place']['address']
}
/** Wire pieces of each place, made once and frozen: 100,000 freights share them. */
const placeWires = new Map<Place, PlaceWire>()

function wireOf(place: Place): PlaceWire {
  let wire = placeWires.get(place)
  if (!wire) {
    const country = place.country.toLowerCase()
    wire = Object.freeze({
      coordinates: Object.freeze({ latitude: place.latitude, longitude: place.longitude }),
      place: Object.freeze({ country, locality: place.locality, postal_code: place.postalCode }),
      address: Object.freeze({
        country,
        postal_code: place.postalCode,
        locality: place.locality,
        street: null,
      }),
    })
    placeWires.set(place, wire)
  }
  return wire
}

function stop(place: Place, begin: number, end: number, offsets: boolean): Stop {
  const wire = wireOf(place)
  return {
    coordinates: wire.coordinates,
    place: wire.place,
    timespans: timespans(place.timeZone, begin, end, offsets),
  }
}

function spot(
  id: number,
  order: number,
  type: 'loading' | 'unloading',
  place: Place,
  begin: number,
  end: number,
): Spot {
  const wire = wireOf(place)
  return {
    id,
    spot_order: order,
    place: { address: wire.address, coordinates: wire.coordinates },
    operations: [
      {
        operation_order: 1,
        type,
        timespans: { begin: utcSeconds(begin), end: utcSeconds(end) },
      },
    ],
  }
}

/** The publication a freight in `status` has: none for drafts, finished once accepted or closed. */
function publicationFor(
  random: Random,
  status: FreightStatus,
  plan: FreightPlan,
  created: number,
  anchor: number,
  key: number,
  instant: (at: number) => string,
): Publication | null {
  if (status === 'new') return null
  const waiting = status === 'waiting_for_publication'
  const publishDate = waiting
    ? anchor + random.int(1, 48) * hourMs
    : Math.min(anchor - hourMs, created + random.int(1, 24) * hourMs)
  const unsuccessful = status === 'unsuccessful_publication'
  const endReason =
    waiting || status === 'in_progress'
      ? null
      : unsuccessful
        ? random.weighted(endReasons)
        : status === 'closed' && random.chance(0.15)
          ? 'canceled'
          : 'accepted'
  const publicationStatus: Publication['status'] = waiting
    ? 'waiting_for_publication'
    : status === 'in_progress'
      ? 'active'
      : endReason === 'timeout'
        ? 'offers_timeout'
        : 'finished'
  const offered = waiting ? 0 : random.int(0, 14)
  const exchange = random.chance(0.8)
  const privateExchange = random.chance(0.3)
  // doc: offer counts may be null; private_exchanges is missing where there are none.
  const nullOffers = hasTrait(key, 'null-offers', 0.5)
  // Values are drawn whether or not they are shown, so the rest of the scenario stays the same.
  const orNull = <T>(value: T) => (nullOffers ? null : value)
  // Shared, frozen lists: 100,000 freights use them.
  const privateReceivers = privateExchange
    ? { private_exchanges: privateExchanges as Exchange[] }
    : hasTrait(key, 'no-private-exchanges', 0.5)
      ? {}
      : { private_exchanges: noExchanges as Exchange[] }
  return {
    id: random.int(40_000_000, 49_999_999),
    status: publicationStatus,
    publish_type: random.weighted(publishTypes),
    publish_date: instant(publishDate),
    end_reason: endReason,
    price: random.chance(0.85)
      ? {
          value: plan.price,
          currency: plan.currency.toLowerCase(),
          period: {
            days: plan.paymentTermDays,
            payment: random.weighted(paymentKinds),
          },
        }
      : null,
    is_quick_pay: random.chance(0.2),
    is_recommended: random.chance(0.1),
    is_shared: random.chance(0.1),
    received_offers: orNull(offered),
    sent_offers: waiting ? 0 : random.int(0, 3),
    smart_match_offers: orNull(waiting ? 0 : random.int(0, 2)),
    receivers: {
      corporate_exchanges: (exchange ? corporateExchanges : noExchanges) as Exchange[],
      ...privateReceivers,
    },
    sent_to: {
      companies: !exchange && random.int(3, 40) > 0,
      corporate_exchange: exchange,
      direct: random.int(0, 3) > 0,
      private_exchange: privateExchange,
    },
    refresh_from:
      status === 'in_progress' ? instant(publishDate + random.int(1, 6) * hourMs) : null,
    stock_id: exchange ? random.int(1, 9) : null,
  }
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step
}
