/**
 * Realistic normalized freights for tests and benchmarks: real European places with their time
 * zones, loading windows in local working hours, prices that follow the distance, the providers'
 * status and truck-body habits, contacts with diacritics, and a provider-shaped raw payload.
 * Deterministic: the same seed gives the same freights on every machine.
 */
import {
  type FreightStatus,
  type NormalizedFreight,
  type Provider,
  type PublicationType,
  type Stop,
  type TruckBody,
  type VehicleSize,
  vehicleSizes,
} from '@shared/domain/freight'
import {
  places,
  countryWeights,
  placesIn,
  type Place,
} from '../../electron/main/simulators/data/places'
import { createRandom, type Random } from '../../electron/main/simulators/data/random'
import { zoneOffsetMs } from '@shared/domain/time'
import { spotgoPayload, transeuPayload } from './provider-payloads'

/** Generated loading windows open within ±45 days of this day. */
export const factoryEpoch = Date.UTC(2026, 2, 1)

const hour = 3_600_000
const day = 24 * hour

/** The UTC instant of a wall-clock time (`2026-03-05T23:30`) in `timeZone`. */
export function zonedToUtc(local: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!match) throw new Error(`Expected YYYY-MM-DDTHH:mm, got ${local}`)
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number]
  const wall = Date.UTC(y, mo - 1, d, h, mi)
  // Two passes settle the offset on either side of a daylight-saving change.
  let guess = wall - zoneOffsetMs(wall, timeZone)
  guess = wall - zoneOffsetMs(guess, timeZone)
  return new Date(guess).toISOString()
}

/** A real place by locality name (Łódź, Šiauliai, ...). */
export function placeNamed(locality: string): Place {
  const place = places.find((each) => each.locality === locality)
  if (!place) throw new Error(`No place named ${locality} in places.ts`)
  return place
}

/** A stop at a real place whose window opens at a local wall-clock time there. */
export function stopAt(locality: string, localStart: string, hours = 2): Stop {
  const place = placeNamed(locality)
  const start = Date.parse(zonedToUtc(localStart, place.timeZone))
  return stopOf(place, start, start + hours * hour)
}

const transeuStatuses: ReadonlyArray<readonly [readonly [FreightStatus, string], number]> = [
  [['draft', 'new'], 8],
  [['publishing', 'waiting_for_publication'], 4],
  [['active', 'in_progress'], 36],
  [['failed', 'unsuccessful_publication'], 3],
  [['accepted', 'accepted'], 24],
  [['archived', 'closed'], 25],
] as const
const spotgoStatuses: ReadonlyArray<readonly [readonly [FreightStatus, string], number]> = [
  [['active', 'Active'], 50],
  [['completed', 'Completed'], 22],
  [['expired', 'Expired'], 16],
  [['cancelled', 'Cancelled'], 12],
] as const

const transeuBodies: ReadonlyArray<readonly [TruckBody, number]> = [
  ['curtainsider', 30],
  ['standard-tent', 22],
  ['cooler', 10],
  ['mega', 8],
  ['box', 7],
  ['isotherm', 5],
  ['jumbo', 3],
  ['open-box', 3],
  ['platform-trailer', 3],
  ['walkingfloor', 2],
  ['car-transporter', 2],
  ['tanker', 2],
  ['low-loader', 1],
  ['coilmulde', 1],
  ['joloda', 1],
  ['silos', 1],
  ['dump-truck', 1],
  ['20-standard', 1],
  ['40-standard', 1],
  ['food-tanker', 1],
  ['meathanging', 1],
]
/** SpotGo's trailer types as the mappers will name them (tent, refrigerator, tautliner, ...). */
const spotgoBodies: ReadonlyArray<readonly [TruckBody, number]> = [
  ['curtainsider', 25],
  ['standard-tent', 20],
  ['cooler', 12],
  ['box', 8],
  ['mega', 7],
  ['any', 7],
  ['van', 6],
  ['isotherm', 4],
  ['jumbo', 3],
  ['road-train', 2],
  ['platform-trailer', 2],
  ['tanker', 1],
  ['walkingfloor', 1],
  ['low-loader', 1],
  ['car-transporter', 1],
]

const currencies: ReadonlyArray<readonly [string, number, number]> = [
  // code, weight, units per euro
  ['EUR', 70, 1],
  ['PLN', 20, 4.3],
  ['CZK', 3, 25],
  ['HUF', 2, 390],
  ['RON', 2, 5],
  ['SEK', 1, 11.5],
  ['CHF', 1, 0.95],
  ['GBP', 1, 0.85],
]

