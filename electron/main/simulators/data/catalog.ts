/**
 * What generated freights are made of: truck profiles (each one a real combination of body,
 * vehicle, size, weight and rate, with its SpotGo ids and Trans.eu names), people and companies by
 * country, goods and comments. Plain data; `plan.ts` draws from it.
 */
import type { TruckBody as TranseuTruckBody } from '../transeu/shapes'

export interface TruckProfile {
  key: string
  /** How often the profile appears, relative to the others. */
  weight: number
  spotgo: { trailerTypes: number[]; vehicleTypes: number[] }
  transeu: { truckBodies: TranseuTruckBody[]; vehicleSize: string }
  /** Load space in metres and cubic metres. */
  length: number
  width: number
  height: number
  volume: number
  /** Largest load in tonnes. */
  capacity: number
  pallets: number
  loadingSide: 'All' | 'Back' | 'Side' | 'Top'
  /** Share of freights that take the whole vehicle. */
  ftlShare: number
  /** Euro per kilometre for a full load. */
  ratePerKm: readonly [number, number]
  temperatures?: readonly (readonly [number, number])[]
  /** Share of freights of this profile with a temperature regime. */
  temperatureShare?: number
  goods: readonly string[]
}

const palletGoods = [
  'Beverages on pallets',
  'Household appliances',
  'Auto parts',
  'Furniture',
  'Paper rolls',
  'Building materials',
  'Packaging',
  'Cosmetics',
  'Textiles',
  'Electronics',
  'Tyres',
  'Dry food',
] as const

