/**
 * Adding accounts through the real UI against provider simulators started here: their addresses
 * typed into the form, credentials checked by the real services, secrets in the real keychain
 * (under a service name of this test, swept afterwards), and the Trans.eu sign-in followed in a
 * second browser tab from the provider's page back to the app's loopback listener.
 */
import { keychainEntries } from '../support/keychain'
import { startSpotGoSimulator } from '../../electron/main/simulators/spotgo/server'
import { startTranseuSimulator } from '../../electron/main/simulators/transeu/server'
import { expect, test as base, withKeychainHost, type KeychainHost } from './fixtures'

const test = base.extend<{ keychainHost: KeychainHost }>({
  // eslint-disable-next-line no-empty-pattern
  keychainHost: ({}, use) => withKeychainHost([], use),
})

test('adds a SpotGo account: a wrong key is refused on its field, the right one connects', async ({
  page,
  keychainHost: host,
}) => {
  const sim = await startSpotGoSimulator({ seed: 11, freights: 5 })
  try {
    await page.goto(host.url)
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /Accounts/ })
      .click()
    const firstRun = page.getByRole('region', { name: 'Get started' })
    await expect(firstRun.getByRole('heading', { name: 'No accounts yet' })).toBeVisible()
    await firstRun.getByRole('button', { name: 'Add account' }).click()

    const dialog = page.getByRole('dialog', { name: 'Add an account' })
    await expect(dialog.getByLabel('Provider')).toHaveValue('spotgo')
    // Inline validation before anything is sent.
    await dialog.getByRole('button', { name: 'Add account' }).click()
    await expect(dialog.getByText('Enter a name')).toBeVisible()
    await expect(dialog.getByLabel('Name')).toBeFocused()

    await dialog.getByLabel('Name').fill('SpotGo Kraków')
    await dialog.getByLabel('Environment').selectOption('custom')
    await dialog.getByLabel('Address').fill(sim.baseUrl)
    await dialog.getByLabel('Owner e-mail').fill(sim.credentials.ownerEmail)
    await dialog.getByLabel('API key').fill('not-the-right-key-000')
    await dialog.getByRole('button', { name: 'Add account' }).click()
    await expect(dialog.getByText('SpotGo refused this API key').first()).toBeVisible()
    await expect(dialog.getByLabel('API key')).toHaveAttribute('aria-invalid', 'true')
    await expect(dialog.getByLabel('API key')).toBeFocused()

    await dialog.getByLabel('API key').fill(sim.credentials.apiKey)
    await dialog.getByRole('button', { name: 'Add account' }).click()
    await expect(dialog).toBeHidden()

    const row = page.getByRole('row', { name: /SpotGo Kraków/ })
    await expect(row.getByText('Connected')).toBeVisible()
    await expect(row.getByText('API key in keychain')).toBeVisible()
    await expect(row).toContainText(sim.baseUrl)
    await row.getByRole('button', { name: 'Test connection of SpotGo Kraków' }).click()
    await expect(row.getByRole('status')).toContainText(`Connected to SpotGo at ${sim.baseUrl}`)

    // The key went to the keychain and nowhere on the page.
    const entries = await keychainEntries(host.secretService)
    expect(entries.map((entry) => entry.password)).toEqual([sim.credentials.apiKey])
    expect(await page.content()).not.toContain(sim.credentials.apiKey)

    // Unreachable is its own state.
    await sim.faults.goOffline()
    await row.getByRole('button', { name: 'Test connection of SpotGo Kraków' }).click()
    await expect(row.getByText('Unreachable', { exact: true })).toBeVisible()
    await sim.faults.goOnline()
  } finally {
    await sim.stop()
  }
})

test('adds a Trans.eu account and signs in through the provider page in a new tab', async ({
  page,
  context,
  keychainHost: host,
}) => {
  const sim = await startTranseuSimulator({ seed: 12, freights: 5 })
  try {
    await page.goto(host.url)
    await page.keyboard.press('Control+3')
    // The header's button, which comes before the first-run offer's.
    await page.getByRole('button', { name: 'Add account' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Add an account' })
    await dialog.getByLabel('Provider').selectOption('transeu')
    await dialog.getByLabel('Name').fill('Trans.eu Wrocław')
    await dialog.getByLabel('Environment').selectOption('custom')
    await dialog.getByLabel('API address').fill(sim.baseUrl)
    await dialog.getByLabel('Client id').fill(sim.credentials.clientId)
    await dialog.getByLabel('Client secret').fill(sim.credentials.clientSecret)
    await dialog.getByLabel('Api-key').fill(sim.credentials.apiKey)
    await expect(dialog.getByLabel('to Freightdesk on this computer (127.0.0.1)')).toBeChecked()

    const providerTab = context.waitForEvent('page')
    await dialog.getByRole('button', { name: 'Add and sign in' }).click()
    const signIn = page.getByRole('dialog', { name: 'Sign in to Trans.eu: Trans.eu Wrocław' })
    await expect(signIn.getByRole('status')).toContainText('continues by itself')

    // The provider's own page, in the tab the app opened.
    const tab = await providerTab
    await tab.waitForLoadState()
    expect(tab.url()).toContain(`${sim.baseUrl}/oauth2/auth?`)
    expect(new URL(tab.url()).searchParams.get('code_challenge_method')).toBe('S256')
    await tab.getByLabel('Login').fill(sim.credentials.user.login)
    await tab.getByLabel('Password').fill(sim.credentials.user.password)
    await tab.getByRole('button', { name: 'Sign in and allow' }).click()
    // Back on the app's loopback listener.
    await expect(tab.getByRole('heading', { name: 'Signed in to Trans.eu' })).toBeVisible()
    expect(tab.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?code=/)
    await tab.close()

    await expect(signIn.getByText('Signed in to Trans.eu as Trans.eu Wrocław')).toBeVisible()
    await signIn.getByRole('button', { name: 'Done' }).click()
    const row = page.getByRole('row', { name: /Trans\.eu Wrocław/ })
    await expect(row.getByText('Connected')).toBeVisible()
    await expect(row.getByText('Signed in')).toBeVisible()
    await row.getByRole('button', { name: 'Test connection of Trans.eu Wrocław' }).click()
    await expect(row.getByRole('status')).toContainText('Connected to Trans.eu')

    const entries = await keychainEntries(host.secretService)
    expect(entries.map((entry) => entry.account.split('/')[1]).sort()).toEqual([
      'transeu.app',
      'transeu.tokens',
    ])
    const html = await page.content()
    for (const secret of [sim.credentials.clientSecret, sim.credentials.apiKey]) {
      expect(html).not.toContain(secret)
    }

    // Removing it asks first and takes the keychain entries with it.
    await row.getByRole('button', { name: 'Remove Trans.eu Wrocław' }).click()
    const confirm = page.getByRole('dialog', { name: 'Remove Trans.eu Wrocław?' })
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
    await confirm.getByRole('button', { name: 'Remove account' }).click()
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible()
    expect(await keychainEntries(host.secretService)).toEqual([])
  } finally {
    await sim.stop()
  }
})
