/**
 * Trans.eu drafts: the body of POST (and PUT) `/ext/freights-api/v1/freights` checked against the
 * documented body and the platform's rules, geocoded, and turned into the freight detail the API
 * returns (status `new`, not published).
 */
import { DraftBody, type ContactEmployee, type DraftSpot, type FreightDetail } from './shapes'
import { findPlace, timeZoneOfCountry } from '../data/geocode'
import { distanceKm, drivingMinutes } from '../data/plan'
import type { Random } from '../data/random'
import { utcSeconds } from '../data/time'
import { timespans, uniqueReference } from '../data/transeu-freights'
import { readableErrors } from '../http/validation'
import { ValidationMessages } from './problems'

interface ResolvedSpot {
  spot: DraftSpot
  coordinates: { latitude: number; longitude: number }
  timeZone: string
}

export type DraftResult =
  | { ok: true; draft: DraftBody; spots: ResolvedSpot[] }
  | { ok: false; messages: ValidationMessages }

/** Validates a draft body; messages use the `validation_error` form. */
export function readDraft(body: unknown): DraftResult {
  const parsed = DraftBody.safeParse(body, {
    error: readableErrors("Value is required and can't be empty"),
  })
  if (!parsed.success) {
    return {
      ok: false,
      messages: new ValidationMessages().addIssues(parsed.error.issues, [], 'validation_error'),
    }
  }
  const messages = new ValidationMessages()
  const spots: ResolvedSpot[] = []
  parsed.data.spots.forEach((spot, index) => {
    const { country, postal_code, locality } = spot.place.address
    const timeZone = timeZoneOfCountry(country)
    const path = ['spots', index, 'place', 'address']
    if (!timeZone) {
      messages.add(
        [...path, 'country'],
        'notSupported',
        `The sandbox knows no places in "${country}".`,
        'validation_error',
      )
      return
    }
    const found = spot.place.coordinates ? undefined : findPlace(country, postal_code, locality)
    const coordinates =
      spot.place.coordinates ??
      (found ? { latitude: found.latitude, longitude: found.longitude } : null)
    if (!coordinates) {
      messages.add(
        [...path, 'postal_code'],
        'notGeocoded',
        'The address could not be found; send the coordinates of the place.',
        'validation_error',
      )
      return
    }
    spots.push({ spot, coordinates, timeZone })
  })
  const first = parsed.data.spots[0]?.operations.find((operation) => operation.type === 'loading')
  const last = parsed.data.spots
    .at(-1)
    ?.operations.find((operation) => operation.type === 'unloading')
  if (first && last && Date.parse(last.timespans.begin) < Date.parse(first.timespans.begin)) {
    messages.add(
      ['spots', parsed.data.spots.length - 1, 'operations'],
      'notGreaterThan',
      'The unloading cannot begin before the loading begins.',
      'validation_error',
    )
  }
  return messages.empty ? { ok: true, draft: parsed.data, spots } : { ok: false, messages }
}

/** The freight detail for a valid draft, as a new, never-published freight. */
export function draftToFreight(
  random: Random,
  draft: DraftBody,
  spots: ResolvedSpot[],
  fields: {
    id: number
    created: number
    references: Set<string>
    contact: ContactEmployee
    /** When overwriting: the reference and creation time stay. */
    keep?: Pick<FreightDetail, 'reference_number' | 'created'>
  },
): FreightDetail {
  const loadingSpot = spots[0] as ResolvedSpot
  const unloadingSpot = spots[spots.length - 1] as ResolvedSpot
  const loading = loadingSpot.spot.operations.find((operation) => operation.type === 'loading')
  const unloading = unloadingSpot.spot.operations.find(
    (operation) => operation.type === 'unloading',
  )
  if (!loading || !unloading)
    throw new Error('readDraft lets only drafts with a loading and an unloading through')
  let distance = 0
  for (let i = 1; i < spots.length; i++) {
    distance += distanceKm(
      (spots[i - 1] as ResolvedSpot).coordinates,
      (spots[i] as ResolvedSpot).coordinates,
    )
  }
  const roadKm = Math.round(distance * 1.22)
  const stop = (resolved: ResolvedSpot, window: { begin: string; end: string }) => ({
    coordinates: resolved.coordinates,
    place: {
      country: resolved.spot.place.address.country,
      locality: resolved.spot.place.address.locality,
      postal_code: resolved.spot.place.address.postal_code,
    },
    timespans: timespans(resolved.timeZone, Date.parse(window.begin), Date.parse(window.end)),
  })
  const { requirements } = draft
  const temperature = requirements.temperature ?? null
  const price = draft.payment?.price
  return {
    id: fields.id,
    reference_number:
      fields.keep?.reference_number ?? uniqueReference(random, fields.created, fields.references),
    shipment_external_id: draft.shipment_external_id ?? null,
    status: 'new',
    created: fields.keep?.created ?? utcSeconds(fields.created),
    ftl: requirements.is_ftl,
    transport_type: requirements.is_ftl ? 'ftl' : 'ltl',
    truck_bodies: requirements.required_truck_bodies,
    vehicle_size: requirements.vehicle_size,
    length: null,
    width: null,
    height: null,
    volume: null,
    temperature: temperature ? { ...temperature } : { max: null, min: null },
    transit_time: drivingMinutes(roadKm),
    requirements: {
      transport: { count: null, remaining: null, settlement: 'route', settlement_basis: null },
      is_ftl: requirements.is_ftl,
      required_truck_bodies: requirements.required_truck_bodies,
      vehicle_size: requirements.vehicle_size,
      temperature,
    },
    contact_employees: [fields.contact],
    loading: stop(loadingSpot, loading.timespans),
    unloading: stop(unloadingSpot, unloading.timespans),
    archived_at: null,
    publication: null,
    capacity: draft.capacity,
    loading_meters: null,
    distance: roadKm,
    publication_price: price ? { value: price.value, currency: price.currency } : null,
    accepted_price: null,
    carrier: null,
    loads: draft.loads,
    spots: spots.map((resolved, index) => ({
      id: fields.id * 10 + index + 1,
      spot_order: resolved.spot.spot_order,
      place: {
        address: {
          country: resolved.spot.place.address.country,
          postal_code: resolved.spot.place.address.postal_code,
          locality: resolved.spot.place.address.locality,
          street: resolved.spot.place.address.street ?? null,
        },
        coordinates: resolved.coordinates,
      },
      operations: resolved.spot.operations.map((operation) => ({
        operation_order: operation.operation_order,
        type: operation.type,
        timespans: {
          begin: utcSeconds(Date.parse(operation.timespans.begin)),
          end: utcSeconds(Date.parse(operation.timespans.end)),
        },
      })),
    })),
  }
}
