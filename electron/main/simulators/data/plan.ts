/**
 * A provider-neutral plan of one freight: a real route between two places, loading and unloading
 * windows in the places' local time, a truck profile, the load and a price. The SpotGo and Trans.eu
 * generators turn plans into their wire shapes, so both providers get equally plausible freights.
 */
import { namesByCountry, truckProfiles, type TruckProfile } from './catalog'
import { countryWeights, placesIn, type Place } from './places'
import type { Random } from './random'
import { utcOffsetMinutes, zonedToInstant } from './time'

export interface FreightPlan {
  loading: Place
  unloading: Place
  /** Road kilometres (great-circle distance times a detour factor). */
  distanceKm: number
  /** Driving time including daily rests, in minutes. */
  transitMinutes: number
  loadingStart: number
  loadingEnd: number
  unloadingStart: number
  unloadingEnd: number
  /** When the dispatcher entered the freight. */
  createdAt: number
  profile: TruckProfile
  ftl: boolean
  /** Tonnes. */
  weight: number
  loadingMeters: number
  pallets: number
  temperature: { min: number; max: number } | null
  goods: string
  /** Whole units of `currency` (upper-case ISO 4217). */
  price: number
  currency: string
  paymentTermDays: number
}

export interface PlanTiming {
  anchor: number
  /** Loading day relative to the anchor's day, both included (negative: the past). */
  loadingDays: readonly [number, number]
}

const dayMs = 86_400_000
const minuteMs = 60_000
/** Roads are longer than the straight line between two towns. */
const detourFactor = 1.22
const averageSpeedKmh = 68

/** A plausible freight whose loading day falls in `timing.loadingDays` around the anchor. */
export function planFreight(random: Random, timing: PlanTiming): FreightPlan {
  const loading = pickPlace(random)
  let unloading = pickPlace(random)
  for (let attempt = 0; attempt < 8 && distanceKm(loading, unloading) < 80; attempt++) {
    unloading = pickPlace(random)
  }
  const distance = Math.max(15, Math.round(distanceKm(loading, unloading) * detourFactor))
  const transitMinutes = drivingMinutes(distance)

  const loadingDay = dayOf(timing.anchor, loading.timeZone) + random.int(...timing.loadingDays)
  const loadingStart = atLocalHour(loading.timeZone, loadingDay, random.weighted(startHours))
  const loadingEnd = loadingStart + random.pick([2, 2, 3, 4, 6, 8]) * 60 * minuteMs
  const unloadingStart = nextWorkingHour(unloading.timeZone, loadingEnd + transitMinutes * minuteMs)
  const unloadingEnd = unloadingStart + random.pick([2, 2, 3, 4, 6]) * 60 * minuteMs

  const leadDays = random.int(1, 12) * dayMs + random.int(0, 10) * 3_600_000
  const latestEntry = timing.anchor - random.int(30, 72 * 60) * minuteMs
  const createdAt = roundToMinute(Math.min(loadingStart - leadDays, latestEntry))

  const profile = random.weighted(profileWeights)
  const ftl = random.chance(profile.ftlShare)
  const loadingMeters = ftl
    ? profile.length
    : random.pick(partLoads.filter((ldm) => ldm < profile.length))
  const share = loadingMeters / profile.length
  const weight = round(Math.max(0.3, profile.capacity * share * random.float(0.45, 1)), 1)
  const pallets = Math.round(profile.pallets * share)
  const temperatureRange =
    profile.temperatures && random.chance(profile.temperatureShare ?? 0)
      ? random.pick(profile.temperatures)
      : undefined

  const fullPrice = distance * random.float(...profile.ratePerKm, 3)
  const eur = Math.max(180, fullPrice * (ftl ? 1 : 0.35 + 0.65 * share))
  const { amount, currency } = localPrice(random, eur, loading.country, unloading.country)

  return {
    loading,
    unloading,
    distanceKm: distance,
    transitMinutes,
    loadingStart,
    loadingEnd,
    unloadingStart,
    unloadingEnd,
    createdAt,
    profile,
    ftl,
    weight,
    loadingMeters,
    pallets,
    temperature: temperatureRange ? { min: temperatureRange[0], max: temperatureRange[1] } : null,
    goods: random.pick(profile.goods),
    price: amount,
    currency,
    paymentTermDays: random.weighted(paymentTerms),
  }
}