const firstNames = [
  'Łukasz',
  'Małgorzata',
  'Jürgen',
  'Žydrūnas',
  'Agnė',
  'Tomáš',
  'Zoltán',
  'Anna',
  'Piotr',
  'Sören',
  'Ştefan',
  'Jānis',
  'Marta',
  'Dawid',
  'Björn',
]
const lastNames = [
  'Wiśniewski',
  'Kowalczyk',
  'Müller',
  'Kazlauskas',
  'Šimkus',
  'Dvořák',
  'Nagy',
  'Nowak',
  'Gößling',
  'Popescu',
  'Bērziņš',
  'Zieliński',
  'Øvergaard',
  'Đorđević',
  'Krüger',
]
const companies = [
  'trans-pol',
  'spedycja-lodz',
  'logistik-nord',
  'baltic-cargo',
  'via-transit',
  'eurofracht',
]

/** The usual order of generated freights: the same seed, the same list. */
export function makeFreights(
  count: number,
  seed: number,
  options: { provider?: Provider } = {},
): NormalizedFreight[] {
  const random = createRandom(seed)
  return Array.from({ length: count }, (_, index) =>
    generate(random, index, seed, options.provider),
  )
}

let nextSeed = 1

/** One generated freight with `overrides` applied on top (top-level fields replaced whole). */
export function makeFreight(
  overrides: Partial<NormalizedFreight> = {},
  seed = nextSeed++,
): NormalizedFreight {
  const random = createRandom(seed * 7919)
  const base = generate(random, seed, 1_000_000 + seed, overrides.provider)
  return { ...base, ...overrides }
}