/** Profiles are shared by every generated freight, so they are frozen all the way down. */
export const truckProfiles: readonly TruckProfile[] = deepFreeze([
  {
    key: 'curtainsider',
    weight: 30,
    spotgo: { trailerTypes: [3], vehicleTypes: [1] },
    transeu: { truckBodies: ['curtainsider'], vehicleSize: 'lorry' },
    length: 13.6,
    width: 2.48,
    height: 2.7,
    volume: 90,
    capacity: 24,
    pallets: 33,
    loadingSide: 'All',
    ftlShare: 0.7,
    ratePerKm: [1.05, 1.45],
    goods: palletGoods,
  },
  {
    key: 'tent',
    weight: 12,
    spotgo: { trailerTypes: [1, 3], vehicleTypes: [1] },
    transeu: { truckBodies: ['standard-tent', 'curtainsider'], vehicleSize: 'lorry' },
    length: 13.6,
    width: 2.48,
    height: 2.7,
    volume: 90,
    capacity: 24,
    pallets: 33,
    loadingSide: 'All',
    ftlShare: 0.65,
    ratePerKm: [1.0, 1.4],
    goods: palletGoods,
  },
  {
    key: 'mega',
    weight: 8,
    spotgo: { trailerTypes: [6], vehicleTypes: [1] },
    transeu: { truckBodies: ['mega'], vehicleSize: 'lorry' },
    length: 13.6,
    width: 2.48,
    height: 3.0,
    volume: 100,
    capacity: 24,
    pallets: 33,
    loadingSide: 'All',
    ftlShare: 0.75,
    ratePerKm: [1.15, 1.55],
    goods: ['Auto parts', 'Insulation boards', 'Packaging', 'Furniture', 'Household appliances'],
  },
  {
    key: 'reefer',
    weight: 12,
    spotgo: { trailerTypes: [2], vehicleTypes: [1] },
    transeu: { truckBodies: ['cooler'], vehicleSize: 'lorry' },
    length: 13.3,
    width: 2.46,
    height: 2.6,
    volume: 85,
    capacity: 22,
    pallets: 33,
    loadingSide: 'Back',
    ftlShare: 0.8,
    ratePerKm: [1.35, 1.9],
    temperatures: [
      [2, 8],
      [0, 4],
      [-25, -18],
      [12, 18],
    ],
    temperatureShare: 1,
    goods: ['Frozen food', 'Dairy products', 'Fresh meat', 'Fruit and vegetables', 'Chocolate'],
  },
  {
    key: 'isotherm',
    weight: 3,
    spotgo: { trailerTypes: [5], vehicleTypes: [1] },
    transeu: { truckBodies: ['isotherm'], vehicleSize: 'lorry' },
    length: 13.6,
    width: 2.46,
    height: 2.6,
    volume: 87,
    capacity: 22,
    pallets: 33,
    loadingSide: 'Back',
    ftlShare: 0.7,
    ratePerKm: [1.2, 1.6],
    temperatures: [
      [2, 8],
      [15, 25],
    ],
    temperatureShare: 0.6,
    goods: ['Pharmaceuticals', 'Wine', 'Chocolate', 'Cosmetics'],
  },
  {
    key: 'box-solo',
    weight: 8,
    spotgo: { trailerTypes: [4], vehicleTypes: [2] },
    transeu: { truckBodies: ['box'], vehicleSize: 'solo' },
    length: 7.2,
    width: 2.45,
    height: 2.4,
    volume: 42,
    capacity: 6,
    pallets: 18,
    loadingSide: 'Back',
    ftlShare: 0.6,
    ratePerKm: [0.85, 1.2],
    goods: ['Parcels', 'Electronics', 'Furniture', 'Retail goods'],
  },
  {
    key: 'van',
    weight: 8,
    spotgo: { trailerTypes: [8], vehicleTypes: [4] },
    transeu: { truckBodies: ['box'], vehicleSize: 'bus' },
    length: 4.2,
    width: 1.8,
    height: 1.9,
    volume: 14,
    capacity: 1.2,
    pallets: 8,
    loadingSide: 'Back',
    ftlShare: 0.8,
    ratePerKm: [0.65, 0.95],
    goods: ['Parcels', 'Spare parts', 'Samples', 'Documents and small goods'],
  },
  {
    key: 'jumbo',
    weight: 3,
    spotgo: { trailerTypes: [7, 12], vehicleTypes: [5] },
    transeu: { truckBodies: ['jumbo'], vehicleSize: 'double_trailer' },
    length: 15.4,
    width: 2.48,
    height: 3.0,
    volume: 120,
    capacity: 24,
    pallets: 38,
    loadingSide: 'All',
    ftlShare: 0.85,
    ratePerKm: [1.2, 1.6],
    goods: ['Insulation boards', 'Plastic packaging', 'Furniture'],
  },
  {
    key: 'low-loader',
    weight: 2,
    spotgo: { trailerTypes: [19], vehicleTypes: [1] },
    transeu: { truckBodies: ['low-loader'], vehicleSize: 'lorry' },
    length: 13.6,
    width: 2.55,
    height: 3.2,
    volume: 0,
    capacity: 30,
    pallets: 0,
    loadingSide: 'Top',
    ftlShare: 1,
    ratePerKm: [1.6, 2.4],
    goods: ['Excavator', 'Agricultural machinery', 'Industrial machinery'],
  },
  {
    key: 'platform',
    weight: 2,
    spotgo: { trailerTypes: [11], vehicleTypes: [1] },
    transeu: { truckBodies: ['platform-trailer'], vehicleSize: 'lorry' },
    length: 13.6,
    width: 2.48,
    height: 0,
    volume: 0,
    capacity: 24,
    pallets: 0,
    loadingSide: 'All',
    ftlShare: 0.9,
    ratePerKm: [1.1, 1.5],
    goods: ['Steel beams', 'Concrete elements', 'Timber'],
  },
  {
    key: 'tanker',
    weight: 2,
    spotgo: { trailerTypes: [13], vehicleTypes: [1] },
    transeu: { truckBodies: ['food-tanker'], vehicleSize: 'lorry' },
    length: 12.5,
    width: 2.5,
    height: 0,
    volume: 30,
    capacity: 25,
    pallets: 0,
    loadingSide: 'Top',
    ftlShare: 1,
    ratePerKm: [1.4, 1.9],
    goods: ['Vegetable oil', 'Milk', 'Liquid sugar'],
  },
  {
    key: 'walking-floor',
    weight: 2,
    spotgo: { trailerTypes: [14], vehicleTypes: [1] },
    transeu: { truckBodies: ['walkingfloor'], vehicleSize: 'lorry' },
    length: 13.6,
    width: 2.48,
    height: 2.9,
    volume: 92,
    capacity: 24,
    pallets: 0,
    loadingSide: 'Back',
    ftlShare: 1,
    ratePerKm: [1.15, 1.5],
    goods: ['Wood chips', 'Grain', 'Recycled plastic'],
  },
  {
    key: 'coil',
    weight: 2,
    spotgo: { trailerTypes: [15], vehicleTypes: [1] },
    transeu: { truckBodies: ['coilmulde'], vehicleSize: 'lorry' },
    length: 13.6,
    width: 2.48,
    height: 2.7,
    volume: 90,
    capacity: 25,
    pallets: 0,
    loadingSide: 'Top',
    ftlShare: 1,
    ratePerKm: [1.15, 1.5],
    goods: ['Steel coils', 'Aluminium coils'],
  },
  {
    key: 'car-transporter',
    weight: 1,
    spotgo: { trailerTypes: [17], vehicleTypes: [1] },
    transeu: { truckBodies: ['car-transporter'], vehicleSize: 'lorry' },
    length: 17,
    width: 2.55,
    height: 0,
    volume: 0,
    capacity: 18,
    pallets: 0,
    loadingSide: 'Back',
    ftlShare: 1,
    ratePerKm: [1.3, 1.8],
    goods: ['New cars', 'Used cars'],
  },
  {
    key: 'silo',
    weight: 1,
    spotgo: { trailerTypes: [20], vehicleTypes: [1] },
    transeu: { truckBodies: ['silos'], vehicleSize: 'lorry' },
    length: 12,
    width: 2.5,
    height: 0,
    volume: 60,
    capacity: 25,
    pallets: 0,
    loadingSide: 'Top',
    ftlShare: 1,
    ratePerKm: [1.3, 1.7],
    goods: ['Cement', 'Plastic granulate', 'Flour'],
  },
])

