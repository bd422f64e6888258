import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { generateScenario, type Scenario } from '../../../electron/main/simulators/data/generate'
import { buildPdf } from '../../../electron/main/simulators/data/pdf'
import { places } from '../../../electron/main/simulators/data/places'
import { SubmitBody } from '../../../electron/main/simulators/spotgo/shapes'
import {
  cregoDocumented,
  spotGoDocumented,
  transeuDocumented,
} from '../../support/documented-shapes'

const CregoDocument = cregoDocumented.document
const SpotGoFreight = spotGoDocumented.freight
const TranseuFreightDetail = transeuDocumented.detail
const spotGoFreightStatuses = ['Active', 'Expired', 'Cancelled', 'Completed']
const transeuFreightStatuses = [
  'new',
  'in_progress',
  'unsuccessful_publication',
  'waiting_for_publication',
  'accepted',
  'closed',
]
/** The bodies a temperature may be required for (the platform's documentation). */
const temperatureBodies = ['cooler', 'isotherm', 'hook-truck']

const anchor = '2026-03-02T09:00:00Z'
const anchorMs = Date.parse(anchor)

/** Everything the scenario holds, PDF bytes included, as one hash. */
function fingerprint(scenario: Scenario): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify({ ...scenario, crego: { documents: scenario.crego.documents } }))
  for (const document of scenario.crego.documents) {
    for (const file of document.files) hash.update(buildPdf(scenario.crego.contents.get(file.id)!))
  }
  return hash.digest('hex')
}

const small = () =>
  generateScenario({ seed: 42, anchor, spotgoFreights: 60, transeuFreights: 120, documents: 80 })

describe('determinism', () => {
  it('gives byte-identical data for the same seed and anchor, and other data for another seed', () => {
    const first = fingerprint(small())
    expect(fingerprint(small())).toBe(first)
    expect(
      fingerprint(
        generateScenario({
          seed: 43,
          anchor,
          spotgoFreights: 60,
          transeuFreights: 120,
          documents: 80,
        }),
      ),
    ).not.toBe(first)
  })

  it('does not depend on the machine time zone', () => {
    const before = process.env.TZ
    const here = fingerprint(small())
    try {
      process.env.TZ = 'Pacific/Chatham'
      expect(new Date(anchorMs).getTimezoneOffset()).not.toBe(0)
      expect(fingerprint(small())).toBe(here)
    } finally {
      if (before === undefined) delete process.env.TZ
      else process.env.TZ = before
    }
  })

  it('keeps the first freights when more are asked for', () => {
    const few = generateScenario({
      seed: 42,
      anchor,
      spotgoFreights: 10,
      transeuFreights: 10,
      documents: 0,
    })
    const many = generateScenario({
      seed: 42,
      anchor,
      spotgoFreights: 50,
      transeuFreights: 50,
      documents: 0,
    })
    expect(many.spotgo.freights.slice(0, 10)).toEqual(few.spotgo.freights)
    expect(many.transeu.freights.slice(0, 10)).toEqual(few.transeu.freights)
  })

  it('refuses impossible counts and documents without freights', () => {
    expect(() => generateScenario({ seed: 1, anchor, spotgoFreights: -1 })).toThrow(/whole number/)
    expect(() => generateScenario({ seed: 1, anchor, transeuFreights: 1.5 })).toThrow(
      /whole number/,
    )
    expect(() =>
      generateScenario({ seed: 1, anchor, spotgoFreights: 0, transeuFreights: 0, documents: 1 }),
    ).toThrow(/freights/)
    expect(() => generateScenario({ seed: 1, anchor: 'someday' })).toThrow(/instant/)
  })
})

