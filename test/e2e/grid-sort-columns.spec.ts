/** Sorting (click, again, shift-click) and the column layout (choose, reorder, resize). */
import { freightColumn, type FreightColumnKey } from '@shared/domain/freight-columns'
import type { FreightPage } from '@shared/domain/freight-query'
import { columnTitle, formatCell } from '@shared/freight-format'
import { initialLayout } from '../../renderer/src/features/freights/query-state'
import { dispatcherFormat } from './dispatcher'
import { expect, test } from './fixtures'
import { expectCount, expected, expectShownIds, grid, openGrid } from './grid-helpers'

const header = (page: Parameters<typeof grid>[0], name: string) =>
  grid(page).getByRole('columnheader', { name, exact: true })

test('a click sorts, another reverses, a shift-click adds a sort key', async ({ page, seeded }) => {
  const { entries } = seeded
  await openGrid(page, seeded)
  // Soonest loading first: the Route column sorts by the loading window.
  await expect(header(page, 'Route')).toHaveAttribute('aria-sort', 'ascending')

  await header(page, 'Price').getByRole('button').click()
  await expect(header(page, 'Price')).toHaveAttribute('aria-sort', 'ascending')
  await expect(header(page, 'Route')).not.toHaveAttribute('aria-sort')
  let want = await expected(seeded, entries, { sort: [{ column: 'price', direction: 'asc' }] })
  await expectShownIds(page, want.ids)

  await header(page, 'Price').getByRole('button').click()
  await expect(header(page, 'Price')).toHaveAttribute('aria-sort', 'descending')
  want = await expected(seeded, entries, { sort: [{ column: 'price', direction: 'desc' }] })
  await expectShownIds(page, want.ids)

  await header(page, 'Capacity (t)')
    .getByRole('button')
    .click({ modifiers: ['Shift'] })
  await expect(header(page, 'Capacity (t)')).toHaveAttribute('aria-sort', 'other')
  await expect(header(page, 'Price')).toHaveAttribute('aria-sort', 'descending')
  await expect(header(page, 'Price')).toContainText('▼1')
  await expect(header(page, 'Capacity (t)')).toContainText('▲2')
  want = await expected(seeded, entries, {
    sort: [
      { column: 'price', direction: 'desc' },
      { column: 'capacity', direction: 'asc' },
    ],
  })
  await expectShownIds(page, want.ids)
  // Sorting keeps the filters: the count does not change.
  await expectCount(page, want.total)

  // Columns that cannot sort have no sort button.
  await expect(header(page, 'Truck bodies').getByRole('button')).toHaveCount(0)
})

test('columns are chosen, reordered and resized, and the grid follows', async ({
  page,
  seeded,
}) => {
  await openGrid(page, seeded)
  await page.getByRole('button', { name: /^Columns/ }).click()
  const chooser = page.getByRole('dialog', { name: 'Columns' })
  await chooser.getByRole('checkbox', { name: 'External number' }).uncheck()
  await chooser.getByRole('checkbox', { name: 'Volume (m³)' }).check()
  await chooser.getByRole('checkbox', { name: 'Reference' }).check()
  await chooser.getByRole('button', { name: 'Move Status up' }).click()
  await chooser.getByRole('button', { name: 'Move Status up' }).click()
  // The keyboard does the same: Alt+ArrowUp on a checkbox moves its column.
  await chooser.getByRole('checkbox', { name: 'Reference' }).focus()
  await page.keyboard.press('Alt+ArrowUp')
  await page.keyboard.press('Escape')

  const layout = initialLayout().columns.map((column) => ({ ...column }))
  const move = (key: FreightColumnKey, by: number) => {
    const index = layout.findIndex((column) => column.key === key)
    const [entry] = layout.splice(index, 1)
    layout.splice(index + by, 0, entry!)
  }
  layout.find((column) => column.key === 'externalNumber')!.visible = false
  layout.find((column) => column.key === 'volume')!.visible = true
  layout.find((column) => column.key === 'reference')!.visible = true
  move('status', -2)
  move('reference', -1)
  const shown = layout.filter((column) => column.visible).map((column) => column.key)
  const titles = shown.map((key) => columnTitle(freightColumn(key)))
  // A header may carry its sort mark (▲) after the title.
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  await expect(grid(page).getByRole('columnheader')).toHaveText([
    '',
    ...titles.map((title) => new RegExp(`^${escape(title)}[▲▼\\d]*$`)),
  ])

  // The cells follow the headers, and a newly shown column has its values.
  const page1 = await seeded.invoke<FreightPage>('freights.query', {
    columns: shown,
    limit: 10,
  })
  const rows = grid(page).locator('[role=row][data-freight-id]')
  for (const [index, row] of page1.rows.slice(0, 5).entries()) {
    const cells = rows.nth(index).getByRole('gridcell')
    await expect(cells).toHaveText([
      '',
      ...shown.map((key) => formatCell(key, row, dispatcherFormat)),
    ])
  }

  // Drag the edge of a header to resize it; Alt+ArrowRight on a header widens it by 10 px.
  const reference = header(page, 'Reference')
  // Shown after the default columns: scrolled into view to be dragged.
  await reference.scrollIntoViewIfNeeded()
  const before = (await reference.boundingBox())!
  const edge = reference.locator('.grid__resizer')
  const handle = (await edge.boundingBox())!
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2)
  await page.mouse.down()
  await page.mouse.move(handle.x + handle.width / 2 + 60, handle.y + handle.height / 2, {
    steps: 5,
  })
  await page.mouse.up()
  await expect
    .poll(async () => (await reference.boundingBox())!.width)
    .toBeCloseTo(before.width + 60, -1)
  const widened = (await reference.boundingBox())!.width
  await reference.getByRole('button').focus()
  await page.keyboard.press('Alt+ArrowRight')
  await expect.poll(async () => (await reference.boundingBox())!.width).toBeCloseTo(widened + 10, 0)
  // Rows are as wide as the headers.
  const cell = rows.first().locator('[data-column=reference]')
  await expect.poll(async () => (await cell.boundingBox())!.width).toBeCloseTo(widened + 10, 0)
})
