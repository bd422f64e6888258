/**
 * The provider-shaped raw payload of a generated freight (what the provider would have sent for
 * it), kept as the freight's `raw` by the freight factory.
 */
import type { NormalizedFreight, Stop } from '@shared/domain/freight'
import type { Random } from '../../electron/main/simulators/data/random'

/** A payload shaped like SpotGo's freight (assumed: its submit shape plus id, status and times). */
export function spotgoPayload(freight: NormalizedFreight) {
  const location = (stop: Stop, sequence: number) => ({
    sequence,
    type: sequence === 1 ? 'Loading' : 'Unloading',
    address: {
      countryCode: stop.place.country,
      postalCode: stop.place.postalCode,
      city: stop.place.locality,
      coordinates: {
        latitude: stop.place.latitude ?? null,
        longitude: stop.place.longitude ?? null,
      },
    },
    period: { startDate: stop.window.start, endDate: stop.window.end },
  })
  return {
    id: freight.providerId,
    externalNumber: freight.externalNumber,
    owner: freight.contacts[0]?.email ?? 'dispatch@trans-pol.example',
    sources: ['1', '4'],
    useAlternativeLocations: false,
    status: freight.statusRaw,
    createdAt: freight.createdAt,
    updatedAt: freight.updatedAt,
    locations: [location(freight.loading, 1), location(freight.unloading, 2)],
    requirements: {
      trailerTypes: [1, 3],
      vehicleTypes: [1],
      loadingSide: 'All',
      capacity: freight.capacity,
      pallets: 33,
      palletsExchange: false,
      ldm: freight.loadingMeters,
      ftl: freight.transportType !== 'ltl',
      temperature: freight.temperature
        ? { min: freight.temperature.min, max: freight.temperature.max, regime: 'Continuous' }
        : null,
    },
    payment: freight.price
      ? {
          from: freight.price.value,
          growTo: Math.round(freight.price.value * 1.1),
          term: freight.price.paymentTermDays ?? 30,
          currency: freight.price.currency,
          updateRangeInHours: '02:00:00',
        }
      : null,
    comments: 'Palety EUR, załadunek z boku. Bitte Avis 1 Stunde vorher.',
    internalComments: null,
  }
}

/** A payload shaped like a Trans.eu list freight, as its documentation shows one. */
export function transeuPayload(freight: NormalizedFreight, random: Random) {
  const place = (stop: Stop) => ({
    coordinates: { latitude: stop.place.latitude ?? null, longitude: stop.place.longitude ?? null },
    place: {
      country: stop.place.country.toLowerCase(),
      locality: stop.place.locality,
      postal_code: stop.place.postalCode,
    },
    timespans: {
      begin: stop.window.start,
      end: stop.window.end,
      begin_local: stop.window.start,
      end_local: stop.window.end,
      timezone: stop.window.timeZone,
    },
  })
  return {
    id: Number(freight.providerId),
    reference_number: freight.reference,
    shipment_external_id: freight.externalNumber,
    status: freight.statusRaw,
    created: freight.createdAt,
    ftl: freight.transportType !== 'ltl',
    transport_type: freight.transportType,
    truck_bodies: freight.truckBodies,
    vehicle_size: freight.vehicleSizes.length > 0 ? freight.vehicleSizes.join('_') : 'any_size',
    length: freight.dimensions.length,
    width: freight.dimensions.width,
    height: freight.dimensions.height,
    volume: freight.dimensions.volume,
    temperature: freight.temperature,
    transit_time: random.int(300, 3000),
    requirements: {
      transport: { count: 1, remaining: 1, settlement: 'route', settlement_basis: 'loading' },
    },
    contact_employees: freight.contacts.map((contact, index) => {
      const [name = '', ...rest] = contact.name.split(' ')
      return {
        name,
        last_name: rest.join(' '),
        trans_id: `${random.int(100000, 999999)}-${index + 1}`,
      }
    }),
    loading: place(freight.loading),
    unloading: place(freight.unloading),
    publication:
      freight.publication.state === 'unpublished'
        ? null
        : {
            id: random.int(1_000_000, 9_999_999),
            status: freight.publication.state === 'active' ? 'active' : 'finished',
            publish_type: freight.publication.types[0] ?? 'exchange',
            publish_date: freight.createdAt,
            end_reason: freight.status === 'accepted' ? 'accepted' : null,
            price: freight.price
              ? {
                  value: freight.price.value,
                  currency: freight.price.currency.toLowerCase(),
                  period: { days: freight.price.paymentTermDays ?? 30, payment: 'deferred' },
                }
              : null,
            is_quick_pay: false,
            is_recommended: freight.publication.types.includes('recommended'),
            is_shared: false,
            received_offers: random.int(0, 12),
            sent_offers: 0,
            smart_match_offers: random.int(0, 3),
            receivers: { corporate_exchanges: [], private_exchanges: [] },
            sent_to: { companies: 0, corporate_exchange: 0, direct: 0, private_exchange: 0 },
            refresh_from: null,
            stock_id: random.int(1, 9),
          },
  }
}
