/**
 * One deterministic scenario for all three simulators: SpotGo freights, Trans.eu freights over
 * every status of the three lists, and Crego documents that name those freights. The same seed and
 * anchor give byte-identical data on every machine; each provider draws from its own seeded
 * stream, so the first N freights do not change when more are asked for.
 */
import type { Document as CregoDocument } from '../crego/shapes'
import type { Freight as SpotGoFreight } from '../spotgo/shapes'
import type { FreightDetail as TranseuFreightDetail } from '../transeu/shapes'
import { sandboxCompany } from './catalog'
import { generateCregoDocument, type CregoCategory, type FreightFacts } from './crego-documents'
import type { PdfContent } from './pdf'
import { createRandom, type Random } from './random'
import { generateSpotGoFreight, spotGoStatusOrder } from './spotgo-freights'
import { toInstant } from './time'
import { generateTranseuFreight, transeuStatusOrder } from './transeu-freights'

export interface ScenarioOptions {
  seed: number
  /** The instant the data is built around: windows fall before and after it, nothing is created after it. */
  anchor: number | string | Date
  spotgoFreights?: number
  transeuFreights?: number
  documents?: number
}

export const defaultScenarioCounts = { spotgoFreights: 40, transeuFreights: 120, documents: 60 }

export interface Scenario {
  seed: number
  /** UTC ISO-8601. */
  anchor: string
  spotgo: { ownerEmail: string; freights: SpotGoFreight[] }
  transeu: { freights: TranseuFreightDetail[] }
  crego: { documents: CregoDocument[]; contents: Map<string, PdfContent> }
}

/** Ids of generated Trans.eu freights start here and grow with the creation time. */
export const transeuFirstId = 70_000_000
/** External numbers: SpotGo serials start at 10,001, Trans.eu ones at 500,001, so they never meet. */
const serialBase = { spotgo: 10_000, transeu: 500_000 }
const maxCount = 1_000_000

export function generateScenario(options: ScenarioOptions): Scenario {
  const anchor = toInstant(options.anchor)
  const counts = {
    spotgoFreights: count(options.spotgoFreights, defaultScenarioCounts.spotgoFreights),
    transeuFreights: count(options.transeuFreights, defaultScenarioCounts.transeuFreights),
    documents: count(options.documents, defaultScenarioCounts.documents),
  }
  const root = createRandom(options.seed)

  const spotgoRandom = root.fork('spotgo')
  const spotgoFreights: SpotGoFreight[] = []
  for (let i = 0; i < counts.spotgoFreights; i++) {
    spotgoFreights.push(
      generateSpotGoFreight(spotgoRandom, {
        anchor,
        serial: serialBase.spotgo + i + 1,
        ownerEmail: sandboxCompany.email,
        // The first freights walk through every status so that small scenarios have them all.
        status: spotGoStatusOrder[i],
      }),
    )
  }

  const transeuRandom = root.fork('transeu')
  const usedReferences = new Set<string>()
  const transeuFreights: TranseuFreightDetail[] = []
  for (let i = 0; i < counts.transeuFreights; i++) {
    transeuFreights.push(
      generateTranseuFreight(transeuRandom, {
        anchor,
        id: transeuFirstId + i * 3 + (i % 3),
        serial: serialBase.transeu + i + 1,
        status: transeuStatusOrder[i],
        usedReferences,
      }),
    )
  }

  const crego = generateDocuments(root.fork('crego'), anchor, counts.documents, {
    count: spotgoFreights.length + transeuFreights.length,
    loadingStart: (index) =>
      Date.parse(
        index < spotgoFreights.length
          ? (spotgoFreights[index]?.locations[0]?.period.startDate ?? '')
          : (transeuFreights[index - spotgoFreights.length]?.loading.timespans.begin ?? ''),
      ),
    facts: (index) =>
      index < spotgoFreights.length
        ? spotGoFacts(spotgoFreights[index] as SpotGoFreight)
        : transeuFacts(transeuFreights[index - spotgoFreights.length] as TranseuFreightDetail),
  })

  return {
    seed: options.seed,
    anchor: new Date(anchor).toISOString(),
    spotgo: { ownerEmail: sandboxCompany.email, freights: spotgoFreights },
    transeu: { freights: transeuFreights },
    crego,
  }
}

