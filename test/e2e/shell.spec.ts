import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from './fixtures'

const packageJson = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'),
) as { version: string; productName: string }

test('the shell shows the version and data folder that main reports', async ({ page, host }) => {
  await page.goto(host.url)
  await expect(page.getByTestId('app-version')).toHaveText(
    `${packageJson.productName} ${packageJson.version}`,
  )
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText(host.dataDir)
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Browser preview')
  // The token leaves the address bar once read.
  await expect.poll(() => page.url()).not.toContain(host.token)
})

test('the sidebar switches screens by click and by keyboard', async ({ page, host }) => {
  await page.goto(host.url)
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('button', { name: /Freights/ })).toHaveAttribute(
    'aria-current',
    'page',
  )
  await nav.getByRole('button', { name: /Accounts/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts')
  await page.keyboard.press('Control+2')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shares')
  await expect(nav.getByRole('button', { name: /Shares/ })).toHaveAttribute('aria-current', 'page')
})

test('a reload keeps working with the token kept for this tab', async ({ page, host }) => {
  await page.goto(host.url)
  await expect(page.getByTestId('app-version')).toBeVisible()
  await page.reload()
  await expect(page.getByTestId('app-version')).toContainText(packageJson.version)
})

test('without the token the page says which link to open', async ({ page, host }) => {
  await page.goto(host.origin)
  await expect(page.getByRole('alert')).toContainText('the full address Freightdesk showed')
})
