/**
 * The IANA time zone of a place from its country (and, for the few countries with islands or
 * exclaves in another zone, its coordinates). SpotGo sends no zone with its addresses; loading
 * windows are shown in the place's local time, so the mappers need one.
 */
import { isValidTimeZone } from '@shared/domain/time'

/** Countries Freightdesk's dispatchers load and unload in, and their neighbours. */
const zoneByCountry: Readonly<Record<string, string>> = {
  AD: 'Europe/Andorra',
  AL: 'Europe/Tirane',
  AM: 'Asia/Yerevan',
  AT: 'Europe/Vienna',
  AZ: 'Asia/Baku',
  BA: 'Europe/Sarajevo',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  BY: 'Europe/Minsk',
  CH: 'Europe/Zurich',
  CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  GE: 'Asia/Tbilisi',
  GR: 'Europe/Athens',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IS: 'Atlantic/Reykjavik',
  IT: 'Europe/Rome',
  KZ: 'Asia/Almaty',
  LI: 'Europe/Vaduz',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  LV: 'Europe/Riga',
  MA: 'Africa/Casablanca',
  MC: 'Europe/Monaco',
  MD: 'Europe/Chisinau',
  ME: 'Europe/Podgorica',
  MK: 'Europe/Skopje',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  RS: 'Europe/Belgrade',
  RU: 'Europe/Moscow',
  SE: 'Europe/Stockholm',
  SI: 'Europe/Ljubljana',
  SK: 'Europe/Bratislava',
  SM: 'Europe/San_Marino',
  TN: 'Africa/Tunis',
  TR: 'Europe/Istanbul',
  UA: 'Europe/Kyiv',
  VA: 'Europe/Vatican',
  XK: 'Europe/Belgrade',
}

/** The zone used when a country is unknown: the UTC instants stay right, local times read as UTC. */
export const fallbackTimeZone = 'UTC'

/**
 * The time zone of a place. `country` is ISO 3166-1 alpha-2 in either case; coordinates pick the
 * Canary Islands, the Azores, Madeira and Kaliningrad out of their countries' main zone.
 */
export function timeZoneOf(
  country: string,
  coordinates?: { latitude: number; longitude: number } | null,
): string {
  const code = country.toUpperCase()
  if (coordinates) {
    const { latitude, longitude } = coordinates
    if (code === 'ES' && latitude < 30) return 'Atlantic/Canary'
    if (code === 'PT' && longitude < -20) return 'Atlantic/Azores'
    if (code === 'PT' && longitude < -12) return 'Atlantic/Madeira'
    if (code === 'RU' && longitude < 23) return 'Europe/Kaliningrad'
  }
  const zone = zoneByCountry[code]
  if (zone === 'Europe/Kyiv' && !isValidTimeZone(zone)) return 'Europe/Kiev'
  return zone ?? fallbackTimeZone
}