function generate(random: Random, index: number, seed: number, only?: Provider): NormalizedFreight {
  const provider: Provider = only ?? (random.chance(0.45) ? 'spotgo' : 'transeu')
  const loadingPlace = pickPlace(random)
  let unloadingPlace = pickPlace(random)
  while (unloadingPlace.locality === loadingPlace.locality) unloadingPlace = pickPlace(random)

  const loadingDay = new Date(factoryEpoch + random.int(-45, 45) * day).toISOString().slice(0, 10)
  const loadingClock = `${String(random.int(5, 19)).padStart(2, '0')}:${random.pick(['00', '15', '30', '45'])}`
  const loadingStart = Date.parse(
    zonedToUtc(`${loadingDay}T${loadingClock}`, loadingPlace.timeZone),
  )
  const loadingEnd = loadingStart + random.int(1, 8) * hour
  const km = distanceKm(loadingPlace, unloadingPlace)
  const drivingHours = km / 65 + random.int(2, 20)
  const unloadingStart = loadingEnd + Math.round(drivingHours) * hour
  const unloadingEnd = unloadingStart + random.int(1, 6) * hour

  const [status, statusRaw] = random.weighted(
    provider === 'spotgo' ? spotgoStatuses : transeuStatuses,
  )
  const transportType = random.weighted([
    ['ftl', 60],
    ['ltl', 33],
    ['multi_ftl', 4],
    [null, 3],
  ] as const)
  const bodyCount = random.weighted([
    [1, 60],
    [2, 30],
    [3, 10],
  ] as const)
  const bodies = new Set<TruckBody>()
  while (bodies.size < bodyCount)
    bodies.add(random.weighted(provider === 'spotgo' ? spotgoBodies : transeuBodies))
  const truckBodies = [...bodies]
  const sizes: VehicleSize[] = random.chance(0.4)
    ? []
    : random.sample(vehicleSizes, random.int(1, 2)).sort()
  const ftl = transportType !== 'ltl'
  const cold = truckBodies.includes('cooler') || truckBodies.includes('isotherm')
  const temperature = cold
    ? random.chance(0.2)
      ? { min: -22, max: -18 }
      : { min: random.int(0, 4), max: random.int(5, 8) }
    : null

  const [currency, , perEuro] = random.weighted(
    currencies.map((entry) => [entry, entry[1]] as const),
  )
  const price = random.chance(0.85)
    ? {
        value: Math.round(Math.max(250, km * random.float(1.05, 1.7)) * perEuro),
        currency,
        paymentTermDays: random.pick([14, 30, 30, 45, 60]),
        ...(provider === 'transeu'
          ? {
              paymentMethod: random.weighted([
                ['deferred', 85],
                ['in_advance', 5],
                ['on_unloading', 10],
              ] as const),
            }
          : {}),
      }
    : null

  const publicationTypes: PublicationType[] =
    provider === 'spotgo'
      ? ['spotgo']
      : random.sample(
          ['exchange', 'companies', 'recommended', 'smartmatch', 'auto'] as const,
          random.int(1, 2),
        )
  const publication =
    status === 'draft' || (status === 'failed' && random.chance(0.5))
      ? { state: 'unpublished' as const, types: [] }
      : status === 'active' || status === 'publishing'
        ? { state: 'active' as const, types: publicationTypes }
        : { state: 'ended' as const, types: publicationTypes }

  const contacts = Array.from(
    {
      length: random.weighted([
        [1, 75],
        [2, 25],
      ] as const),
    },
    () => {
      const first = random.pick(firstNames)
      const last = random.pick(lastNames)
      return {
        name: `${first} ${last}`,
        ...(random.chance(0.9)
          ? { phone: `+48 ${random.int(500, 799)} ${random.int(100, 999)} ${random.int(100, 999)}` }
          : {}),
        ...(random.chance(0.8)
          ? {
              email: `${asciiMailbox(first)}.${asciiMailbox(last)}@${random.pick(companies)}.example`,
            }
          : {}),
      }
    },
  )

  const createdAt = loadingStart - random.int(1, 14) * day - random.int(0, 23) * hour
  const updatedAt =
    provider === 'spotgo' || random.chance(0.3) ? createdAt + random.int(1, 48) * hour : null
  const providerId =
    provider === 'spotgo'
      ? `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${hex(random, 4)}-${String(seed).padStart(4, '0')}${String(index).padStart(8, '0')}`
      : String(10_000_000 + seed * 1_000_000 + index)
  const reference =
    provider === 'transeu'
      ? `FR/${loadingDay.replaceAll('-', '/')}/${random.int(1, 9)}${letters(random, 3)}`
      : null
  const externalNumber = random.chance(0.8)
    ? `ZL-${loadingDay.slice(0, 4)}-${String(index % 100_000).padStart(5, '0')}`
    : null

  const loading = stopOf(loadingPlace, loadingStart, loadingEnd)
  const unloading = stopOf(unloadingPlace, unloadingStart, unloadingEnd)
  const capacity = ftl ? random.pick([22, 24, 24, 24]) : random.float(0.5, 12, 1)
  const loadingMeters = ftl ? 13.6 : random.float(0.4, 10, 1)
  const dimensions = ftl
    ? { length: null, width: null, height: null, volume: random.chance(0.3) ? 90 : null }
    : {
        length: random.float(1.2, 8, 1),
        width: random.float(0.8, 2.4, 1),
        height: random.float(0.8, 2.6, 1),
        volume: random.float(2, 40, 1),
      }

  const freight: NormalizedFreight = {
    provider,
    providerId,
    reference,
    externalNumber,
    status,
    statusRaw,
    loading,
    unloading,
    transportType,
    truckBodies,
    vehicleSizes: sizes,
    dimensions,
    capacity,
    loadingMeters,
    temperature,
    price,
    publication,
    contacts,
    createdAt: new Date(createdAt).toISOString(),
    updatedAt: updatedAt === null ? null : new Date(updatedAt).toISOString(),
    raw: null,
  }
  freight.raw = provider === 'spotgo' ? spotgoPayload(freight) : transeuPayload(freight, random)
  return freight
}

function pickPlace(random: Random): Place {
  return random.pick(placesIn(random.weighted(countryWeights)))
}

function stopOf(place: Place, start: number, end: number): Stop {
  return {
    place: {
      country: place.country,
      postalCode: place.postalCode,
      locality: place.locality,
      latitude: place.latitude,
      longitude: place.longitude,
    },
    window: {
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      timeZone: place.timeZone,
    },
  }
}

function distanceKm(a: Place, b: Place): number {
  const rad = Math.PI / 180
  const dLat = (b.latitude - a.latitude) * rad
  const dLon = (b.longitude - a.longitude) * rad
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2
  // Roads are about a quarter longer than the great circle.
  return Math.round(6371 * 2 * Math.asin(Math.sqrt(h)) * 1.25)
}

function hex(random: Random, length: number): string {
  return Array.from({ length }, () => random.int(0, 15).toString(16)).join('')
}

function letters(random: Random, length: number): string {
  return Array.from({ length }, () => String.fromCharCode(65 + random.int(0, 25))).join('')
}

function asciiMailbox(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase()
}
