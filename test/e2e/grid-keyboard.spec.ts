/** The grid from the keyboard alone, with the roles and states a screen reader reads. */
import type { FreightDetail } from '@shared/domain/freight'
import { expect, test } from './fixtures'
import {
  expected,
  expectSearchShown,
  expectShownIds,
  grid,
  openFilter,
  openGrid,
} from './grid-helpers'

test('arrows move, Space selects, Shift extends, Enter opens, Escape closes, Ctrl+A and Ctrl+F', async ({
  page,
  seeded,
}) => {
  const { entries } = seeded
  await openGrid(page, seeded)
  const all = await expected(seeded, entries, {}, 40)
  const table = grid(page)
  await expect(table).toHaveAttribute('aria-rowcount', String(all.total + 1))
  await expect(table).toHaveAttribute('aria-multiselectable', 'true')

  // Tab from the search box through the filter bar reaches the grid; it is one tab stop.
  await table.focus()
  await expect(table).toHaveAttribute('aria-activedescendant', 'freight-row-0')
  const row = (index: number) => page.locator(`#freight-row-${index}`)
  await expect(row(0)).toHaveAttribute('aria-rowindex', '2')
  // The focused row is visibly marked while the grid has focus.
  await expect(row(0)).toHaveCSS('outline-style', 'solid')

  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown')
  await expect(table).toHaveAttribute('aria-activedescendant', 'freight-row-3')
  await page.keyboard.press('ArrowUp')
  await expect(table).toHaveAttribute('aria-activedescendant', 'freight-row-2')
  await expect(row(2)).toHaveAttribute('aria-selected', 'false')

  await page.keyboard.press('Space')
  await expect(row(2)).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('selected-count')).toHaveText('1 selected')
  await page.keyboard.press('Shift+ArrowDown')
  await page.keyboard.press('Shift+ArrowDown')
  await expect(page.getByTestId('selected-count')).toHaveText('3 selected')
  for (const index of [2, 3, 4]) await expect(row(index)).toHaveAttribute('aria-selected', 'true')
  await expect(row(5)).toHaveAttribute('aria-selected', 'false')
  expect(await row(4).getAttribute('data-freight-id')).toBe(String(all.ids[4]))

  // Enter opens the focused freight; the detail follows the focus; Escape closes it.
  await page.keyboard.press('Enter')
  const detail = page.getByRole('complementary', { name: /.+/ })
  const detailOf = async (id: number) => {
    const { freight } = await seeded.invoke<FreightDetail>('freights.get', { id })
    return freight.reference ?? freight.externalNumber ?? freight.providerId
  }
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(await detailOf(all.ids[4]!))
  await expect(table).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(await detailOf(all.ids[5]!))
  // Escape in a filter list closes only the list.
  const status = await openFilter(page, 'Status')
  await page.keyboard.press('Escape')
  await expect(status).toBeHidden()
  await expect(detail).toBeVisible()
  await table.focus()
  await page.keyboard.press('Escape')
  await expect(detail).toBeHidden()
  await expect(table).toBeFocused()

  // Page, End and Home move by screens and to the ends; far rows are fetched as they show.
  await page.keyboard.press('PageDown')
  const afterPage = Number(
    (await table.getAttribute('aria-activedescendant'))!.replace('freight-row-', ''),
  )
  expect(afterPage).toBeGreaterThan(10)
  await page.keyboard.press('End')
  const last = all.total - 1
  await expect(table).toHaveAttribute('aria-activedescendant', `freight-row-${last}`)
  await expect(row(last)).toHaveAttribute('aria-rowindex', String(all.total + 1))
  await expect(row(last)).toHaveAttribute('data-freight-id', /\d+/)
  await page.keyboard.press('Home')
  await expect(table).toHaveAttribute('aria-activedescendant', 'freight-row-0')

  await page.keyboard.press('Control+a')
  await expect(page.getByTestId('selected-count')).toHaveText(
    `All ${all.total.toLocaleString('en-US')} selected`,
  )
  await expect(row(0)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Space')
  await expect(page.getByTestId('selected-count')).toHaveText(
    `All ${(all.total - 1).toLocaleString('en-US')} selected`,
  )
  await expect(row(0)).toHaveAttribute('aria-selected', 'false')

  await page.keyboard.press('Control+f')
  const search = page.getByRole('searchbox', { name: 'Search freights' })
  await expect(search).toBeFocused()

  // A new search clears the row selection (the rows chosen may no longer be in view), once it
  // has applied: its chip is shown and the grid holds its rows.
  const found = await expected(seeded, entries, { text: 'lodz' }, 40)
  expect(found.total).toBeGreaterThan(1)
  await page.keyboard.type('lodz')
  await expectSearchShown(page, 'lodz')
  await expect(table).toHaveAttribute('aria-rowcount', String(found.total + 1))
  await expectShownIds(page, found.ids.slice(0, 10))
  await expect(page.getByTestId('selected-count')).toBeHidden()
  await expect(row(0)).toHaveAttribute('aria-selected', 'false')

  // Ctrl+A in a text field selects its text, not the rows.
  await table.focus()
  await page.keyboard.press('Space')
  await expect(page.getByTestId('selected-count')).toHaveText('1 selected')
  await page.keyboard.press('Control+f')
  await expect(search).toBeFocused()
  await page.keyboard.press('Control+a')
  await expect(search).toHaveJSProperty('selectionStart', 0)
  await expect(search).toHaveJSProperty('selectionEnd', 4)
  await expect(page.getByTestId('selected-count')).toHaveText('1 selected')
  await expect(row(1)).toHaveAttribute('aria-selected', 'false')
})
