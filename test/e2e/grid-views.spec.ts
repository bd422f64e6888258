/**
 * Saved views as tabs: created from the current filters, restored after a reload and after a
 * restart of the app, renamed, deleted.
 */
import { rmSync } from 'node:fs'
import type { SavedView } from '@shared/domain/saved-view'
import type { GridState } from '@shared/grid'
import { copySeededCache, expect, invokeOn, startHost, stopHost, test } from './fixtures'
import {
  expectCount,
  expected,
  expectShownIds,
  grid,
  openFilter,
  openGrid,
  showAllDates,
} from './grid-helpers'

test('a saved view keeps filters, sort and columns and survives a reload', async ({
  page,
  seeded,
}) => {
  const { entries } = seeded
  await openGrid(page, seeded)
  const tabs = page.getByRole('tablist', { name: 'Views' })

  const status = await openFilter(page, 'Status')
  await status.getByRole('checkbox', { name: 'Active', exact: true }).check()
  await page.keyboard.press('Escape')
  const bodies = await openFilter(page, 'Truck body')
  await bodies.getByRole('checkbox', { name: 'Curtainsider', exact: true }).check()
  await page.keyboard.press('Escape')
  const loading = await openFilter(page, 'Loading country')
  await loading.getByRole('checkbox', { name: 'Poland (PL)' }).check()
  await page.keyboard.press('Escape')
  await grid(page).getByRole('columnheader', { name: 'Price' }).getByRole('button').click()
  await grid(page).getByRole('columnheader', { name: 'Price' }).getByRole('button').click()
  await page.getByRole('button', { name: /^Columns/ }).click()
  await page
    .getByRole('dialog', { name: 'Columns' })
    .getByRole('checkbox', { name: 'External number' })
    .uncheck()
  await page.keyboard.press('Escape')
  await expect(tabs.getByRole('tab', { name: /All freights/ })).toContainText('modified')

  const filter = {
    statuses: ['active' as const],
    truckBodies: ['curtainsider' as const],
    loading: { countries: ['PL'] },
    sort: [{ column: 'price' as const, direction: 'desc' as const }],
  }
  const want = await expected(seeded, entries, filter)
  await expectCount(page, want.total)
  await expectShownIds(page, want.ids)

  await page.getByRole('button', { name: 'Save as view…' }).click()
  const form = page.getByRole('dialog', { name: 'Save as a new view' })
  await form.getByLabel('View name').fill('PL curtainsiders')
  await form.getByRole('button', { name: 'Save view' }).click()
  const tab = tabs.getByRole('tab', { name: 'PL curtainsiders' })
  await expect(tab).toHaveAttribute('aria-selected', 'true')
  await expect(tab).not.toContainText('modified')

  // Stored in main as exactly what the grid shows.
  const [stored] = await seeded.invoke<SavedView[]>('views.list')
  expect(stored!.query).toMatchObject(filter)
  expect(stored!.layout.columns.find((column) => column.key === 'externalNumber')!.visible).toBe(
    false,
  )

  const headers = await grid(page).getByRole('columnheader').allTextContents()
  await page.reload()
  await expect(tabs.getByRole('tab', { name: 'PL curtainsiders' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await expectCount(page, want.total)
  await expectShownIds(page, want.ids)
  await expect(grid(page).getByRole('columnheader')).toHaveText(headers)
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('Status: Active')

  // All freights kept its own state; switching back brings the view's again.
  // (Its default "loading from today" filter, taken off, leaves every freight.)
  await tabs.getByRole('tab', { name: /All freights/ }).click()
  await showAllDates(page)
  const all = await expected(seeded, entries, {})
  await expectCount(page, all.total)
  await tabs.getByRole('tab', { name: 'PL curtainsiders' }).click()
  await expectCount(page, want.total)

  // A name in use is refused on the field; renaming keeps the filters.
  await page.getByRole('button', { name: 'Save as view…' }).click()
  await form.getByLabel('View name').fill('pl CURTAINSIDERS')
  await form.getByRole('button', { name: 'Save view' }).click()
  await expect(form.getByRole('alert')).toContainText('Another view has this name')
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'Rename…' }).click()
  const rename = page.getByRole('dialog', { name: 'Rename view' })
  await rename.getByLabel('View name').fill('PL to anywhere, curtainsiders')
  await rename.getByRole('button', { name: 'Rename' }).click()
  await expect(tabs.getByRole('tab', { name: 'PL to anywhere, curtainsiders' })).toBeVisible()
  await page.reload()
  await expect(tabs.getByRole('tab', { name: 'PL to anywhere, curtainsiders' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await expectCount(page, want.total)

  await page.getByRole('button', { name: 'Delete…' }).click()
  await page
    .getByRole('dialog', { name: 'Delete view' })
    .getByRole('button', {
      name: 'Delete view',
    })
    .click()
  await expect(tabs.getByRole('tab')).toHaveText(['All freights'])
  await page.reload()
  await expect(tabs.getByRole('tab')).toHaveCount(1)
  expect(await seeded.invoke<SavedView[]>('views.list')).toEqual([])
})

test('the views, the open tab and its unsaved edits come back after the app restarts', async ({
  page,
}) => {
  const { dataDir, entries } = copySeededCache()
  let running = await startHost(dataDir)
  try {
    const host = {
      ...running.host,
      entries,
      invoke: <T>(channel: string, input?: unknown) => invokeOn<T>(running.host, channel, input),
    }
    await openGrid(page, host)
    const tabs = page.getByRole('tablist', { name: 'Views' })
    const status = await openFilter(page, 'Status')
    await status.getByRole('checkbox', { name: 'Accepted', exact: true }).check()
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Save as view…' }).click()
    const form = page.getByRole('dialog', { name: 'Save as a new view' })
    await form.getByLabel('View name').fill('My accepted')
    await form.getByRole('button', { name: 'Save view' }).click()
    await expect(tabs.getByRole('tab', { name: 'My accepted' })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    // An unsaved edit of the open view: sorted by price, descending.
    const price = grid(page).getByRole('columnheader', { name: 'Price' }).getByRole('button')
    await price.click()
    await price.click()
    await expect(tabs.getByRole('tab', { name: /My accepted/ })).toContainText('modified')
    const filter = {
      statuses: ['accepted' as const],
      sort: [{ column: 'price' as const, direction: 'desc' as const }],
    }
    const want = await expected(host, entries, filter)
    await expectShownIds(page, want.ids)
    // Main has the open tab with its edit (written a moment after the last change).
    await expect
      .poll(async () => (await host.invoke<GridState>('grid.state')).working)
      .toMatchObject({ viewId: expect.any(Number), query: filter })
    await page.goto('about:blank')

    await stopHost(running.child)
    running = await startHost(dataDir)
    await page.goto(running.host.url)
    await expect(tabs.getByRole('tab')).toHaveText(['All freights', /^My accepted/])
    await expect(tabs.getByRole('tab', { name: /My accepted/ })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    await expect(tabs.getByRole('tab', { name: /My accepted/ })).toContainText('modified')
    await expectCount(page, want.total)
    await expectShownIds(page, want.ids)
    await expect(grid(page).getByRole('columnheader', { name: 'Price' })).toHaveAttribute(
      'aria-sort',
      'descending',
    )
  } finally {
    await stopHost(running.child)
    rmSync(dataDir, { recursive: true, force: true })
  }
})