/** Documents for freights picked by index; facts are built only for the freights that get some. */
function generateDocuments(
  random: Random,
  anchor: number,
  total: number,
  freights: {
    count: number
    loadingStart: (index: number) => number
    facts: (index: number) => FreightFacts
  },
): Scenario['crego'] {
  const documents: CregoDocument[] = []
  const contents = new Map<string, PdfContent>()
  if (total === 0) return { documents, contents }
  if (freights.count === 0) {
    throw new Error('Documents need freights to belong to: ask for some freights too.')
  }
  const indexes = Array.from({ length: freights.count }, (_, index) => index)
  // Documents go first to freights that have been loaded, then to the rest if more are wanted.
  const moved = indexes.filter((index) => freights.loadingStart(index) < anchor)
  const facts = new Map<number, FreightFacts>()
  const factsOf = (index: number) => {
    let found = facts.get(index)
    if (!found) facts.set(index, (found = freights.facts(index)))
    return found
  }
  const order = [...random.sample(moved, moved.length), ...random.sample(indexes, indexes.length)]
  let serial = 0
  for (let round = 0; documents.length < total; round++) {
    const freight = factsOf(order[round % order.length] as number)
    const unloaded = freight.unloadingEnd < anchor
    const categories: CregoCategory[] = ['cmr']
    if (unloaded && random.chance(0.8)) categories.push('pod')
    if (unloaded && random.chance(0.6)) categories.push('invoice')
    for (const category of categories) {
      if (documents.length === total) break
      const { document, contents: pages } = generateCregoDocument(random, {
        anchor,
        freight,
        category,
        serial: ++serial,
      })
      documents.push(document)
      for (const [fileId, content] of pages) contents.set(fileId, content)
    }
  }
  return { documents, contents }
}

function spotGoFacts(freight: SpotGoFreight): FreightFacts {
  const [loading, unloading] = freight.locations as [
    SpotGoFreight['locations'][number],
    SpotGoFreight['locations'][number],
  ]
  const stop = (location: typeof loading) => ({
    country: location.address.countryCode,
    postalCode: location.address.postalCode,
    locality: location.address.city,
  })
  return {
    provider: 'spotgo',
    reference: freight.externalNumber,
    from: stop(loading),
    to: stop(unloading),
    loadingStart: Date.parse(loading.period.startDate),
    unloadingEnd: Date.parse(unloading.period.endDate),
    goods: freight.requirements.temperature ? 'Temperature-controlled goods' : 'General cargo',
    weight: freight.requirements.capacity ?? 1,
    price: freight.payment
      ? { value: freight.payment.from, currency: freight.payment.currency }
      : null,
    carrier: null,
  }
}

function transeuFacts(freight: TranseuFreightDetail): FreightFacts {
  const stop = (place: TranseuFreightDetail['loading']['place']) => ({
    country: place.country.toUpperCase(),
    postalCode: place.postal_code,
    locality: place.locality,
  })
  const price = freight.accepted_price ?? freight.publication_price
  return {
    provider: 'transeu',
    reference: freight.reference_number,
    from: stop(freight.loading.place),
    to: stop(freight.unloading.place),
    loadingStart: Date.parse(freight.loading.timespans.begin),
    unloadingEnd: Date.parse(freight.unloading.timespans.end),
    goods: freight.loads[0]?.name ?? 'General cargo',
    weight: freight.capacity,
    price: price ? { value: price.value, currency: price.currency.toUpperCase() } : null,
    carrier: freight.carrier?.name ?? null,
  }
}

function count(value: number | undefined, fallback: number): number {
  const chosen = value ?? fallback
  if (!Number.isInteger(chosen) || chosen < 0 || chosen > maxCount) {
    throw new Error(`A scenario count must be a whole number from 0 to ${maxCount}, not ${chosen}.`)
  }
  return chosen
}
