/**
 * Filtering as the dispatcher does it, checked against the seeded cache: every count and every
 * first row is compared with the query oracle (plain code over the generated freights, no SQL)
 * and with the real router, never with a hard-coded number.
 */
import { FreightFilter, type FreightFilterInput } from '@shared/domain/freight-query'
import { valueLabel } from '@shared/freight-format'
import { oracleFacets, oracleMatches } from '../support/freight-oracle'
import { expect, test } from './fixtures'
import {
  expectCount,
  expectSearchShown,
  expectShownIds,
  expected,
  filterControl,
  grid,
  openFilter,
  openGrid,
  setFilterToggle,
  shownCounts,
} from './grid-helpers'

test('facet filters narrow the list, each value showing its count', async ({ page, seeded }) => {
  const { entries } = seeded
  await openGrid(page, seeded)
  const all = await expected(seeded, entries, {})
  await expectCount(page, all.total)
  await expectShownIds(page, all.ids)

  const status = await openFilter(page, 'Status')
  const statusCounts = await shownCounts(status)
  for (const { value, count } of oracleFacets(entries, FreightFilter.parse({})).status) {
    expect(statusCounts.get(valueLabel(value)), value).toBe(count)
  }
  await status.getByRole('checkbox', { name: 'Active', exact: true }).check()
  await status.getByRole('checkbox', { name: 'Accepted', exact: true }).check()
  await page.keyboard.press('Escape')
  await expect(status).toBeHidden()
  let filter: FreightFilterInput = { statuses: ['active', 'accepted'] }
  let want = await expected(seeded, entries, filter)
  await expectCount(page, want.total)
  await expectShownIds(page, want.ids)

  // Truck body counts are computed under the status filter.
  const bodies = await openFilter(page, 'Truck body')
  const bodyCounts = await shownCounts(bodies)
  const bodyFacet = oracleFacets(entries, FreightFilter.parse(filter)).truckBody
  expect(bodyCounts.size).toBe(bodyFacet.length)
  for (const { value, count } of bodyFacet) expect(bodyCounts.get(valueLabel(value))).toBe(count)
  await bodies.getByRole('checkbox', { name: 'Curtainsider', exact: true }).check()
  await page.keyboard.press('Escape')
  filter = { ...filter, truckBodies: ['curtainsider'] }

  const countries = await openFilter(page, 'Loading country')
  const countryCounts = await shownCounts(countries)
  for (const { value, count } of oracleFacets(entries, FreightFilter.parse(filter))
    .loadingCountry) {
    expect(
      countryCounts.get(
        `${new Intl.DisplayNames(['en'], { type: 'region' }).of(value)} (${value})`,
      ),
    ).toBe(count)
  }
  await countries.getByRole('checkbox', { name: 'Poland (PL)' }).check()
  await countries.getByRole('checkbox', { name: 'Germany (DE)' }).check()
  await page.keyboard.press('Escape')
  filter = { ...filter, loading: { countries: ['PL', 'DE'] } }

  const providers = await openFilter(page, 'Provider')
  const providerCounts = await shownCounts(providers)
  for (const { value, count } of oracleFacets(entries, FreightFilter.parse(filter)).provider) {
    expect(providerCounts.get(valueLabel(value))).toBe(count)
  }
  await providers.getByRole('checkbox', { name: 'Trans.eu' }).check()
  await page.keyboard.press('Escape')
  filter = { ...filter, providers: ['transeu'] }
  want = await expected(seeded, entries, filter)
  await expectCount(page, want.total)
  await expectShownIds(page, want.ids)

  // The chips name every filter; removing one removes only it.
  const chips = page.getByRole('list', { name: 'Active filters' })
  await expect(chips.getByRole('listitem')).toHaveText([
    /Status: Active, Accepted/,
    /Provider: Trans\.eu/,
    /Truck body: Curtainsider/,
    /Loading country: PL, DE/,
    /Clear all filters/,
  ])
  await chips.getByRole('button', { name: 'Remove filter Provider: Trans.eu' }).click()
  const { providers: _removed, ...withoutProvider } = filter
  want = await expected(seeded, entries, withoutProvider)
  await expectCount(page, want.total)
  await expectShownIds(page, want.ids)

  await chips.getByRole('button', { name: 'Clear all filters' }).click()
  await expectCount(page, all.total)
  await expectShownIds(page, all.ids)
})

