/**
 * Geocoding for the simulators: an address without coordinates is resolved against the real
 * places of `places.ts`, by postal code first, then by locality, as the providers geocode from
 * country and postal code.
 */
import { places, type Place } from './places'

const byCountry = new Map<string, Place[]>()
for (const place of places) {
  const list = byCountry.get(place.country) ?? []
  list.push(place)
  byCountry.set(place.country, list)
}

const normalize = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ')

/** The known place at this address, or undefined. `country` is ISO-2 in either case. */
export function findPlace(
  country: string,
  postalCode: string,
  locality: string,
): Place | undefined {
  const candidates = byCountry.get(country.toUpperCase()) ?? []
  const postal = normalize(postalCode)
  const name = normalize(locality)
  return (
    candidates.find((place) => normalize(place.postalCode) === postal) ??
    candidates.find((place) => normalize(place.locality) === name)
  )
}

/** The IANA time zone of a country the simulators know (each has one), or undefined. */
export function timeZoneOfCountry(country: string): string | undefined {
  return byCountry.get(country.toUpperCase())?.[0]?.timeZone
}