interface NameSet {
  first: readonly string[]
  last: readonly string[]
  /** `{name}` is a last name. */
  companies: readonly string[]
}

/** Given names, family names and carrier name patterns per country. */
export const namesByCountry: Record<string, NameSet> = {
  PL: {
    first: [
      'Anna',
      'Piotr',
      'Katarzyna',
      'Tomasz',
      'Agnieszka',
      'Michał',
      'Magdalena',
      'Paweł',
      'Joanna',
      'Łukasz',
    ],
    last: [
      'Nowak',
      'Kowalski',
      'Wiśniewski',
      'Wójcik',
      'Kamiński',
      'Lewandowski',
      'Zieliński',
      'Szymański',
    ],
    companies: ['Trans-{name} Sp. z o.o.', '{name} Transport Sp. j.', 'PHU {name}'],
  },
  DE: {
    first: ['Lukas', 'Julia', 'Jonas', 'Laura', 'Felix', 'Sabine', 'Markus', 'Katrin'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Schäfer'],
    companies: ['{name} Spedition GmbH', '{name} Logistik GmbH & Co. KG', 'Transporte {name} GmbH'],
  },
  LT: {
    first: ['Tomas', 'Ieva', 'Mantas', 'Rūta', 'Darius', 'Greta'],
    last: ['Kazlauskas', 'Jankauskas', 'Petrauskas', 'Stankevičius', 'Vasiliauskas'],
    companies: ['{name} transportas UAB', 'UAB „{name} logistika“'],
  },
  LV: {
    first: ['Andris', 'Ilze', 'Jānis', 'Līga', 'Mārtiņš'],
    last: ['Bērziņš', 'Kalniņš', 'Ozols', 'Jansons', 'Liepa'],
    companies: ['SIA {name} Transports', 'SIA {name} Loģistika'],
  },
  EE: {
    first: ['Marek', 'Kadri', 'Rasmus', 'Liis', 'Andres'],
    last: ['Tamm', 'Saar', 'Sepp', 'Mägi', 'Kask'],
    companies: ['{name} Logistika OÜ', '{name} Transport AS'],
  },
  CZ: {
    first: ['Jan', 'Petra', 'Martin', 'Jana', 'Tomáš', 'Lucie'],
    last: ['Novák', 'Svoboda', 'Dvořák', 'Černý', 'Procházka'],
    companies: ['{name} Doprava s.r.o.', 'Autodoprava {name} s.r.o.'],
  },
  SK: {
    first: ['Peter', 'Zuzana', 'Marek', 'Katarína', 'Juraj'],
    last: ['Horváth', 'Kováč', 'Varga', 'Tóth', 'Baláž'],
    companies: ['{name} Trans s.r.o.', 'Autodoprava {name} s.r.o.'],
  },
  NL: {
    first: ['Daan', 'Sanne', 'Bram', 'Lotte', 'Jeroen'],
    last: ['de Vries', 'Jansen', 'van Dijk', 'Bakker', 'Visser'],
    companies: ['{name} Transport B.V.', 'Transportbedrijf {name} B.V.'],
  },
  BE: {
    first: ['Lucas', 'Emma', 'Thomas', 'Louise', 'Wout'],
    last: ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Claes'],
    companies: ['{name} Logistics BV', 'Transport {name} NV'],
  },
  FR: {
    first: ['Nicolas', 'Camille', 'Julien', 'Céline', 'Mathieu'],
    last: ['Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Moreau'],
    companies: ['Transports {name} SARL', '{name} Logistique SAS'],
  },
  IT: {
    first: ['Marco', 'Giulia', 'Luca', 'Francesca', 'Matteo'],
    last: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi'],
    companies: ['Autotrasporti {name} S.r.l.', '{name} Logistica S.p.A.'],
  },
  ES: {
    first: ['Javier', 'Lucía', 'Carlos', 'María', 'Sergio'],
    last: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez'],
    companies: ['Transportes {name} S.L.', '{name} Logística S.A.'],
  },
  AT: {
    first: ['Stefan', 'Anna', 'Florian', 'Lisa', 'Thomas'],
    last: ['Gruber', 'Huber', 'Wagner', 'Pichler', 'Steiner'],
    companies: ['{name} Transporte GmbH', 'Spedition {name} GmbH'],
  },
  HU: {
    first: ['László', 'Eszter', 'Gábor', 'Katalin', 'Zoltán'],
    last: ['Nagy', 'Kovács', 'Szabó', 'Tóth', 'Varga'],
    companies: ['{name} Fuvarozó Kft.', '{name} Trans Kft.'],
  },
  RO: {
    first: ['Andrei', 'Ioana', 'Mihai', 'Elena', 'Alexandru'],
    last: ['Popescu', 'Ionescu', 'Popa', 'Stan', 'Dumitru'],
    companies: ['{name} Trans SRL', 'Transporturi {name} SRL'],
  },
}

/** The sandbox's own forwarding company, whose dispatchers own every generated freight. */
export const sandboxCompany = {
  name: 'Wisła Spedycja Sp. z o.o.',
  city: 'Stryków',
  country: 'PL',
  /** Trans.eu company id; employee trans ids are `<id>-<n>`. */
  transId: 1035842,
  email: 'dispatch@wisla-spedycja.example',
  employees: [
    { name: 'Marta', last_name: 'Zielińska' },
    { name: 'Krzysztof', last_name: 'Dąbrowski' },
    { name: 'Ewa', last_name: 'Mazur' },
    { name: 'Grzegorz', last_name: 'Wróbel' },
    { name: 'Natalia', last_name: 'Pawlak' },
  ],
} as const

export const freightComments = [
  'Loading from a ramp; straps required (12).',
  'Pallet exchange 1:1.',
  'Please call one hour before arrival.',
  'Driver must have a valid A1 certificate.',
  'No ADR. Goods are not stackable.',
  'Unloading by forklift from the side.',
  'Two drivers not required.',
  'Booking of the unloading slot by the carrier.',
] as const

export const internalComments = [
  'Regular customer: keep the margin at 8 %.',
  'Check the carrier on the exchange rating before accepting.',
  'Customer pays in 30 days; carrier term may be 45.',
  'Second load possible on the way back.',
] as const

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