/** A person with a name common in `country`. */
export function personIn(random: Random, country: string): { first: string; last: string } {
  const names = namesIn(country)
  return { first: random.pick(names.first), last: random.pick(names.last) }
}

/** A carrier or customer company registered in `country`. */
export function companyIn(random: Random, country: string): string {
  const names = namesIn(country)
  return random.pick(names.companies).replace('{name}', random.pick(names.last))
}

/** Names of `country`, or Polish ones for a country the catalog does not have. */
function namesIn(country: string) {
  const names = namesByCountry[country] ?? namesByCountry.PL
  if (!names) throw new Error('The catalog has no names for PL.')
  return names
}

/** Great-circle distance in kilometres. */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const radians = Math.PI / 180
  const dLat = (b.latitude - a.latitude) * radians
  const dLon = (b.longitude - a.longitude) * radians
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * radians) * Math.cos(b.latitude * radians) * Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Driving time for a road distance: 9 hours at the wheel a day, then an 11-hour rest. */
export function drivingMinutes(roadKm: number): number {
  const drivingHours = roadKm / averageSpeedKmh
  const rests = Math.max(0, Math.ceil(drivingHours / 9) - 1)
  return Math.round((drivingHours + rests * 11) * 60)
}

const profileWeights = truckProfiles.map((item) => [item, item.weight] as const)
const paymentTerms: readonly (readonly [number, number])[] = [
  [30, 50],
  [45, 20],
  [60, 20],
  [14, 10],
]
const partLoads = [1.2, 2.4, 3.6, 4.8, 6.0, 7.2]

const startHours: readonly (readonly [number, number])[] = [
  [6, 3],
  [7, 4],
  [8, 5],
  [9, 3],
  [10, 3],
  [12, 2],
  [14, 2],
]

const placesByCountry = new Map(countryWeights.map(([country]) => [country, placesIn(country)]))

function pickPlace(random: Random): Place {
  return random.pick(placesByCountry.get(random.weighted(countryWeights)) ?? [])
}

/** Days since the epoch of the local calendar date at `instant` in `timeZone`. */
function dayOf(instant: number, timeZone: string): number {
  return Math.floor((instant + utcOffsetMinutes(timeZone, instant) * minuteMs) / dayMs)
}

function atLocalHour(timeZone: string, day: number, hour: number): number {
  const date = new Date(day * dayMs)
  return zonedToInstant(timeZone, {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour,
  })
}

/** The first full hour at or after `instant` that falls in local working hours (6:00 to 18:00). */
function nextWorkingHour(timeZone: string, instant: number): number {
  const day = dayOf(instant, timeZone)
  const localMinutes = Math.round(
    (instant + utcOffsetMinutes(timeZone, instant) * minuteMs - day * dayMs) / minuteMs,
  )
  const hour = Math.ceil(localMinutes / 60)
  if (hour < 6) return atLocalHour(timeZone, day, 6)
  if (hour > 18) return atLocalHour(timeZone, day + 1, 6)
  return atLocalHour(timeZone, day, hour)
}

const domesticCurrencies: Record<string, { currency: string; perEuro: number; step: number }> = {
  PL: { currency: 'PLN', perEuro: 4.3, step: 50 },
  CZ: { currency: 'CZK', perEuro: 25, step: 500 },
  HU: { currency: 'HUF', perEuro: 395, step: 5000 },
  RO: { currency: 'RON', perEuro: 5, step: 50 },
}

/** Domestic freights in PL, CZ, HU and RO are mostly priced in the local currency, the rest in EUR. */
function localPrice(
  random: Random,
  eur: number,
  from: string,
  to: string,
): { amount: number; currency: string } {
  const domestic = from === to ? domesticCurrencies[from] : undefined
  const local = domestic && random.chance(0.85) ? domestic : undefined
  if (local)
    return {
      amount: Math.round((eur * local.perEuro) / local.step) * local.step,
      currency: local.currency,
    }
  return { amount: Math.round(eur / 10) * 10, currency: 'EUR' }
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals
  return Math.round(value * factor) / factor
}

function roundToMinute(instant: number): number {
  return Math.floor(instant / minuteMs) * minuteMs
}