describe('plausibility', () => {
  const scenario = small()
  const placeKey = (country: string, postal: string, locality: string) =>
    `${country}|${postal}|${locality}`
  const known = new Map(
    places.map((place) => [placeKey(place.country, place.postalCode, place.locality), place]),
  )

  /** The wall-clock time in a zone, by an independent formatter ("sv-SE" writes ISO-like dates). */
  const wallClock = (timeZone: string, iso: string) =>
    new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .format(new Date(iso))
      .replace(' ', 'T')

  it('makes SpotGo freights of the documented shape that pass its own submit rules', () => {
    for (const freight of scenario.spotgo.freights) {
      expect(SpotGoFreight.parse(freight)).toEqual(freight)
      expect(SubmitBody.safeParse(freight).success).toBe(true)
    }
  })

  it('places SpotGo freights at real places, with windows that end after they start', () => {
    for (const freight of scenario.spotgo.freights) {
      for (const { address } of freight.locations) {
        const place = known.get(placeKey(address.countryCode, address.postalCode, address.city))
        expect(place, `${address.city}`).toBeDefined()
        // Coordinates spelled either way, or left out for SpotGo to geocode.
        if (address.coordinates) {
          const latitude =
            'latitude' in address.coordinates
              ? address.coordinates.latitude
              : address.coordinates.lattitude
          expect([latitude, address.coordinates.longitude]).toEqual([
            place!.latitude,
            place!.longitude,
          ])
        }
      }
      const [loading, unloading] = freight.locations
      expect(Date.parse(loading!.period.endDate)).toBeGreaterThan(
        Date.parse(loading!.period.startDate),
      )
      expect(Date.parse(unloading!.period.endDate)).toBeGreaterThan(
        Date.parse(unloading!.period.startDate),
      )
      expect(Date.parse(unloading!.period.startDate)).toBeGreaterThan(
        Date.parse(loading!.period.endDate),
      )
      expect(Date.parse(freight.createdAt)).toBeLessThanOrEqual(anchorMs)
      expect(freight.updatedAt >= freight.createdAt).toBe(true)
      expect(freight.payment!.from).toBeGreaterThan(0)
      expect(freight.payment!.growTo!).toBeGreaterThanOrEqual(freight.payment!.from)
    }
  })

  it('spreads SpotGo freights over every status, with windows that fit the status', () => {
    const statuses = new Set(scenario.spotgo.freights.map((freight) => freight.status))
    expect([...statuses].sort()).toEqual([...spotGoFreightStatuses].sort())
    for (const freight of scenario.spotgo.freights) {
      const loadingStart = Date.parse(freight.locations[0]!.period.startDate)
      if (freight.status === 'Completed' || freight.status === 'Expired') {
        expect(loadingStart).toBeLessThan(anchorMs)
      }
    }
  })

  it('makes Trans.eu freights of the documented shape at real places, with matching local times', () => {
    for (const freight of scenario.transeu.freights) {
      expect(TranseuFreightDetail.parse(freight)).toEqual(freight)
      for (const stop of [freight.loading, freight.unloading]) {
        const place = known.get(
          placeKey(stop.place.country.toUpperCase(), stop.place.postal_code, stop.place.locality),
        )
        expect(place, stop.place.locality).toBeDefined()
        expect(stop.coordinates).toEqual({ latitude: place!.latitude, longitude: place!.longitude })
        const { timespans } = stop
        expect(timespans.timezone).toBe(place!.timeZone)
        expect(Date.parse(timespans.end)).toBeGreaterThan(Date.parse(timespans.begin))
        // The wall clock at the place, with its offset or without.
        expect(timespans.begin_local.slice(0, 19)).toBe(
          wallClock(timespans.timezone, timespans.begin),
        )
        expect(timespans.end_local.slice(0, 19)).toBe(wallClock(timespans.timezone, timespans.end))
      }
      expect(Date.parse(freight.unloading.timespans.begin)).toBeGreaterThan(
        Date.parse(freight.loading.timespans.end),
      )
      expect(Date.parse(freight.created)).toBeLessThanOrEqual(anchorMs)
      if (freight.temperature.min !== null) {
        expect(freight.truck_bodies.some((body) => temperatureBodies.includes(body))).toBe(true)
      }
    }
  })

  it('spreads Trans.eu freights over every status, each with the publication it implies', () => {
    const statuses = new Set(scenario.transeu.freights.map((freight) => freight.status))
    expect([...statuses].sort()).toEqual([...transeuFreightStatuses].sort())
    for (const freight of scenario.transeu.freights) {
      expect(freight.publication === null).toBe(freight.status === 'new')
      expect(freight.archived_at !== null).toBe(freight.status === 'closed')
      if (freight.archived_at) expect(Date.parse(freight.archived_at)).toBeLessThanOrEqual(anchorMs)
      if (freight.status === 'waiting_for_publication') {
        expect(freight.publication!.status).toBe('waiting_for_publication')
      }
      if (freight.status === 'in_progress') expect(freight.publication!.status).toBe('active')
      if (freight.status === 'accepted') {
        expect(freight.publication!.end_reason).toBe('accepted')
        expect(freight.carrier).not.toBeNull()
      }
    }
  })

  it('gives every freight a unique id and reference', () => {
    const ids = scenario.transeu.freights.map((freight) => freight.id)
    expect(new Set(ids).size).toBe(ids.length)
    const references = scenario.transeu.freights.map((freight) => freight.reference_number)
    expect(new Set(references).size).toBe(references.length)
    for (const reference of references)
      expect(reference).toMatch(/^FR\/\d{4}\/\d{2}\/\d{2}\/[0-9A-Z]{4}$/)
    const external = scenario.spotgo.freights.map((freight) => freight.externalNumber)
    expect(new Set(external).size).toBe(external.length)
  })

  it('links every document to a freight by reference, in its name and tags', () => {
    const references = new Set([
      ...scenario.spotgo.freights.map((freight) => freight.externalNumber),
      ...scenario.transeu.freights.map((freight) => freight.reference_number),
    ])
    const categories = new Set<string>()
    for (const document of scenario.crego.documents) {
      expect(CregoDocument.parse(document)).toEqual(document)
      const reference = document.tags[0]!
      expect(references.has(reference), reference).toBe(true)
      expect(document.name).toContain(reference)
      expect(Date.parse(document.created_at)).toBeLessThanOrEqual(anchorMs)
      categories.add(document.category)
    }
    expect([...categories].sort()).toEqual(['cmr', 'invoice', 'pod'])
  })

  it('writes small real PDFs whose cross-reference table points at every object', () => {
    for (const document of scenario.crego.documents.slice(0, 20)) {
      const file = document.files[0]!
      const bytes = buildPdf(scenario.crego.contents.get(file.id)!)
      expect(bytes.length).toBe(file.size)
      expect(bytes.length).toBeLessThan(4096)
      const text = bytes.toString('latin1')
      expect(text.startsWith('%PDF-1.4\n')).toBe(true)
      expect(text.endsWith('%%EOF\n')).toBe(true)
      const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1])
      expect(text.slice(startxref, startxref + 5)).toBe('xref\n')
      const entries = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) =>
        Number(match[1]),
      )
      expect(entries).toHaveLength(7)
      entries.forEach((offset, index) =>
        expect(text.slice(offset).startsWith(`${index + 1} 0 obj\n`)).toBe(true),
      )
      const stream = /<< \/Length (\d+) >>\nstream\n/.exec(text)!
      const streamStart = stream.index + stream[0].length
      expect(
        text.slice(streamStart + Number(stream[1]), streamStart + Number(stream[1]) + 10),
      ).toBe('\nendstream')
      expect(text).toContain('/Type /Catalog')
    }
  })

  it('folds text a standard PDF font cannot show and escapes PDF string syntax', () => {
    const text = buildPdf({ title: 'Łódź (Śródmieście) \\ ß', rows: [['Goods', 'a)b']] }).toString(
      'latin1',
    )
    expect(text).toContain('(Lodz \\(Srodmiescie\\) \\\\ ss) Tj')
    expect(text).toContain('(a\\)b) Tj')
  })
})

describe('scale', () => {
  it('keeps ids and references unique across thousands of freights', () => {
    const large = generateScenario({
      seed: 5,
      anchor,
      spotgoFreights: 3000,
      transeuFreights: 3000,
      documents: 500,
    })
    expect(new Set(large.spotgo.freights.map((freight) => freight.id)).size).toBe(3000)
    expect(new Set(large.transeu.freights.map((freight) => freight.reference_number)).size).toBe(
      3000,
    )
    expect(new Set(large.crego.documents.map((document) => document.id)).size).toBe(500)
  })
})
