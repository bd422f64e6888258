/**
 * "Each row knows when its account last synced": two SpotGo accounts on their simulators, synced
 * through the real web host (scheduler off). The grid's "Account synced" column, each row's title
 * and the detail say when the row's account last synced, follow a later sync of one account, and
 * age as time passes (the page's clock is moved on).
 */
import type { Locator, Page } from '@playwright/test'
import type { Account } from '@shared/domain/account'
import type { AccountConnectivity } from '@shared/domain/sync'
import { startSpotGoSimulator } from '../../electron/main/simulators/spotgo/server'
import {
  expect,
  invokeOn,
  test as base,
  type RunningHost,
  withKeychainHost,
  type KeychainHost,
} from './fixtures'
import { grid, openGrid } from './grid-helpers'

const test = base.extend<{ syncHost: KeychainHost }>({
  // eslint-disable-next-line no-empty-pattern
  syncHost: ({}, use) => withKeychainHost(['--no-sync'], use),
})

/** Syncs `accountId` and answers when the account's last sync is after `after`. */
async function syncAndWait(host: RunningHost, accountId: string, after: string | null) {
  await invokeOn(host, 'sync.start', { accountId })
  let synced: string | null = null
  await expect
    .poll(
      async () => {
        const all = await invokeOn<AccountConnectivity[]>(host, 'connectivity.get')
        const entry = all.find((each) => each.accountId === accountId)
        synced = entry?.running === null ? entry.lastSyncedAt : null
        return synced !== null && (after === null || synced > after)
      },
      { timeout: 15_000 },
    )
    .toBe(true)
  return synced as unknown as string
}

/** The rendered rows of one account (by the Account column's text). */
function rowsOf(page: Page, accountName: string): Locator {
  return grid(page)
    .locator('[role=row][data-freight-id]')
    .filter({ has: page.locator('[data-column=accountName]', { hasText: accountName }) })
}

const syncedCell = (row: Locator) => row.locator('[data-column=accountSyncedAt]')

test('each row says when its account last synced, follows a new sync and ages', async ({
  page,
  syncHost: host,
}) => {
  const anchor = '2026-03-02T09:00:00Z'
  const [krakow, gdansk] = await Promise.all([
    startSpotGoSimulator({ seed: 81, freights: 12, anchor }),
    startSpotGoSimulator({ seed: 82, freights: 8, anchor }),
  ])
  try {
    const add = (name: string, sim: typeof krakow) =>
      invokeOn<Account>(host, 'accounts.add', {
        provider: 'spotgo',
        name,
        environment: 'custom',
        baseUrl: sim.baseUrl,
        ownerEmail: sim.credentials.ownerEmail,
        apiKey: sim.credentials.apiKey,
      })
    const depotKrakow = await add('Depot Kraków', krakow)
    const depotGdansk = await add('Depot Gdańsk', gdansk)
    const krakowFirst = await syncAndWait(host, depotKrakow.id, null)
    const gdanskSynced = await syncAndWait(host, depotGdansk.id, null)

    // The page's clock runs on from real time; the test moves it on below.
    await page.clock.install()
    await openGrid(page, host)
    await expect(page.getByTestId('freight-count')).toHaveText('20 freights')

    // Not shown by default: the column chooser offers it.
    await expect(grid(page).getByRole('columnheader', { name: 'Account synced' })).toHaveCount(0)
    await page.getByRole('button', { name: /^Columns/ }).click()
    await page
      .getByRole('dialog', { name: 'Columns' })
      .getByRole('checkbox', { name: 'Account synced' })
      .check()
    await page.keyboard.press('Escape')
    await expect(grid(page).getByRole('columnheader', { name: 'Account synced' })).toBeVisible()

    const krakowRows = rowsOf(page, 'Depot Kraków')
    const gdanskRows = rowsOf(page, 'Depot Gdańsk')
    await expect(krakowRows).toHaveCount(12)
    await expect(gdanskRows).toHaveCount(8)
    for (const [rows, syncedAt, name] of [
      [krakowRows, krakowFirst, 'Depot Kraków'],
      [gdanskRows, gdanskSynced, 'Depot Gdańsk'],
    ] as const) {
      for (const row of await rows.all()) {
        await expect(syncedCell(row)).toHaveText('now')
        await expect(syncedCell(row).locator('time')).toHaveAttribute('datetime', syncedAt)
        await expect(row).toHaveAttribute('title', new RegExp(`${name} last synced now \\(`))
      }
    }

    // A later sync of Kraków: its rows follow (from the sync status events), Gdańsk's do not.
    const krakowSecond = await syncAndWait(host, depotKrakow.id, krakowFirst)
    expect(krakowSecond > krakowFirst).toBe(true)
    for (const row of await krakowRows.all()) {
      await expect(syncedCell(row).locator('time')).toHaveAttribute('datetime', krakowSecond)
    }
    for (const row of await gdanskRows.all()) {
      await expect(syncedCell(row).locator('time')).toHaveAttribute('datetime', gdanskSynced)
    }

    // Time passes: the cells and titles age without a reload.
    await page.clock.fastForward('02:00:00')
    await expect(syncedCell(krakowRows.first())).toHaveText('2 hours ago')
    await expect(syncedCell(gdanskRows.first())).toHaveText('2 hours ago')
    await expect(gdanskRows.first()).toHaveAttribute(
      'title',
      /Depot Gdańsk last synced 2 hours ago/,
    )

    // The detail says it too.
    await gdanskRows.first().dblclick()
    const detail = page.getByRole('complementary', { name: /.+/ })
    const field = detail.locator('.detail__field', { hasText: 'Account synced' })
    await expect(field.locator('time')).toHaveAttribute('datetime', gdanskSynced)
    await expect(field).toContainText('2 hours ago')
  } finally {
    await Promise.all([krakow.stop(), gdansk.stop()])
  }
})
