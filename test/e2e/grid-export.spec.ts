/** Export of the current view, downloaded through the web host and read back. */
import { readFileSync } from 'node:fs'
import readXlsxFile from 'read-excel-file/node'
import { freightColumns, type FreightColumnKey } from '@shared/domain/freight-columns'
import { FreightQuery, type FreightPage } from '@shared/domain/freight-query'
import { columnTitle, formatCell } from '@shared/freight-format'
import { parseCsv } from '../support/csv-parse'
import { oracleQuery } from '../support/freight-oracle'
import { dispatcherFormat } from './dispatcher'
import { expect, test } from './fixtures'
import { expectCount, expected, grid, openFilter, openGrid, shownCount } from './grid-helpers'

test('exports the view as shown: its filters, sort and columns, to CSV and XLSX', async ({
  page,
  seeded,
}) => {
  const { entries } = seeded
  await openGrid(page, seeded)
  const status = await openFilter(page, 'Status')
  await status.getByRole('checkbox', { name: 'Accepted', exact: true }).check()
  await status.getByRole('checkbox', { name: 'Active', exact: true }).check()
  await page.keyboard.press('Escape')
  const price = grid(page).getByRole('columnheader', { name: 'Price' }).getByRole('button')
  await price.click()
  await price.click()
  await page.getByRole('button', { name: /^Columns/ }).click()
  const chooser = page.getByRole('dialog', { name: 'Columns' })
  await chooser.getByRole('checkbox', { name: 'Local ID' }).check()
  await chooser.getByRole('checkbox', { name: 'Account', exact: true }).uncheck()
  await chooser.getByRole('checkbox', { name: 'Loading metres (ldm)' }).check()
  await page.keyboard.press('Escape')

  const query = {
    statuses: ['accepted' as const, 'active' as const],
    sort: [{ column: 'price' as const, direction: 'desc' as const }],
  }
  const want = await expected(seeded, entries, query)
  await expectCount(page, want.total)

  // The columns as the grid shows them, in order (header text minus the sort mark).
  const titles = (await grid(page).getByRole('columnheader').allTextContents())
    .slice(1)
    .map((text) => text.replace(/[▲▼]\d*$/, ''))
  const byTitle = new Map<string, FreightColumnKey>(
    freightColumns.map((column) => [columnTitle(column), column.key]),
  )
  const keys = titles.map((title) => byTitle.get(title)!)
  expect(keys).toContain('id')
  expect(keys).not.toContain('accountName')

  await page.getByRole('button', { name: 'Export' }).click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^CSV/ }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^freights-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/)
  const text = readFileSync(await download.path(), 'utf8')
  expect(text.startsWith('\uFEFF')).toBe(true)
  const [header, ...records] = parseCsv(text.slice(1))
  expect(header).toEqual(titles)
  expect(records).toHaveLength(await shownCount(page))
  await expect(page.getByRole('status')).toContainText(
    `Exported ${want.total.toLocaleString('en-US')} freights to ${download.suggestedFilename()}`,
  )

  // Every row, in the order of the oracle (no SQL), with the values the grid formats.
  const all = oracleQuery(entries, { ...FreightQuery.parse(query), limit: 100_000 })
  const idColumn = keys.indexOf('id')
  expect(records.map((record) => Number(record[idColumn]))).toEqual(all.ids)
  const rows: FreightPage['rows'] = []
  while (rows.length < want.total) {
    const page1 = await seeded.invoke<FreightPage>('freights.query', {
      ...query,
      columns: keys,
      offset: rows.length,
      limit: 1000,
    })
    rows.push(...page1.rows)
  }
  records.forEach((record, index) => {
    expect(record).toEqual(
      keys.map((key) => {
        const shown = formatCell(key, rows[index]!, dispatcherFormat)
        return /^[=+\-@]/.test(shown) && typeof rows[index]![key] !== 'number' ? `'${shown}` : shown
      }),
    )
  })

  // The same view as an Excel workbook.
  await page.getByRole('button', { name: 'Export' }).click()
  const [workbookDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Excel workbook (.xlsx)' }).click(),
  ])
  expect(workbookDownload.suggestedFilename()).toMatch(/\.xlsx$/)
  // Read back with a spreadsheet reader of its own (read-excel-file), not the app's writer.
  const [sheet] = await readXlsxFile(await workbookDownload.path())
  const data = sheet!.data
  expect(data[0]).toEqual(titles)
  expect(data).toHaveLength(want.total + 1)
  expect(data.slice(1).map((row) => row[idColumn])).toEqual(all.ids)
})
