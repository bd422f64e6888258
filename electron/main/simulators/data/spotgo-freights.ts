/**
 * Generated SpotGo freights: a plan per freight, written in SpotGo's shape. A share of them
 * carries the variety SpotGo is known to send: exchange ids as numbers as well as strings, and
 * coordinates left out (SpotGo geocodes them) or spelled `lattitude` as in its documentation.
 */
import { timeSpanText, type Address, type Freight, type FreightStatus } from '../spotgo/shapes'
import { freightComments, internalComments } from './catalog'
import { guid, orderNumber } from './ids'
import type { Place } from './places'
import { planFreight, type FreightPlan } from './plan'
import type { Random } from './random'
import { utcSeconds } from './time'
import { hasTrait } from './variety'

export type SpotGoStatus = FreightStatus

/** Statuses and how often they occur; the loading days fit each status. */
const statusTimings: Record<
  SpotGoStatus,
  { weight: number; loadingDays: readonly [number, number] }
> = {
  Active: { weight: 55, loadingDays: [0, 21] },
  Expired: { weight: 15, loadingDays: [-30, -1] },
  Completed: { weight: 20, loadingDays: [-45, -2] },
  Cancelled: { weight: 10, loadingDays: [-20, 14] },
}
export const spotGoStatusOrder = Object.keys(statusTimings) as SpotGoStatus[]
const statusWeights = spotGoStatusOrder.map((name) => [name, statusTimings[name].weight] as const)
const sourceChoices = [Object.freeze(['1']), Object.freeze(['1', '2'])] as unknown as string[][]

/** Each place's address, made once and frozen: 100,000 freights share them. */
const addresses = new Map<Place, Address>()

function address(place: Place): Address {
  let found = addresses.get(place)
  if (!found) {
    found = Object.freeze({
      countryCode: place.country,
      postalCode: place.postalCode,
      city: place.locality,
      coordinates: Object.freeze({ latitude: place.latitude, longitude: place.longitude }),
    })
    addresses.set(place, found)
  }
  return found
}

export interface SpotGoFreightOptions {
  anchor: number
  /** Makes the external number unique: `ZL/<year>/<serial>`. */
  serial: number
  ownerEmail: string
  status?: SpotGoStatus
  /** Overrides the plan's entry time (freights inserted while a client pages). */
  createdAt?: number
}

/** One SpotGo freight; the status is drawn by weight unless given. */
export function generateSpotGoFreight(random: Random, options: SpotGoFreightOptions): Freight {
  const status = options.status ?? random.weighted(statusWeights)
  const plan = planFreight(random, {
    anchor: options.anchor,
    loadingDays: statusTimings[status].loadingDays,
  })
  const createdAt = options.createdAt ?? plan.createdAt
  const updatedAt =
    options.createdAt ?? Math.min(options.anchor, createdAt + random.int(0, 48) * 3_600_000)
  return spotGoFreightFromPlan(random, plan, {
    id: guid(random),
    externalNumber: orderNumber(createdAt, options.serial),
    owner: options.ownerEmail,
    status,
    createdAt: utcSeconds(createdAt),
    updatedAt: utcSeconds(updatedAt),
  })
}

function spotGoFreightFromPlan(
  random: Random,
  plan: FreightPlan,
  fields: Pick<Freight, 'id' | 'externalNumber' | 'owner' | 'status' | 'createdAt' | 'updatedAt'>,
): Freight {
  const growth = random.float(1.08, 1.25, 2)
  const step = plan.currency === 'EUR' ? 10 : plan.price >= 10_000 ? 500 : 50
  const sources = sourceChoices[random.chance(0.3) ? 1 : 0] as string[]
  const key = fields.id
  return {
    id: fields.id,
    externalNumber: fields.externalNumber,
    owner: fields.owner,
    // Exchange ids: strings as documented; numbers, as seen, for a share of freights.
    sources: hasTrait(key, 'numeric-sources', 0.25) ? sources.map(Number) : sources,
    useAlternativeLocations: random.chance(0.15),
    locations: [
      {
        sequence: 1,
        type: 'Loading',
        address: addressOf(plan.loading, key),
        period: { startDate: utcSeconds(plan.loadingStart), endDate: utcSeconds(plan.loadingEnd) },
      },
      {
        sequence: 2,
        type: 'Unloading',
        address: addressOf(plan.unloading, key),
        period: {
          startDate: utcSeconds(plan.unloadingStart),
          endDate: utcSeconds(plan.unloadingEnd),
        },
      },
    ],
    requirements: {
      trailerTypes: plan.profile.spotgo.trailerTypes,
      vehicleTypes: plan.profile.spotgo.vehicleTypes,
      loadingSide: plan.profile.loadingSide,
      capacity: plan.weight,
      pallets: plan.pallets > 0 ? plan.pallets : null,
      palletsExchange: plan.pallets > 0 ? random.chance(0.4) : null,
      ldm: plan.loadingMeters,
      ftl: plan.ftl,
      temperature: plan.temperature ? { ...plan.temperature, regime: 'Continuous' } : null,
    },
    payment: {
      from: plan.price,
      growTo: Math.round((plan.price * growth) / step) * step,
      term: plan.paymentTermDays,
      until: utcSeconds(plan.loadingStart - random.int(2, 24) * 3_600_000),
      updateRangeInHours: timeSpanText(random.pick([1, 2, 4]) * 3_600_000),
      currency: plan.currency,
    },
    comments: random.chance(0.6)
      ? random.sample(freightComments, random.int(1, 2)).join(' ')
      : null,
    internalComments: random.chance(0.25) ? random.pick(internalComments) : null,
    status: fields.status,
    createdAt: fields.createdAt,
    updatedAt: fields.updatedAt,
  }
}

/**
 * A place's address as the freight with `key` carries it: for a share of freights the coordinates
 * are spelled `lattitude` (as in SpotGo's documentation) or left out (SpotGo geocodes them).
 */
function addressOf(place: Place, key: string): Address {
  const shared = address(place)
  if (hasTrait(key, 'no-coordinates', 0.1)) return { ...shared, coordinates: null }
  if (hasTrait(key, 'lattitude', 0.2)) {
    return { ...shared, coordinates: { lattitude: place.latitude, longitude: place.longitude } }
  }
  return shared
}
