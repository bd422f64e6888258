/**
 * Real European places for generated freights: locality, a real postal code of it, coordinates
 * and time zone, across the countries Freightdesk's dispatchers load and unload in. Locality
 * names keep their diacritics (Łódź, Nürnberg, Šiauliai) so search and sorting meet real text.
 */
export interface Place {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string
  postalCode: string
  locality: string
  latitude: number
  longitude: number
  /** IANA time zone of the place. */
  timeZone: string
}

type Row = [locality: string, postalCode: string, latitude: number, longitude: number]

const byCountry: Record<string, { timeZone: string; rows: Row[] }> = {
  PL: {
    timeZone: 'Europe/Warsaw',
    rows: [
      ['Warszawa', '00-001', 52.2297, 21.0122],
      ['Kraków', '30-001', 50.0647, 19.945],
      ['Łódź', '90-001', 51.7592, 19.456],
      ['Wrocław', '50-001', 51.1079, 17.0385],
      ['Poznań', '60-001', 52.4064, 16.9252],
      ['Gdańsk', '80-001', 54.352, 18.6466],
      ['Szczecin', '70-001', 53.4285, 14.5528],
      ['Katowice', '40-001', 50.2649, 19.0238],
      ['Bydgoszcz', '85-001', 53.1235, 18.0084],
      ['Lublin', '20-001', 51.2465, 22.5684],
      ['Białystok', '15-001', 53.1325, 23.1688],
      ['Rzeszów', '35-001', 50.0412, 21.9991],
      ['Gliwice', '44-100', 50.2945, 18.6714],
      ['Świecko', '69-100', 52.3167, 14.6333],
      ['Stryków', '95-010', 51.9, 19.6],
    ],
  },
  DE: {
    timeZone: 'Europe/Berlin',
    rows: [
      ['Berlin', '10115', 52.52, 13.405],
      ['Hamburg', '20095', 53.5511, 9.9937],
      ['München', '80331', 48.1351, 11.582],
      ['Köln', '50667', 50.9375, 6.9603],
      ['Frankfurt am Main', '60311', 50.1109, 8.6821],
      ['Stuttgart', '70173', 48.7758, 9.1829],
      ['Düsseldorf', '40213', 51.2277, 6.7735],
      ['Leipzig', '04109', 51.3397, 12.3731],
      ['Dortmund', '44135', 51.5136, 7.4653],
      ['Nürnberg', '90402', 49.4521, 11.0767],
      ['Bremen', '28195', 53.0793, 8.8017],
      ['Hannover', '30159', 52.3759, 9.732],
      ['Duisburg', '47051', 51.4344, 6.7623],
      ['Dresden', '01067', 51.0504, 13.7373],
      ['Mannheim', '68159', 49.4875, 8.466],
      ['Würzburg', '97070', 49.7913, 9.9534],
    ],
  },
  LT: {
    timeZone: 'Europe/Vilnius',
    rows: [
      ['Vilnius', 'LT-01100', 54.6872, 25.2797],
      ['Kaunas', 'LT-44248', 54.8985, 23.9036],
      ['Klaipėda', 'LT-91247', 55.7033, 21.1443],
      ['Šiauliai', 'LT-76285', 55.9349, 23.3137],
      ['Panevėžys', 'LT-35173', 55.7348, 24.3575],
      ['Marijampolė', 'LT-68308', 54.5593, 23.3541],
    ],
  },
  LV: {
    timeZone: 'Europe/Riga',
    rows: [
      ['Rīga', 'LV-1050', 56.9496, 24.1052],
      ['Daugavpils', 'LV-5401', 55.8747, 26.5362],
      ['Liepāja', 'LV-3401', 56.5047, 21.0108],
      ['Jelgava', 'LV-3001', 56.6511, 23.7214],
      ['Ventspils', 'LV-3601', 57.3948, 21.564],
    ],
  },
  EE: {
    timeZone: 'Europe/Tallinn',
    rows: [
      ['Tallinn', '10111', 59.437, 24.7536],
      ['Tartu', '51003', 58.378, 26.729],
      ['Pärnu', '80010', 58.3859, 24.4971],
      ['Narva', '20308', 59.3772, 28.1903],
    ],
  },
  CZ: {
    timeZone: 'Europe/Prague',
    rows: [
      ['Praha', '110 00', 50.0755, 14.4378],
      ['Brno', '602 00', 49.1951, 16.6068],
      ['Ostrava', '702 00', 49.8209, 18.2625],
      ['Plzeň', '301 00', 49.7384, 13.3736],
      ['Olomouc', '779 00', 49.5938, 17.2509],
      ['Pardubice', '530 02', 50.0343, 15.7812],
      ['České Budějovice', '370 01', 48.9745, 14.4743],
    ],
  },
  SK: {
    timeZone: 'Europe/Bratislava',
    rows: [
      ['Bratislava', '811 01', 48.1486, 17.1077],
      ['Košice', '040 01', 48.7164, 21.2611],
      ['Žilina', '010 01', 49.2231, 18.7394],
      ['Nitra', '949 01', 48.3069, 18.0864],
      ['Trnava', '917 01', 48.3774, 17.5872],
    ],
  },
  NL: {
    timeZone: 'Europe/Amsterdam',
    rows: [
      ['Amsterdam', '1012 AB', 52.3676, 4.9041],
      ['Rotterdam', '3011 AA', 51.9244, 4.4777],
      ['Utrecht', '3511 AA', 52.0907, 5.1214],
      ['Eindhoven', '5611 AA', 51.4416, 5.4697],
      ['Venlo', '5911 AA', 51.3704, 6.1724],
      ['Tilburg', '5038 AA', 51.5555, 5.0913],
      ['Groningen', '9711 AA', 53.2194, 6.5665],
    ],
  },
  BE: {
    timeZone: 'Europe/Brussels',
    rows: [
      ['Bruxelles', '1000', 50.8503, 4.3517],
      ['Antwerpen', '2000', 51.2194, 4.4025],
      ['Gent', '9000', 51.0543, 3.7174],
      ['Liège', '4000', 50.6326, 5.5797],
      ['Charleroi', '6000', 50.4108, 4.4446],
      ['Brugge', '8000', 51.2093, 3.2247],
    ],
  },
  FR: {
    timeZone: 'Europe/Paris',
    rows: [
      ['Paris', '75001', 48.8566, 2.3522],
      ['Lyon', '69001', 45.764, 4.8357],
      ['Marseille', '13001', 43.2965, 5.3698],
      ['Lille', '59000', 50.6292, 3.0573],
      ['Toulouse', '31000', 43.6047, 1.4442],
      ['Strasbourg', '67000', 48.5734, 7.7521],
      ['Bordeaux', '33000', 44.8378, -0.5792],
      ['Nantes', '44000', 47.2184, -1.5536],
      ['Rouen', '76000', 49.4432, 1.0999],
      ['Metz', '57000', 49.1193, 6.1757],
    ],
  },
  IT: {
    timeZone: 'Europe/Rome',
    rows: [
      ['Milano', '20121', 45.4642, 9.19],
      ['Torino', '10121', 45.0703, 7.6869],
      ['Verona', '37121', 45.4384, 10.9916],
      ['Bologna', '40121', 44.4949, 11.3426],
      ['Roma', '00118', 41.9028, 12.4964],
      ['Napoli', '80121', 40.8518, 14.2681],
      ['Padova', '35121', 45.4064, 11.8768],
      ['Bergamo', '24121', 45.6983, 9.6773],
      ['Catanzaro', '88100', 38.9098, 16.5877],
    ],
  },
  ES: {
    timeZone: 'Europe/Madrid',
    rows: [
      ['Madrid', '28001', 40.4168, -3.7038],
      ['Barcelona', '08001', 41.3874, 2.1686],
      ['Valencia', '46001', 39.4699, -0.3763],
      ['Zaragoza', '50001', 41.6488, -0.8891],
      ['Sevilla', '41001', 37.3891, -5.9845],
      ['Bilbao', '48001', 43.263, -2.935],
      ['Murcia', '30001', 37.9922, -1.1307],
    ],
  },
  AT: {
    timeZone: 'Europe/Vienna',
    rows: [
      ['Wien', '1010', 48.2082, 16.3738],
      ['Graz', '8010', 47.0707, 15.4395],
      ['Linz', '4020', 48.3069, 14.2858],
      ['Salzburg', '5020', 47.8095, 13.055],
      ['Innsbruck', '6020', 47.2692, 11.4041],
      ['Wels', '4600', 48.1575, 14.0289],
    ],
  },
  HU: {
    timeZone: 'Europe/Budapest',
    rows: [
      ['Budapest', '1051', 47.4979, 19.0402],
      ['Győr', '9021', 47.6875, 17.6504],
      ['Debrecen', '4024', 47.5316, 21.6273],
      ['Szeged', '6720', 46.253, 20.1414],
      ['Miskolc', '3525', 48.1035, 20.7784],
      ['Pécs', '7621', 46.0727, 18.2323],
    ],
  },
  RO: {
    timeZone: 'Europe/Bucharest',
    rows: [
      ['București', '010011', 44.4268, 26.1025],
      ['Cluj-Napoca', '400001', 46.7712, 23.6236],
      ['Timișoara', '300001', 45.7489, 21.2087],
      ['Iași', '700001', 47.1585, 27.6014],
      ['Constanța', '900001', 44.1598, 28.6348],
      ['Brașov', '500001', 45.6427, 25.5887],
      ['Arad', '310001', 46.1866, 21.3123],
    ],
  },
}

export const places: readonly Place[] = Object.entries(byCountry).flatMap(
  ([country, { timeZone, rows }]) =>
    rows.map(([locality, postalCode, latitude, longitude]) => ({
      country,
      postalCode,
      locality,
      latitude,
      longitude,
      timeZone,
    })),
)

export const countries: readonly string[] = Object.keys(byCountry)

/** How often each country appears at either end of a generated freight (PL and DE dominate). */
export const countryWeights: readonly (readonly [string, number])[] = [
  ['PL', 30],
  ['DE', 25],
  ['NL', 6],
  ['CZ', 5],
  ['FR', 5],
  ['IT', 5],
  ['LT', 4],
  ['BE', 4],
  ['AT', 3],
  ['ES', 3],
  ['SK', 2],
  ['HU', 2],
  ['RO', 2],
  ['LV', 2],
  ['EE', 2],
]

export function placesIn(country: string): readonly Place[] {
  return places.filter((place) => place.country === country)
}