test('filters without a cache facet show counts too: account, unloading country, size, publication, currency', async ({
  page,
  seeded,
}) => {
  const { entries } = seeded
  await openGrid(page, seeded)
  const count = (filter: FreightFilterInput) =>
    entries.filter((entry) => oracleMatches(entry, FreightFilter.parse(filter))).length

  const accounts = await openFilter(page, 'Account')
  const accountCounts = await shownCounts(accounts)
  expect(accountCounts.get('Trans.eu Kraków')).toBe(count({ accountIds: ['transeu-krakow'] }))
  expect(accountCounts.get('SpotGo Kraków')).toBe(count({ accountIds: ['spotgo-krakow'] }))
  await accounts.getByRole('checkbox', { name: 'Trans.eu Kraków' }).check()
  await page.keyboard.press('Escape')
  let filter: FreightFilterInput = { accountIds: ['transeu-krakow'] }

  const sizes = await openFilter(page, 'Vehicle size')
  const sizeCounts = await shownCounts(sizes)
  expect(sizeCounts.get('Lorry')).toBe(count({ ...filter, vehicleSizes: ['lorry'] }))
  await sizes.getByRole('checkbox', { name: 'Lorry' }).check()
  await page.keyboard.press('Escape')
  filter = { ...filter, vehicleSizes: ['lorry'] }

  const published = await openFilter(page, 'Published to')
  const publishedCounts = await shownCounts(published)
  expect(publishedCounts.get('Exchange')).toBe(count({ ...filter, publicationTypes: ['exchange'] }))
  await published.getByRole('checkbox', { name: 'Exchange' }).check()
  await page.keyboard.press('Escape')
  filter = { ...filter, publicationTypes: ['exchange'] }

  const unloading = await openFilter(page, 'Unloading country')
  const unloadingCounts = await shownCounts(unloading)
  expect(unloadingCounts.get('Germany (DE)')).toBe(
    count({ ...filter, unloading: { countries: ['DE'] } }),
  )
  await unloading.getByRole('checkbox', { name: 'Germany (DE)' }).check()
  await page.keyboard.press('Escape')
  filter = { ...filter, unloading: { countries: ['DE'] } }

  const currencies = await openFilter(page, 'Currency')
  const currencyCounts = await shownCounts(currencies)
  expect(currencyCounts.get('EUR')).toBe(count({ ...filter, price: { currencies: ['EUR'] } }))
  await currencies.getByRole('checkbox', { name: 'EUR' }).check()
  await page.keyboard.press('Escape')
  filter = { ...filter, price: { currencies: ['EUR'] } }

  const want = await expected(seeded, entries, filter)
  expect(want.total).toBeGreaterThan(0)
  await expectCount(page, want.total)
  await expectShownIds(page, want.ids)
})

test('places, dates, price, the gone and hidden toggles and the seen choice', async ({
  page,
  seeded,
}) => {
  const { entries } = seeded
  await openGrid(page, seeded)
  // A postal-code prefix that occurs: the first two characters of a Polish loading code.
  const polish = entries.find((entry) => entry.freight.loading.place.country === 'PL')!
  const prefix = polish.freight.loading.place.postalCode.slice(0, 1)

  await openFilter(page, 'Places, dates, price')
  const panel = page.getByRole('dialog', { name: 'Places, dates and price' })
  const loading = panel.getByRole('group', { name: 'Loading', exact: true })
  await loading.getByLabel('Postal code starts with').fill(prefix)
  await loading.getByLabel('Loading from (local day)').fill('2026-02-01')
  await loading.getByLabel('Loading until (local day)').fill('2026-03-31')
  const unloading = panel.getByRole('group', { name: 'Unloading', exact: true })
  await unloading.getByLabel('Place starts with').fill('')
  await panel.getByRole('group', { name: 'Price' }).getByLabel('At least').fill('900')
  await panel.getByRole('group', { name: 'Price' }).getByLabel('At least').press('Enter')
  await page.keyboard.press('Escape')
  let filter: FreightFilterInput = {
    loading: { postalCodePrefix: prefix, dateFrom: '2026-02-01', dateTo: '2026-03-31' },
    price: { min: 900 },
  }
  let want = await expected(seeded, entries, filter)
  expect(want.total).toBeGreaterThan(0)
  await expectCount(page, want.total)
  await expectShownIds(page, want.ids)

  await setFilterToggle(page, 'Show hidden', true)
  filter = { ...filter, includeHidden: true }
  want = await expected(seeded, entries, filter)
  await expectCount(page, want.total)

  const seen = await filterControl(page, (scope) => scope.getByRole('combobox', { name: 'Seen' }))
  await seen.selectOption('unseen')
  filter = { ...filter, seen: false }
  want = await expected(seeded, entries, filter)
  await expectCount(page, want.total)
  await expectShownIds(page, want.ids)

  // A date range that ends before it starts is refused where it is typed, not sent.
  await page.keyboard.press('Escape')
  await openFilter(page, 'Places, dates, price')
  await panel
    .getByRole('group', { name: 'Loading', exact: true })
    .getByLabel('Loading until (local day)')
    .fill('2026-01-01')
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be used' })).toContainText(
    'Must not be before the start date',
  )
  await expectCount(page, want.total)
})

test('text search ignores case and diacritics and finds notes and tags', async ({
  page,
  seeded,
}) => {
  const { entries } = seeded
  await openGrid(page, seeded)
  const search = page.getByRole('searchbox', { name: 'Search freights' })
  await grid(page).click()
  await page.keyboard.press('Control+f')
  await expect(search).toBeFocused()

  await page.keyboard.type('lodz')
  const plain = await expected(seeded, entries, { text: 'lodz' })
  const accented = await expected(seeded, entries, { text: 'ŁÓDŹ' })
  expect(plain).toEqual(accented)
  const withLodz = entries.filter((entry) =>
    [entry.freight.loading.place.locality, entry.freight.unloading.place.locality].includes('Łódź'),
  )
  expect(plain.total).toBeGreaterThanOrEqual(
    withLodz.filter((entry) => !entry.goneAt && !entry.hidden).length,
  )
  await expectCount(page, plain.total)
  await expectShownIds(page, plain.ids)
  // "lodz" also finds contacts at spedycja-lodz.example: every word of every field counts.

  // The same count as "lodz": it only says something once the new search has applied.
  await search.fill('ŁÓDŹ')
  await expectSearchShown(page, 'ŁÓDŹ')
  await expectCount(page, accented.total)
  await expectShownIds(page, accented.ids)

  await search.fill('pilne')
  await expectSearchShown(page, 'pilne')
  const tagged = await expected(seeded, entries, { text: 'pilne' })
  expect(tagged.total).toBe(
    entries.filter((entry) => entry.tags.includes('pilne') && !entry.goneAt && !entry.hidden)
      .length,
  )
  await expectCount(page, tagged.total)
  await expectShownIds(page, tagged.ids)
})
