/** What the grid tests read off the page, the way a dispatcher (or a screen reader) sees it. */
import { expect, type Locator, type Page } from '@playwright/test'
import type { FreightFilterInput, FreightPage, FreightQuery } from '@shared/domain/freight-query'
import { ViewQuery } from '@shared/domain/saved-view'
import { oracleQuery } from '../support/freight-oracle'
import type { SeededEntry } from '../support/seeded-cache'
import type { SeededHost } from './fixtures'

export function grid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Freights' })
}

/**
 * Opens the app on the freights screen with every cached freight listed (the seeded freights load
 * in the past, which the default view leaves out) and waits for the first rows.
 */
export async function openGrid(page: Page, host: { url: string }): Promise<void> {
  await page.goto(host.url)
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false')
  await showAllDates(page)
  await expect(page.getByTestId('freight-count')).toHaveText(/^[\d,]+ freights?$/)
}

/** Waits until the rows on screen are those of the search `text` (typing may be ahead of them). */
export async function expectSearchShown(page: Page, text: string): Promise<void> {
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(`Search: ${text}`)
  await expect(grid(page)).toHaveAttribute('data-shown-search', text)
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false')
}

/** The number in "1,234 freights". */
export async function shownCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('freight-count').textContent()) ?? ''
  return Number(text.replace(/[^\d]/g, ''))
}

export async function expectCount(page: Page, count: number): Promise<void> {
  await expect(page.getByTestId('freight-count')).toHaveText(
    `${count.toLocaleString('en-US')} ${count === 1 ? 'freight' : 'freights'}`,
  )
}

/** The ids of the first `count` rows on screen, in row order (rows carry `data-freight-id`). */
export async function shownIds(page: Page, count = 20): Promise<number[]> {
  return grid(page)
    .locator('[role=row][data-freight-id]')
    .evaluateAll(
      (rows, n) =>
        rows
          .map((row) => [
            Number(row.getAttribute('aria-rowindex')),
            Number(row.getAttribute('data-freight-id')),
          ])
          .sort((a, b) => a[0]! - b[0]!)
          .filter(([rowIndex], index) => rowIndex === index + 2)
          .slice(0, n)
          .map(([, id]) => id!),
      count,
    )
}

/** Waits until the first rows on screen are `ids`. */
export async function expectShownIds(page: Page, ids: number[]): Promise<void> {
  await expect.poll(() => shownIds(page, ids.length), { timeout: 10_000 }).toEqual(ids)
}

/** The first ids and the total of `query`, from the oracle (no SQL) and from the real router. */
export async function expected(
  host: SeededHost,
  entries: SeededEntry[],
  input: FreightFilterInput & { sort?: FreightQuery['sort'] },
  count = 20,
): Promise<{ ids: number[]; total: number }> {
  const query = { ...ViewQuery.parse(input), offset: 0, limit: count, withFacets: false }
  const oracle = oracleQuery(entries, query)
  const page = await host.invoke<FreightPage>('freights.query', { ...query, columns: ['id'] })
  expect(
    page.rows.map((row) => row.id),
    'the router and the oracle agree',
  ).toEqual(oracle.ids)
  expect(page.total).toBe(oracle.total)
  return oracle
}

/**
 * A filter's control, `find` within the filter bar, or within its "More filters" list (opened
 * here) when the bar has no room for it at this width.
 */
export async function filterControl(
  page: Page,
  find: (scope: Locator) => Locator,
): Promise<Locator> {
  const bar = page.getByRole('search', { name: 'Filter freights' })
  await expect(bar).toBeVisible()
  if ((await find(bar).count()) > 0) return find(bar)
  await bar.getByRole('button', { name: /^More filters/ }).click()
  return find(page.getByRole('dialog', { name: 'More filters' }))
}

/** Opens a filter's list (a button named after it) and returns the panel. */
export async function openFilter(page: Page, title: string): Promise<Locator> {
  const button = await filterControl(page, (scope) =>
    scope.getByRole('button', { name: new RegExp(`^${title}(,|$)`) }),
  )
  await button.click()
  return page.getByRole('dialog', { name: `${title} filter` })
}

/** Checks or unchecks one of the filter bar's toggles ("Show gone", "Show hidden"). */
export async function setFilterToggle(page: Page, name: string, on: boolean): Promise<void> {
  const toggle = await filterControl(page, (scope) => scope.getByRole('checkbox', { name }))
  await toggle.setChecked(on)
}

/**
 * Value label -> count shown in an open filter list, once the list holds the counts of the
 * current filter (a list shows earlier counts as busy until the new ones arrive).
 */
export async function shownCounts(panel: Locator): Promise<Map<string, number>> {
  await expect(panel.locator('ul.multi-select__list')).toHaveAttribute('aria-busy', 'false')
  await expect(panel.getByTestId('facet-count').first()).toHaveText(/\d/)
  const pairs = await panel
    .locator('label')
    .evaluateAll((labels) =>
      labels.map((label) => [
        label.querySelector('.multi-select__label')?.textContent ?? '',
        label.querySelector('[data-testid=facet-count]')?.textContent ?? '',
      ]),
    )
  return new Map(pairs.map(([label, count]) => [label!, Number(count!.replace(/,/g, ''))]))
}

/**
 * Takes the default view's "loading from today" filter off (its chip), so the grid lists every
 * cached freight whatever the date; waits for the rows of the wider filter.
 */
export async function showAllDates(page: Page): Promise<void> {
  await expect(page.getByTestId('freight-count')).toHaveText(/^[\d,]+ freights?$/)
  const chip = page.getByRole('button', { name: /^Remove filter Loading from/ })
  if ((await chip.count()) === 0) return
  await chip.click()
  await expect(chip).toHaveCount(0)
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false')
}
