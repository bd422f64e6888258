/**
 * Sample data added and removed five times in a row, with the grid open in one tab and the
 * accounts screen in another (each lists the accounts, and so reads the keychain, whenever the
 * accounts change). The removal deletes keychain entries while those listings run: the host must
 * stay alive, and nothing of the sample accounts may be left in the keychain or the cache.
 */
import { keychainEntries } from '../support/keychain'
import { expect, invokeOn, test as base, withKeychainHost, type KeychainHost } from './fixtures'
import { grid, shownCount } from './grid-helpers'

const test = base.extend<{ emptyHost: KeychainHost }>({
  // eslint-disable-next-line no-empty-pattern
  emptyHost: ({}, use) => withKeychainHost([], use),
})

// Five starts of three simulators with sign-ins and the first pages of their syncs.
test.setTimeout(300_000)

test('sample data can be added and removed five times with the grid and the accounts open', async ({
  page,
  context,
  emptyHost: host,
}) => {
  await page.goto(host.url)
  const accountsPage = await context.newPage()
  await accountsPage.goto(host.url)
  await accountsPage.keyboard.press('Control+3')
  await expect(accountsPage.getByRole('heading', { level: 1 })).toHaveText('Accounts')

  const status = page.getByRole('contentinfo', { name: 'Status' })
  const offer = page.getByRole('region', { name: 'Get started' })
  const accountsOffer = accountsPage.getByRole('region', { name: 'Get started' })

  for (let round = 1; round <= 5; round++) {
    await offer.getByRole('button', { name: 'Try with sample data' }).click()
    await expect(status.getByRole('button', { name: 'Sample data: online' })).toBeVisible({
      timeout: 60_000,
    })
    // Both screens hear of the new accounts; the first synced freights reach the grid.
    await expect(accountsPage.getByRole('row', { name: /Sample data · Trans\.eu/ })).toBeVisible()
    await expect.poll(() => shownCount(page), { timeout: 60_000 }).toBeGreaterThan(0)
    await expect(grid(page).locator('[role=row][data-freight-id]').first()).toBeVisible()

    await status.getByRole('button', { name: 'Sample data: online' }).click()
    await page.getByRole('menuitem', { name: 'Remove sample data…' }).click()
    const confirm = page.getByRole('dialog', { name: 'Remove the sample data?' })
    await confirm.getByRole('button', { name: 'Remove sample data' }).click()
    await expect(confirm).toBeHidden({ timeout: 60_000 })

    // Gone everywhere: both screens offer sample data again, the grid is empty.
    await expect(offer.getByRole('button', { name: 'Try with sample data' })).toBeVisible()
    await expect(accountsOffer.getByRole('button', { name: 'Try with sample data' })).toBeVisible()
    await expect(page.getByTestId('freight-count')).toHaveText('0 freights')

    // The host answers, and neither the keychain nor the cache holds anything of the accounts.
    expect(await invokeOn<{ version: string }>(host, 'app.info')).toHaveProperty('version')
    expect(await keychainEntries(host.secretService), `round ${round}`).toEqual([])
    expect(await invokeOn<unknown[]>(host, 'accounts.list')).toEqual([])
    expect(await invokeOn<{ total: number }>(host, 'freights.query', {})).toMatchObject({
      total: 0,
    })
    expect(
      await invokeOn<{ total: number }>(host, 'freights.query', {
        includeGone: true,
        includeHidden: true,
      }),
    ).toMatchObject({ total: 0 })
    expect(await invokeOn<unknown[]>(host, 'outbox.list')).toEqual([])
    expect(await invokeOn<unknown[]>(host, 'shares.list', {})).toEqual([])
    expect(await invokeOn<{ state: string }>(host, 'sandbox.status')).toMatchObject({
      state: 'off',
    })
  }
  expect(host.output()).not.toMatch(/CRITICAL|SIGSEGV|No such secret item/)
})
