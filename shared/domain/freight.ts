/**
 * The normalized freight: one shape for SpotGo and Trans.eu freights, produced by the provider
 * mappers, stored by the cache, shown by the grid. Vocabularies are fixed here; the mappers map
 * provider values onto them.
 *
 * The cache stores a vocabulary value by its position in these arrays, so a vocabulary may only
 * grow at its end (52 values at most). Sets (truck bodies, vehicle sizes, publication types) come
 * back from the cache in vocabulary order.
 */
import { z } from 'zod'
import { Instant, TimeZone } from './time'

export const providers = ['spotgo', 'transeu'] as const
export const Provider = z.enum(providers)
export type Provider = z.infer<typeof Provider>

/**
 * Normalized status. Trans.eu: new -> draft, waiting_for_publication -> publishing, in_progress ->
 * active, unsuccessful_publication -> failed, accepted -> accepted, closed -> archived. SpotGo:
 * Active -> active, Completed -> completed, Expired -> expired, Cancelled -> cancelled. A word a
 * provider does not document is `unknown`; the freight's `statusRaw` keeps the word.
 */
export const freightStatuses = [
  'draft',
  'publishing',
  'active',
  'failed',
  'accepted',
  'completed',
  'expired',
  'cancelled',
  'archived',
  'unknown',
] as const
export const FreightStatus = z.enum(freightStatuses)
export type FreightStatus = z.infer<typeof FreightStatus>

export const transportTypes = ['ftl', 'ltl', 'multi_ftl'] as const
export const TransportType = z.enum(transportTypes)
export type TransportType = z.infer<typeof TransportType>

/** Trans.eu's truck body list as the platform writes it, plus SpotGo types with no Trans.eu twin. */
export const truckBodies = [
  'curtainsider',
  'standard-tent',
  'cooler',
  'isotherm',
  'box',
  'open-box',
  'meathanging',
  'mega',
  'jumbo',
  'coilmulde',
  'walkingfloor',
  'joloda',
  'bde',
  'car-transporter',
  'dump-truck',
  'low-loader',
  'platform-trailer',
  'log-trailer',
  'hook-truck',
  'truck',
  'swap-body-system',
  '20-standard',
  '40-standard',
  '45-standard',
  'tank-body-20',
  'tank-body-40',
  'tanker',
  'food-tanker',
  'petroleum-tanker',
  'chemical-tanker',
  'gas-tanker',
  'silos',
  'aluminum',
  'steel',
  'other',
  'van',
  'road-train',
  'any',
] as const
export const TruckBody = z.enum(truckBodies)
export type TruckBody = z.infer<typeof TruckBody>

/** Vehicle sizes a freight accepts; a freight carries the set it accepts and an empty set means any. */
export const vehicleSizes = ['bus', 'double_trailer', 'lorry', 'solo'] as const
export const VehicleSize = z.enum(vehicleSizes)
export type VehicleSize = z.infer<typeof VehicleSize>

/** Where a freight is published; `spotgo` means published through SpotGo's sources. */
export const publicationTypes = [
  'exchange',
  'companies',
  'recommended',
  'smartmatch',
  'auto',
  'spotgo',
] as const
export const PublicationType = z.enum(publicationTypes)
export type PublicationType = z.infer<typeof PublicationType>

/** `unknown`: the provider sent a publication Freightdesk could not read. */
export const publicationStates = ['unpublished', 'active', 'ended', 'unknown'] as const
export const PublicationState = z.enum(publicationStates)
export type PublicationState = z.infer<typeof PublicationState>

/** Trans.eu's payment kinds: deferred (after the term), in advance, on unloading. */
export const paymentMethods = ['deferred', 'in_advance', 'on_unloading'] as const
export const PaymentMethod = z.enum(paymentMethods)
export type PaymentMethod = z.infer<typeof PaymentMethod>

export const AccountId = z.string().trim().min(1).max(100)
export type AccountId = z.infer<typeof AccountId>

/** Local id of a cached freight (stable for the life of the cache file). */
export const FreightId = z.number().int().positive()
export type FreightId = z.infer<typeof FreightId>

/** ISO 3166-1 alpha-2, upper case. */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Must be a two-letter country code such as PL')
/** The currencies a dispatcher picks a price in (European road freight), most used first. */
export const priceCurrencies = [
  'EUR',
  'PLN',
  'CZK',
  'HUF',
  'RON',
  'BGN',
  'SEK',
  'DKK',
  'NOK',
  'CHF',
  'GBP',
  'UAH',
  'TRY',
  'USD',
] as const

/** ISO 4217, upper case. */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Must be a three-letter currency code such as EUR')

