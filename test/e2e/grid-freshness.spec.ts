/** Offline freshness: gone freights hidden, then greyed; "new since you last looked". */
import type { FreightPage } from '@shared/domain/freight-query'
import { dispatcherFormat } from './dispatcher'
import { seedTimes } from '../support/seed-constants'
import { expect, test } from './fixtures'
import { expectCount, expected, grid, openGrid, setFilterToggle, shownIds } from './grid-helpers'

test('gone freights are hidden by default and greyed when shown', async ({ page, seeded }) => {
  const { entries } = seeded
  const gone = entries.find((entry) => entry.goneAt !== null && !entry.hidden)!
  await openGrid(page, seeded)
  const withoutGone = await expected(seeded, entries, {})
  await expectCount(page, withoutGone.total)

  const search = page.getByRole('searchbox', { name: 'Search freights' })
  await search.fill(gone.freight.providerId)
  await search.press('Enter')
  await expectCount(page, 0)
  await expect(page.getByRole('heading', { name: 'No freights match these filters' })).toBeVisible()

  await setFilterToggle(page, 'Show gone', true)
  await expectCount(page, 1)
  const row = grid(page).locator(`[data-freight-id="${gone.id}"]`)
  await expect(row).toHaveClass(/grid__row--gone/)
  await expect(row).toHaveAttribute(
    'title',
    `Gone since ${dispatcherFormat.dateTime(gone.goneAt!)}: the provider no longer lists it`,
  )
  // Muted and struck through, as the past is.
  const style = await row
    .locator('.grid__cell')
    .first()
    .evaluate((cell) => getComputedStyle(cell).textDecorationLine)
  expect(style).toContain('line-through')
  await expect(row.getByRole('gridcell').first()).toHaveText('Gone')

  await search.fill('')
  await search.press('Enter')
  const withGone = await expected(seeded, entries, { includeGone: true })
  await expectCount(page, withGone.total)
  expect(withGone.total - withoutGone.total).toBe(
    entries.filter((entry) => entry.goneAt !== null && !entry.hidden).length,
  )
})

test('freights stored after the last look are marked new until opened', async ({
  page,
  seeded,
}) => {
  const { entries } = seeded
  const isNew = (id: number) => {
    const entry = entries.find((each) => each.id === id)!
    return entry.firstSeenAt > seedTimes.between && !entry.seen
  }
  await openGrid(page, seeded)
  // Newest first: show "First synced" and sort on it, descending.
  await page.getByRole('button', { name: /^Columns/ }).click()
  await page
    .getByRole('dialog', { name: 'Columns' })
    .getByRole('checkbox', { name: 'First synced' })
    .check()
  await page.keyboard.press('Escape')
  const firstSynced = grid(page)
    .getByRole('columnheader', { name: 'First synced' })
    .getByRole('button')
  await firstSynced.click()
  await firstSynced.click()
  // The oracle does not know first-synced times; the router's order is the reference here.
  const want = await seeded.invoke<FreightPage>('freights.query', {
    sort: [{ column: 'firstSeenAt', direction: 'desc' }],
    columns: ['id'],
    limit: 20,
  })
  const wantIds = want.rows.map((row) => row.id)
  await expect.poll(() => shownIds(page, 20)).toEqual(wantIds)

  const marked = async () =>
    grid(page)
      .locator('[role=row][data-freight-id]')
      .evaluateAll((rows) =>
        rows
          .filter((row) => row.querySelector('.new-mark'))
          .map((row) => Number(row.getAttribute('data-freight-id'))),
      )
  const expectedNew = wantIds.filter(isNew)
  expect(expectedNew.length).toBeGreaterThan(0)
  expect(wantIds.some((id) => !isNew(id))).toBe(true)
  await expect
    .poll(async () => (await marked()).filter((id) => wantIds.includes(id)).sort())
    .toEqual([...expectedNew].sort())
  const newRow = grid(page).locator(`[data-freight-id="${expectedNew[0]}"]`)
  await expect(newRow.getByRole('gridcell').first()).toHaveText('New')

  // Opening it marks it seen: the mark goes.
  await newRow.dblclick()
  await expect(page.getByRole('complementary')).toBeVisible()
  await expect(newRow.locator('.new-mark')).toHaveCount(0)

  // Having looked now, the next start marks nothing that came before.
  await page.reload()
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false')
  await expect.poll(async () => (await shownIds(page, 20)).length).toBe(20)
  expect(await marked()).toEqual([])
})
