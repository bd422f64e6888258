/**
 * `freights.valueCounts` against the query oracle: for every dimension the grid counts this way,
 * each value's count is the number of freights matching the filter with that value chosen instead
 * of the dimension's own choice.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { vehicleSizes, type publicationTypes } from '@shared/domain/freight'
import { FreightFilter, type FreightFilterInput } from '@shared/domain/freight-query'
import type { ValueCount, ValueCountDimension } from '@shared/grid'
import { createCore, type Core } from '../../../electron/main/core'
import { testAccounts } from '../../support/cache'
import { oracleMatches, type OracleEntry } from '../../support/freight-oracle'
import { createRecordingLogger } from '../../support/recording-logger'
import { buildSeededCache } from '../../support/seeded-cache'
import { makeTempDir } from '../../support/temp-dir'

let temp: ReturnType<typeof makeTempDir>
let core: Core
let entries: OracleEntry[]

beforeAll(() => {
  temp = makeTempDir('freightdesk-counts-')
  const dataDir = path.join(temp.dir, 'data')
  entries = buildSeededCache(dataDir, {
    count: 900,
    seed: 5,
    goneEvery: 20,
    hiddenEvery: 30,
  }).entries
  core = createCore({
    dataDir,
    shell: 'web',
    platform: 'linux',
    validateContracts: true,
    log: createRecordingLogger(),
  })
})

afterAll(async () => {
  await core.dispose()
  temp.remove()
})

async function counts(dimension: ValueCountDimension, filter: FreightFilterInput) {
  const result = await core.router.invoke('freights.valueCounts', { dimension, filter })
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.value as ValueCount[]
}

function expected(dimension: ValueCountDimension, filter: FreightFilter, value: string): number {
  const only: FreightFilter =
    dimension === 'account'
      ? { ...filter, accountIds: [value] }
      : dimension === 'vehicleSize'
        ? { ...filter, vehicleSizes: [value as (typeof vehicleSizes)[number]] }
        : dimension === 'publicationType'
          ? { ...filter, publicationTypes: [value as (typeof publicationTypes)[number]] }
          : dimension === 'unloadingCountry'
            ? { ...filter, unloading: { ...filter.unloading, countries: [value] } }
            : { ...filter, price: { ...filter.price, currencies: [value] } }
  return entries.filter((entry) => oracleMatches(entry, only)).length
}

const filters: FreightFilterInput[] = [
  {},
  { statuses: ['active', 'accepted'], truckBodies: ['curtainsider'] },
  { providers: ['transeu'], includeGone: true, vehicleSizes: ['lorry'], price: { min: 800 } },
  {
    loading: { countries: ['PL', 'DE'] },
    unloading: { countries: ['FR'] },
    accountIds: ['transeu-krakow'],
  },
]

describe('freights.valueCounts', () => {
  for (const dimension of [
    'account',
    'vehicleSize',
    'publicationType',
    'unloadingCountry',
    'currency',
  ] as const) {
    it(`counts ${dimension} values like the oracle, without the dimension's own choice`, async () => {
      for (const input of filters) {
        const filter = FreightFilter.parse(input)
        const answer = await counts(dimension, input)
        for (const entry of answer) {
          expect(entry.count, `${dimension}=${entry.value} for ${JSON.stringify(input)}`).toBe(
            expected(dimension, filter, entry.value),
          )
        }
        // Nothing with a count is left out: every value present in the matching freights is listed.
        const listed = new Set(answer.map((entry) => entry.value))
        const present = new Set(
          entries.flatMap((entry) => {
            const f = entry.freight
            switch (dimension) {
              case 'account':
                return [entry.accountId]
              case 'vehicleSize':
                return f.vehicleSizes.length > 0 ? f.vehicleSizes : [...vehicleSizes]
              case 'publicationType':
                return f.publication.types
              case 'unloadingCountry':
                return [f.unloading.place.country]
              case 'currency':
                return f.price ? [f.price.currency] : []
            }
          }),
        )
        for (const value of present) {
          if (expected(dimension, filter, value) > 0) expect(listed).toContain(value)
        }
      }
    })
  }

  it('names accounts and keeps a chosen value that matches nothing', async () => {
    const answer = await counts('account', { accountIds: ['transeu-wroclaw'], text: 'zzzz-none' })
    expect(answer).toEqual([{ value: 'transeu-wroclaw', label: 'Trans.eu Wrocław', count: 0 }])
    const all = await counts('account', {})
    expect(all.map((entry) => entry.label).sort()).toEqual(
      testAccounts.map((account) => account.name).sort(),
    )
  })

  it('lets other calls run while it counts, and gives way to a newer request', async () => {
    const order: string[] = []
    const first = counts('currency', {}).then((value) => {
      order.push('first counts')
      return value
    })
    const page = core.router.invoke('freights.query', { limit: 10 }).then(() => order.push('page'))
    const second = counts('currency', { statuses: ['active'] }).then((value) => {
      order.push('second counts')
      return value
    })
    const [replaced, , latest] = await Promise.all([first, page, second])
    expect(replaced).toEqual([])
    expect(latest.length).toBeGreaterThan(0)
    expect(order.indexOf('page')).toBeLessThan(order.indexOf('second counts'))
  })
})
