/**
 * Sandbox mode through the real UI, from an empty data folder: choose "Try with sample data",
 * see the freights the built-in simulators serve, filter them, share one and copy its link (read
 * back through the web host's clipboard route), then switch the sample providers offline and keep
 * browsing the offline cache.
 */
import { expect, invokeOn, test as base, withKeychainHost, type KeychainHost } from './fixtures'
import { grid, openFilter, showAllDates, shownCount } from './grid-helpers'

const test = base.extend<{ emptyHost: KeychainHost }>({
  // eslint-disable-next-line no-empty-pattern
  emptyHost: ({}, use) => withKeychainHost([], use),
})

// Starting three simulators, signing in and syncing a few thousand freights on a shared machine.
test.setTimeout(180_000)

test('sample data from the first run: browse, filter, share, copy, go offline', async ({
  page,
  emptyHost: host,
}) => {
  await page.goto(host.url)
  const offer = page.getByRole('region', { name: 'Get started' })
  await expect(offer.getByRole('button', { name: 'Add account' })).toBeVisible()
  await offer.getByRole('button', { name: 'Try with sample data' }).click()

  // Labelled everywhere: sidebar, status bar, and the accounts the rows belong to.
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByText('Sample data'),
  ).toBeVisible()
  const status = page.getByRole('contentinfo', { name: 'Status' })
  await expect(status.getByRole('button', { name: 'Sample data: online' })).toBeVisible({
    timeout: 60_000,
  })

  // Freights arrive with the sync; wait until both freight accounts finished their first run.
  await expect
    .poll(
      async () => {
        const list = await invokeOn<Array<{ provider: string; lastSyncedAt: string | null }>>(
          host,
          'connectivity.get',
        )
        return list.filter((entry) => entry.lastSyncedAt !== null).length
      },
      { timeout: 150_000 },
    )
    .toBeGreaterThanOrEqual(2)
  // The default view: loading from today on. The grid shows what the router answers for the
  // same filter, once it has heard of the last stored page.
  const total = async (filter: object) =>
    (await invokeOn<{ total: number }>(host, 'freights.query', filter)).total
  expect(await total({ loading: { fromToday: true } })).toBeGreaterThan(0)
  await showAllDates(page)
  const all = await total({})
  expect(all).toBeGreaterThan(1000)
  await expect.poll(() => shownCount(page), { timeout: 30_000 }).toBe(all)
  const accounts = await invokeOn<
    Array<{ provider: string; sandbox: boolean; cachedFreights: number }>
  >(host, 'accounts.list')
  expect(accounts.map((account) => [account.provider, account.sandbox]).sort()).toEqual([
    ['crego', true],
    ['spotgo', true],
    ['transeu', true],
  ])
  const spotgoCached = await total({ providers: ['spotgo'] })

  // Filter: SpotGo only.
  const providers = await openFilter(page, 'Provider')
  await providers.getByRole('checkbox', { name: 'SpotGo' }).check()
  await page.keyboard.press('Escape')
  await expect.poll(() => shownCount(page)).toBe(spotgoCached)
  // Rows name their account: the sample account.
  await expect(
    grid(page).getByRole('gridcell', { name: 'Sample data · SpotGo' }).first(),
  ).toBeVisible()
  await expect(grid(page).getByRole('gridcell', { name: 'Sample data · Trans.eu' })).toHaveCount(0)
  expect(spotgoCached).toBeGreaterThan(0)
  expect(spotgoCached).toBeLessThan(all)

  // Share the first SpotGo freight: the link is made and copied in one step.
  const firstRow = grid(page).locator('[role=row][data-freight-id]').first()
  await firstRow.click()
  await page.getByRole('button', { name: 'Share…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Share freights' })
  await dialog.getByRole('button', { name: 'Create and copy' }).click()
  const created = page.getByRole('dialog', { name: 'Share link created' })
  const link = await created.getByLabel('Link').inputValue()
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
  await expect
    .poll(async () => {
      const response = await fetch(`${host.origin}/host/clipboard`, {
        headers: { authorization: `Bearer ${host.token}` },
      })
      return ((await response.json()) as { text?: string } | null)?.text ?? null
    })
    .toBe(link)
  // The link is served by the running SpotGo simulator.
  expect((await fetch(link)).status).toBe(200)
  await created.getByRole('button', { name: 'Done' }).click()

  // Offline from the status bar menu: the simulators refuse connections.
  await status.getByRole('button', { name: 'Sample data: online' }).click()
  await page.getByRole('menuitemcheckbox', { name: 'Sample providers offline' }).click()
  await expect(status.getByRole('button', { name: 'Sample data: offline' })).toBeVisible()
  await expect
    .poll(
      async () =>
        await fetch(link).then(
          () => 'up',
          () => 'down',
        ),
    )
    .toBe('down')
  await expect(status.getByText('Offline', { exact: true }).first()).toBeVisible({
    timeout: 30_000,
  })

  // The cache still answers: the filter comes off, every freight is back, a detail opens.
  await page.getByRole('button', { name: 'Remove filter Provider: SpotGo' }).click()
  await expect.poll(() => shownCount(page)).toBe(all)
  await grid(page).locator('[role=row][data-freight-id]').nth(2).dblclick()
  const detail = page.locator('aside.detail')
  await expect(detail).toBeVisible()
  await expect(detail.getByText(/Sample data · (SpotGo|Trans\.eu)/)).toBeVisible()
})
