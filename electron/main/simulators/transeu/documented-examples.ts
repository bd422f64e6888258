/**
 * The provider's documented examples for Trans.eu's `GET /ext/freights-api/v1/freights`,
 * transcribed as the documentation shows them: its example answer (three freights; the comments
 * the page puts between them left out) and its example of a refused query modifier. The simulator
 * serves them when asked to (`documentedExamples`); the contract tests read them too.
 */
import type { ListFreight } from './shapes'

/** The documented example answer: a top-level array of freights. */
export const documentedFreights: ListFreight[] = [
  {
    contact_employees: [
      {
        last_name: 'Nowak',
        name: 'Jan',
        trans_id: '1007374-1',
      },
    ],
    created: '2026-02-23T13:08:11+01:00',
    ftl: true,
    height: 4.3,
    id: 3830015,
    length: 5.8,
    loading: {
      coordinates: {
        latitude: 51.142329074,
        longitude: 16.937462521,
      },
      place: {
        country: 'pl',
        locality: 'Wroclaw',
        postal_code: '54-128',
      },
      timespans: {
        begin: '2026-02-23T13:30:58+01:00',
        begin_local: '2026-02-23T13:30:58+01:00',
        end: '2026-02-23T15:30:58+01:00',
        end_local: '2026-02-23T15:30:58+01:00',
        timezone: 'Europe/Warsaw',
      },
    },
    publication: {
      end_reason: null,
      id: 3304223,
      is_quick_pay: false,
      is_recommended: false,
      is_shared: false,
      price: {
        currency: 'eur',
        period: {
          days: 21,
          payment: 'deferred',
        },
        value: 450,
      },
      publish_date: '2026-02-23T13:08:11+01:00',
      publish_type: 'exchange',
      received_offers: null,
      receivers: {
        corporate_exchanges: [
          {
            id: '006e95ea-f307-4a67-bc28-336dfc1cd679',
            name: 'API test',
          },
        ],
        private_exchanges: [
          {
            id: '49b9aa2b-1987-48d9-9a77-147f97594233',
            name: 'Private',
          },
        ],
      },
      refresh_from: '2026-02-23T13:23:12+01:00',
      sent_offers: 5,
      sent_to: {
        companies: false,
        corporate_exchange: true,
        direct: true,
        private_exchange: true,
      },
      smart_match_offers: null,
      status: 'active',
      stock_id: null,
    },
    reference_number: 'FR/2026/02/23/2NTS',
    requirements: {
      transport: {
        count: null,
        remaining: null,
        settlement: 'route',
        settlement_basis: null,
      },
    },
    shipment_external_id: '1123dfd121',
    status: 'in_progress',
    temperature: {
      max: null,
      min: null,
    },
    transit_time: null,
    transport_type: 'ftl',
    truck_bodies: ['curtainsider'],
    unloading: {
      coordinates: {
        latitude: 52.519971677,
        longitude: 13.404467562,
      },
      place: {
        country: 'de',
        locality: 'Berlin',
        postal_code: '10178',
      },
      timespans: {
        begin: '2026-02-26T15:30:58+01:00',
        begin_local: '2026-02-26T15:30:58+01:00',
        end: '2026-02-26T17:30:58+01:00',
        end_local: '2026-02-26T17:30:58+01:00',
        timezone: 'Europe/Berlin',
      },
    },
    vehicle_size: 'solo',
    volume: 12.6,
    width: 3.1,
  },
  {
    contact_employees: [
      {
        last_name: 'Brewston',
        name: 'Albert',
        trans_id: '1007374-2',
      },
      {
        last_name: 'Smith',
        name: 'John',
        trans_id: '1007374-5',
      },
    ],
    created: '2026-02-23T12:20:37+01:00',
    ftl: true,
    height: null,
    id: 3829709,
    length: null,
    loading: {
      coordinates: {
        latitude: 51.142329074,
        longitude: 16.937462521,
      },
      place: {
        country: 'pl',
        locality: 'Wroclaw',
        postal_code: '54-128',
      },
      timespans: {
        begin: '2026-02-23T13:30:58+01:00',
        begin_local: '2026-02-23T13:30:58+01:00',
        end: '2026-02-23T15:30:58+01:00',
        end_local: '2026-02-23T15:30:58+01:00',
        timezone: 'Europe/Warsaw',
      },
    },
    publication: {
      end_reason: 'timeout',
      id: 3303951,
      is_quick_pay: false,
      is_recommended: false,
      is_shared: false,
      price: {
        currency: 'eur',
        period: {
          days: 14,
          payment: 'deferred',
        },
        value: 400,
      },
      publish_date: '2026-02-23T12:20:37+01:00',
      publish_type: 'exchange',
      received_offers: null,
      receivers: {
        corporate_exchanges: [
          {
            id: '006e95ea-f307-4a67-bc28-336dfc1cd679',
            name: 'API test',
          },
        ],
      },
      refresh_from: null,
      sent_offers: 2,
      sent_to: {
        companies: false,
        corporate_exchange: true,
        direct: false,
        private_exchange: false,
      },
      smart_match_offers: null,
      status: 'finished',
      stock_id: null,
    },
    reference_number: 'FR/2026/02/23/2N0X',
    requirements: {
      transport: {
        count: null,
        remaining: null,
        settlement: 'route',
        settlement_basis: null,
      },
    },
    shipment_external_id: '1123dfd121',
    status: 'unsuccessful_publication',
    temperature: {
      max: null,
      min: null,
    },
    transit_time: null,
    transport_type: 'ftl',
    truck_bodies: ['platform-trailer'],
    unloading: {
      coordinates: {
        latitude: 45.397205283,
        longitude: 9.21659417,
      },
      place: {
        country: 'it',
        locality: 'Milan',
        postal_code: '20097',
      },
      timespans: {
        begin: '2026-02-26T13:30:58+01:00',
        begin_local: '2026-02-26T13:30:58+01:00',
        end: '2026-02-26T15:30:58+01:00',
        end_local: '2026-02-26T15:30:58+01:00',
        timezone: 'Europe/San_Marino',
      },
    },
    vehicle_size: 'double_trailer',
    volume: null,
    width: null,
  },
  {
    contact_employees: [
      {
        last_name: 'Nowak',
        name: 'Jan',
        trans_id: '1007374-1',
      },
    ],
    created: '2026-02-20T10:28:59+01:00',
    ftl: true,
    height: 9.1,
    id: 3828341,
    length: 6.1,
    loading: {
      coordinates: {
        latitude: 51.142329074,
        longitude: 16.937462521,
      },
      place: {
        country: 'pl',
        locality: 'Wroclaw',
        postal_code: '54-128',
      },
      timespans: {
        begin: '2026-02-23T10:28:57+01:00',
        begin_local: '2026-02-23T10:28:57+01:00',
        end: '2026-02-23T12:28:57+01:00',
        end_local: '2026-02-23T12:28:57+01:00',
        timezone: 'Europe/Warsaw',
      },
    },
    publication: null,
    reference_number: 'FR/2026/02/20/2NNQ',
    requirements: {
      transport: {
        count: null,
        settlement: 'route',
        settlement_basis: null,
      },
    },
    shipment_external_id: '1111',
    status: 'new',
    temperature: {
      max: null,
      min: null,
    },
    transit_time: 4300,
    transport_type: 'ftl',
    truck_bodies: ['dump-truck'],
    unloading: {
      coordinates: {
        latitude: 47.61,
        longitude: 13.7824,
      },
      place: {
        country: 'pl',
        locality: 'Wroclaw',
        postal_code: '54-128',
      },
      timespans: {
        begin: '2026-02-26T10:28:57+01:00',
        begin_local: '2026-02-26T10:28:57+01:00',
        end: '2026-02-26T12:28:57+01:00',
        end_local: '2026-02-26T12:28:57+01:00',
        timezone: 'Europe/Warsaw',
      },
    },
    vehicle_size: 'lorry',
    volume: 12.1,
    width: 6.6,
  },
]

/** The documented answer to an unknown `sortBy` (422). */
export const documentedModifierProblem = {
  detail: 'Failed Validation',
  status: 422,
  title: 'Unprocessable Entity',
  validation_messages: {
    sortBy: {
      notInArray: 'Allowed values: status, created_at, loading_date, unloading_date, archived_at',
    },
  },
}