/** Refuses arrays that name the same value twice. */
function distinct<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .refine((values) => new Set(values).size === values.length, 'Must not repeat a value')
}

export const Place = z.object({
  country: CountryCode,
  postalCode: z.string().trim().max(20),
  locality: z.string().trim().max(120),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
})
export type Place = z.infer<typeof Place>

/** A time window as UTC instants plus the IANA zone of the place, for showing it in local time. */
export const TimeWindow = z
  .object({ start: Instant, end: Instant, timeZone: TimeZone })
  .refine((window) => Date.parse(window.end) >= Date.parse(window.start), {
    message: 'The window must not end before it starts',
    path: ['end'],
  })
export type TimeWindow = z.infer<typeof TimeWindow>

export const Stop = z.object({ place: Place, window: TimeWindow })
export type Stop = z.infer<typeof Stop>

const measure = z.number().nonnegative().nullable()

/** Metres and cubic metres. */
export const Dimensions = z.object({
  length: measure,
  width: measure,
  height: measure,
  volume: measure,
})
export type Dimensions = z.infer<typeof Dimensions>

/** Degrees Celsius. */
export const Temperature = z.object({ min: z.number().nullable(), max: z.number().nullable() })
export type Temperature = z.infer<typeof Temperature>

export const Price = z.object({
  value: z.number().nonnegative(),
  currency: CurrencyCode,
  paymentTermDays: z.number().int().nonnegative().optional(),
  paymentMethod: PaymentMethod.optional(),
})
export type Price = z.infer<typeof Price>

export const Publication = z.object({ state: PublicationState, types: distinct(PublicationType) })
export type Publication = z.infer<typeof Publication>

export const Contact = z.object({
  name: z.string().trim().max(200),
  phone: z.string().trim().max(60).optional(),
  email: z.string().trim().max(200).optional(),
})
export type Contact = z.infer<typeof Contact>

/** A freight as a provider mapper produces it: everything the provider said, nothing local. */
export const NormalizedFreight = z.object({
  provider: Provider,
  /** The provider's own id of the freight, as text (Trans.eu ids are numbers). */
  providerId: z.string().trim().min(1).max(100),
  /** The provider's reference (Trans.eu reference_number); null where it has none. */
  reference: z.string().trim().max(100).nullable(),
  /** The dispatcher's own number (SpotGo externalNumber, Trans.eu shipment_external_id). */
  externalNumber: z.string().trim().max(100).nullable(),
  status: FreightStatus,
  /** The provider's status word, as it sent it. */
  statusRaw: z.string().max(60),
  loading: Stop,
  unloading: Stop,
  transportType: TransportType.nullable(),
  truckBodies: distinct(TruckBody),
  vehicleSizes: distinct(VehicleSize),
  dimensions: Dimensions,
  /** Tonnes. */
  capacity: measure,
  loadingMeters: measure,
  temperature: Temperature.nullable(),
  price: Price.nullable(),
  publication: Publication,
  contacts: z.array(Contact).max(20),
  createdAt: Instant,
  updatedAt: Instant.nullable(),
  /** The provider's payload as received, for the detail view. Any JSON value. */
  raw: z.json(),
})
export type NormalizedFreight = z.infer<typeof NormalizedFreight>

/** A cached freight: the normalized freight plus its local id, its account and what the cache saw. */
export const Freight = NormalizedFreight.extend({
  id: FreightId,
  accountId: AccountId,
  /** When the cache first stored it, when a sync last saw it, when its data last changed. */
  firstSeenAt: Instant,
  lastSeenAt: Instant,
  changedAt: Instant,
  /** Set when a complete sync of its account no longer saw it; null while the provider lists it. */
  goneAt: Instant.nullable(),
})
export type Freight = z.infer<typeof Freight>

export const Tag = z.string().trim().min(1).max(40)

/** What the dispatcher noted about a freight locally; kept apart so no sync overwrites it. */
export const FreightAnnotation = z.object({
  freightId: FreightId,
  seen: z.boolean(),
  note: z.string().max(4000),
  tags: distinct(Tag).max(20),
  hidden: z.boolean(),
  /** Null while the dispatcher never annotated it. */
  updatedAt: Instant.nullable(),
})
export type FreightAnnotation = z.infer<typeof FreightAnnotation>

/** One freight with everything the detail view shows (the raw payload is `freight.raw`). */
export const FreightDetail = z.object({
  freight: Freight,
  annotation: FreightAnnotation,
  /**
   * What the account's last sync could not read of this freight as the provider documents it
   * ("field: reason" lines); absent or empty when it read everything.
   */
  readIssues: z.array(z.string()).max(500).optional(),
})
export type FreightDetail = z.infer<typeof FreightDetail>
