/**
 * The screenshots in docs/images/ (shown in docs/screens.md): every screen with sample data, at
 * 1440×900 and 1024×700. Not part of `npm test`; `npm run screenshots` makes them again.
 */
import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, invokeOn, test, withKeychainHost } from './fixtures'
import { grid } from './grid-helpers'

const images = path.join(__dirname, '..', '..', 'docs', 'images')

const screens = [
  { key: '1', name: 'freights', heading: 'Freights' },
  { key: '2', name: 'shares', heading: 'Shares' },
  { key: '3', name: 'accounts', heading: 'Accounts' },
  { key: '4', name: 'documents', heading: 'Documents' },
] as const

const sizes = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const

/** Fonts loaded and no focus ring on the picture. */
async function settle(page: Page) {
  await page.evaluate(async () => {
    await document.fonts.ready
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur()
  })
}

test('screenshots of every screen with sample data', async ({ page }) => {
  test.setTimeout(300_000)
  await withKeychainHost([], async (host) => {
    await invokeOn(host, 'sandbox.start')
    await expect
      .poll(
        async () =>
          (await invokeOn<Array<{ lastSyncedAt: string | null }>>(host, 'connectivity.get')).filter(
            (each) => each.lastSyncedAt !== null,
          ).length,
        { timeout: 180_000 },
      )
      .toBe(2)
    await page.goto(host.url)
    await expect(grid(page).locator('[role=row][data-freight-id]').first()).toBeVisible()
    for (const size of sizes) {
      await page.setViewportSize(size)
      for (const screen of screens) {
        await page.keyboard.press(`Control+${screen.key}`)
        await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible()
        if (screen.name === 'documents') {
          await page.getByRole('list', { name: 'Documents' }).getByRole('button').first().click()
        }
        if (screen.name === 'freights') {
          await expect(grid(page)).toHaveAttribute('aria-busy', 'false')
        }
        await settle(page)
        await page.screenshot({
          path: path.join(images, `${screen.name}-${size.width}x${size.height}.png`),
        })
      }
      // The freight detail beside the grid.
      await page.keyboard.press('Control+1')
      await grid(page).locator('[role=row][data-freight-id]').first().dblclick()
      await expect(page.getByRole('complementary')).toBeVisible()
      await settle(page)
      await page.screenshot({
        path: path.join(images, `freight-detail-${size.width}x${size.height}.png`),
      })
      await page.keyboard.press('Escape')
    }
  })
})
